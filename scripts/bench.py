#!/usr/bin/env python3
"""Scripted corpus benchmark (not run in CI).

Copies ../shared/corpus/docs COPIES times into a temporary folder, then times,
in the same run and on the same files:
  baseline  `cat` of every file (reading the bytes: the floor)
  check     `target/release/charterlint check --isolated --format json` on the folder
and prints the median of RUNS runs, the throughput and the ratio to the baseline.

Usage: cargo build --release && python3 scripts/bench.py [COPIES] [RUNS] [OTHER_BINARY]

With OTHER_BINARY (e.g. a release build of an earlier commit), it is timed in
the same run on the same files, and the ratio between the two is printed.
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start

def main():
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    docs = os.path.join(root, "..", "shared", "corpus", "docs")
    binary = os.path.join(root, "target", "release", "charterlint")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(copies):
            dest = os.path.join(tmp, f"copy{i}")
            shutil.copytree(docs, dest)
        for dirpath, _, names in os.walk(tmp):
            files += [os.path.join(dirpath, n) for n in names]
        size = sum(os.path.getsize(f) for f in files)
        base = statistics.median(timed(["cat", *files]) for _ in range(runs))
        check = statistics.median(timed([binary, "check", "--isolated", "--format", "json", tmp]) for _ in range(runs))
        print(f"{len(files)} files, {size / 1e6:.1f} MB, median of {runs} runs")
        print(f"baseline cat:      {base * 1000:8.1f} ms")
        print(f"charterlint check: {check * 1000:8.1f} ms  ({size / 1e6 / check:.1f} MB/s, {len(files) / check:.0f} files/s)")
        print(f"ratio check/cat:   {check / base:8.1f}x")
        if len(sys.argv) > 3:
            other = statistics.median(
                timed([sys.argv[3], "check", "--isolated", "--format", "json", tmp]) for _ in range(runs))
            print(f"other binary:      {other * 1000:8.1f} ms  ({size / 1e6 / other:.1f} MB/s)")
            print(f"ratio check/other: {check / other:8.2f}x")

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Hostile-input benchmark (not run in CI): is every kind of markup linear?

For each kind of input (ordinary prose, one endless sentence, and a dozen
kinds of unclosed or nested markup), writes 0.25 MB and 1 MB of it, times
`target/release/charterlint check --isolated` on each (median of RUNS runs),
and prints the time for 1 MB, its ratio to ordinary prose of the same size
measured in the same run, and the growth from 0.25 MB to 1 MB (4.0 is
linear; 16 would be quadratic).

Usage: cargo build --release && python3 scripts/bench_hostile.py [RUNS]
"""
import os, statistics, subprocess, sys, tempfile, time

SENTENCE = "We answer every customer question on our pages within a working day. "
KINDS = {
    "prose (baseline)": lambda n: "# Policy\n\n" + (SENTENCE * (n // len(SENTENCE))) + "\n",
    "one endless sentence": lambda n: "# Policy\n\n" + ("we answer customers and listen " * (n // 31)) + "\n",
    "endless denied list": lambda n: "# Policy\n\n" + ("never answer customers, or listen, " * (n // 35)) + "\n",
    "'- ' on one line": lambda n: "- " * (n // 2) + "\n",
    "'>' on ten lines": lambda n: (">" * (n // 10) + "\n") * 10,
    "'> ' nested quotes": lambda n: ("> " * (n // 20) + "x\n") * 10,
    "'[' unclosed links": lambda n: "# T\n\n" + "[" * n + "\n",
    "'![' unclosed images": lambda n: "# T\n\n" + "![" * (n // 2) + "\n",
    "'<' angle brackets": lambda n: "# T\n\n" + "<" * n + "\n",
    "'x <!-- ' comments": lambda n: "# T\n\n" + "x <!-- " * (n // 7) + "\n",
    "'{{<' shortcodes": lambda n: "# T\n\n" + "{{<" * (n // 3) + "\n",
    "'&' entities": lambda n: "# T\n\n" + "&" * n + "\n",
    "'*' emphasis": lambda n: "# T\n\n" + "*a " * (n // 3) + "\n",
    "'`' code spans": lambda n: "# T\n\n" + "a ` b `` c ``` " * (n // 15) + "\n",
    "'  - ' nested lists": lambda n: "".join("  " * (i % 300) + "- item\n" for i in range(n // 400)),
    # Every row read with its header, every item with its lead-in (once each).
    "table under a header": lambda n: "# Policy\n\n| Metric | Target |\n|---|---|\n"
    + "| Instagram followers | 5000 |\n" * (n // 32),
    "list under a lead-in": lambda n: "# Policy\n\nWe measure:\n\n" + "- followers on each network;\n" * (n // 30),
    # Each line of one paragraph opening with a label is a sentence of its own.
    "lettered lines, one paragraph": lambda n: "# Policy\n\nStaff must not:\n" + "a) answer customers;\n" * (n // 21),
    "blank lines in a YAML body": lambda n: "title: x\nsections:\n  - title: a\n    body: |\n      x\n" + "\n" * n + "      a) y\n",
    "YAML '[' flows": lambda n: "title: x\nsections:\n  - title: a\n    body: " + "[" * n + "\n",
}

def timed(binary, path, runs):
    def once():
        start = time.perf_counter()
        subprocess.run([binary, "check", "--isolated", "--format", "json", path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start
    return statistics.median(once() for _ in range(runs))

def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.join(root, "target", "release", "charterlint")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, make) in enumerate(KINDS.items()):
            times = []
            for size in (250_000, 1_000_000):
                ext = "yaml" if name.startswith("YAML") else "md"
                path = os.path.join(tmp, f"k{i}-{size}.{ext}")
                with open(path, "w") as f:
                    f.write(make(size))
                times.append(timed(binary, path, runs))
            results.append((name, times[0], times[1]))
    base = results[0][2]
    print(f"median of {runs} runs; ratio to 1 MB of prose ({base * 1000:.0f} ms) measured in the same run")
    print(f"{'input':24} {'1 MB':>9} {'vs prose':>9} {'growth x4':>10}")
    for name, small, large in results:
        print(f"{name:24} {large * 1000:7.0f}ms {large / base:8.2f}x {large / small:9.1f}")

if __name__ == "__main__":
    main()

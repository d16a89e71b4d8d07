#!/usr/bin/env python3
"""Offline licence and duplicate-version check of the dependencies.

Reads `cargo metadata --locked --offline` (every crate built for the project
on Linux: normal, build and dev dependencies) and deps-policy.toml. Fails,
naming each crate, when a licence expression does not hold with the allowed
licences (`A OR B` needs one side, `A AND B` both; old `A/B` means OR), when a
crate has no licence, or when a crate is built in two versions and the policy
does not say why. Run by .ci/run; `python3 scripts/check_deps.py` locally.
"""
import json, os, re, subprocess, sys, tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def holds(expression, allowed):
    """Whether an SPDX expression is satisfied by the allowed licences."""
    tokens = re.findall(r"\(|\)|[^\s()]+", expression.replace("/", " OR "))
    position = 0

    def parse_or():
        nonlocal position
        value = parse_and()
        while position < len(tokens) and tokens[position] == "OR":
            position += 1
            value = parse_and() or value
        return value

    def parse_and():
        nonlocal position
        value = parse_atom()
        while position < len(tokens) and tokens[position] == "AND":
            position += 1
            value = parse_atom() and value
        return value

    def parse_atom():
        nonlocal position
        token = tokens[position]
        position += 1
        if token == "(":
            value = parse_or()
            position += 1  # ")"
            return value
        if position < len(tokens) and tokens[position] == "WITH":
            exception = tokens[position + 1]
            position += 2
            return f"{token} WITH {exception}" in allowed
        return token in allowed

    return parse_or()

def self_test():
    """The expression reader on cases whose answer is known."""
    allowed = {"MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception"}
    cases = [("MIT OR GPL-3.0", True), ("GPL-3.0", False), ("MIT AND GPL-3.0", False),
             ("(MIT OR Apache-2.0) AND GPL-3.0", False), ("(MIT OR Apache-2.0) AND MIT", True),
             ("MIT/Apache-2.0", True), ("Apache-2.0 WITH LLVM-exception OR GPL-3.0", True),
             ("GPL-2.0 WITH Classpath-exception-2.0", False)]
    for expression, expected in cases:
        assert holds(expression, allowed) == expected, f"licence expression `{expression}` misread"

def main():
    self_test()
    with open(os.path.join(ROOT, "deps-policy.toml"), "rb") as f:
        policy = tomllib.load(f)
    allowed = set(policy["licenses"]["allow"])
    explained = policy.get("duplicates", {})
    metadata = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--offline",
         "--filter-platform", "x86_64-unknown-linux-gnu"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    packages = {p["id"]: p for p in metadata["packages"]}
    ours = set(metadata["workspace_members"])
    problems = []
    versions = {}
    for node in metadata["resolve"]["nodes"]:
        if node["id"] in ours:
            continue
        package = packages[node["id"]]
        name, licence = package["name"], package["license"]
        versions.setdefault(name, set()).add(package["version"])
        if not licence:
            problems.append(f"{name} {package['version']}: no licence declared")
        elif not holds(licence, allowed):
            problems.append(f"{name} {package['version']}: licence `{licence}` is not allowed")
    for name, found in sorted(versions.items()):
        if len(found) > 1 and name not in explained:
            problems.append(f"{name}: built in {len(found)} versions ({', '.join(sorted(found))}); "
                            "unify them or explain why under [duplicates] in deps-policy.toml")
    for name in sorted(explained):
        if len(versions.get(name, ())) < 2:
            problems.append(f"{name}: listed under [duplicates] but built in one version: remove it")
    crates = sum(len(v) for v in versions.values())
    if problems:
        print(f"dependency policy: {len(problems)} problem(s) in {crates} crates", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        sys.exit(1)
    print(f"dependency policy: {crates} crates, licences allowed, duplicates explained")

if __name__ == "__main__":
    main()

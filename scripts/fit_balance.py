#!/usr/bin/env python3
"""Fit the thresholds of the two balance rules from the stance of each sentence.

The engine gives each sentence a stance (protect / enable / neutral) and says
whether it constrains (a don't or a requirement); `charterlint frames` dumps
them. This script counts them per charter and searches the rules' thresholds:

- balance/e-reputation-focus fires when protective instructions are at least
  `min_guidance_share` of the guidance and `min_share` of the instructions
  that take a side (and at least 3). Fitted on charters composed from the
  training stance passages (data/train, the way the bank composes its own:
  6-10 passages, at most one enabling in five = focused, at least half =
  balanced) and on the development corpus labels: the objective is composed
  accuracy + document kappa.
- balance/prohibition-heavy fires when constraints are at least `min_share`
  of the guidance and `ratio` times the enabling dos (and at least
  `min_prohibitions`). Fitted on the development corpus labels.

With `--charters DIR` (the whole charters read, data/charters), their
authors' intents join the documents: one more organisation each.

Figures are printed in sample and cross-validated (5 folds by organisation
for documents). The chosen values are written by hand into
rules/balance/*.yaml: the script prints the candidates, a person picks.

Usage: python3 scripts/fit_balance.py [--bin target/release/charterlint] [--shared ../shared]
"""
import argparse
import json
import os
import random
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLE = {"fr": ("# Charte d'utilisation des médias sociaux", "## Article {n}"),
         "en": ("# Social media policy", "## Section {n}")}
TRAIN = ["en-a", "en-b", "fr-a", "fr-b"]
MIN_PROTECT = 3


def charter(lang, passages):
    title, heading = TITLE[lang]
    parts = [title, ""]
    for n, p in enumerate(passages, 1):
        parts += [heading.format(n=n), "", p.strip(), ""]
    return "\n".join(parts)


def counts(binary, paths):
    """Per file: protect, enable, neutral, constrains."""
    out = subprocess.run([binary, "frames"] + paths, capture_output=True, text=True, check=True).stdout
    result = []
    for line in out.splitlines():
        c = {"protect": 0, "enable": 0, "neutral": 0, "constrains": 0}
        for block in json.loads(line)["blocks"]:
            for stance, constrains in zip(block["stance"], block["constrains"]):
                c[stance] += 1
                c["constrains"] += constrains
        result.append(c)
    return result


def composed(binary, items, seeds=(1, 2, 3)):
    rows = []
    with tempfile.TemporaryDirectory() as d:
        paths, labels = [], []
        for seed in seeds:
            rng = random.Random(seed)
            for lang in ("en", "fr"):
                prot = [i for i in items if i["lang"] == lang and i["target"] == "stance:protect"]
                enab = [i for i in items if i["lang"] == lang and i["target"] == "stance:enable"]
                for k in range(40):
                    total = rng.randint(6, 10)
                    focused = k % 2 == 0
                    n_enable = rng.randint(0, total // 5) if focused else rng.randint((total + 1) // 2, total - 1)
                    chosen = rng.sample(prot, total - n_enable) + rng.sample(enab, n_enable)
                    rng.shuffle(chosen)
                    path = os.path.join(d, f"{seed}-{lang}-{k}.md")
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(charter(lang, [c["text"] for c in chosen]))
                    paths.append(path)
                    labels.append(focused)
        rows = list(zip(labels, counts(binary, paths)))
    return rows


def kappa(pairs):
    tp = sum(1 for f, l in pairs if f and l)
    fp = sum(1 for f, l in pairs if f and not l)
    fn = sum(1 for f, l in pairs if not f and l)
    tn = sum(1 for f, l in pairs if not f and not l)
    n = tp + fp + fn + tn
    po = (tp + tn) / n
    pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n)
    return 0.0 if pe == 1 else (po - pe) / (1 - pe)


def focus_fires(c, guidance_share, share):
    guidance = c["protect"] + c["enable"] + c["neutral"]
    p = c["protect"]
    return p >= MIN_PROTECT and p >= guidance_share * guidance and p >= share * (p + c["enable"])


def heavy_fires(c, floor, share, ratio):
    guidance = c["protect"] + c["enable"] + c["neutral"]
    d = c["constrains"]
    return d >= floor and d >= share * guidance and d >= ratio * c["enable"]


def cross_validated(docs, grid, fires, objective):
    """Kappa of documents predicted with thresholds fitted on the other organisations."""
    orgs = sorted({os.path.basename(d["file"]) for d in docs})
    random.Random(0).shuffle(orgs)
    pairs = []
    for fold in (orgs[i::5] for i in range(5)):
        train = [d for d in docs if os.path.basename(d["file"]) not in fold]
        best = max(grid, key=lambda g: objective(train, g))
        pairs += [(fires(d["counts"], *best), d["label"]) for d in docs if os.path.basename(d["file"]) in fold]
    return kappa(pairs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "charterlint"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--charters", help="whole charters with <name>.intent.json beside them")
    args = ap.parse_args()
    items = [json.loads(line) for name in TRAIN
             for line in open(os.path.join(ROOT, "data", "train", f"{name}.jsonl"), encoding="utf-8") if line.strip()]
    comp = composed(args.bin, items)
    labels = json.load(open(os.path.join(args.shared, "corpus", "labels.json"), encoding="utf-8"))
    labels = [l for l in labels if l.get("in_domain")]
    paths = [os.path.join(args.shared, "corpus", "docs", l["file"]) for l in labels]
    if args.charters:
        for name in sorted(os.listdir(args.charters)):
            if name.endswith(".intent.json"):
                intent = json.load(open(os.path.join(args.charters, name), encoding="utf-8"))
                labels.append({"file": name[: -len(".intent.json")] + ".md", **intent})
                paths.append(os.path.join(args.charters, labels[-1]["file"]))
    doc_counts = counts(args.bin, paths)

    # e-reputation-focus
    docs = [{"file": l["file"], "label": l["e_reputation_focus"], "counts": c} for l, c in zip(labels, doc_counts)]
    grid = [(g / 100, s / 100) for g in range(0, 50, 2) for s in range(40, 90, 2)]
    comp_acc = lambda g: sum(focus_fires(c, *g) == l for l, c in comp) / len(comp)
    doc_kappa = lambda ds, g: kappa([(focus_fires(d["counts"], *g), d["label"]) for d in ds])
    objective = lambda ds, g: comp_acc(g) + doc_kappa(ds, g)
    best = max(grid, key=lambda g: objective(docs, g))
    print("balance/e-reputation-focus (min_guidance_share, min_share)")
    print(f"  best in sample {best}: composed accuracy {comp_acc(best):.2f}, document kappa {doc_kappa(docs, best):.2f}")
    print(f"  document kappa cross-validated by organisation: "
          f"{cross_validated(docs, grid, focus_fires, objective):.2f}")
    points = [(comp_acc(g), doc_kappa(docs, g), g) for g in grid]
    print("  Pareto front (composed accuracy, document kappa, thresholds):")
    for a, k, g in sorted(points, reverse=True):
        if not any(a2 >= a and k2 > k for a2, k2, _ in points):
            print(f"    {a:.2f} {k:.2f} {g}")

    # prohibition-heavy
    docs = [{"file": l["file"], "label": l["prohibition_heavy"], "counts": c} for l, c in zip(labels, doc_counts)]
    grid = [(f, s / 100, r / 4) for f in (2, 3, 4, 5) for s in range(0, 50, 2) for r in range(2, 17)]
    objective = lambda ds, g: kappa([(heavy_fires(d["counts"], *g), d["label"]) for d in ds])
    best = max(grid, key=lambda g: objective(docs, g))
    print("balance/prohibition-heavy (min_prohibitions, min_share, ratio)")
    print(f"  best in sample {best}: document kappa {objective(docs, best):.2f}")
    print(f"  document kappa cross-validated by organisation: "
          f"{cross_validated(docs, grid, heavy_fires, objective):.2f}")


if __name__ == "__main__":
    main()

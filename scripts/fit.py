#!/usr/bin/env python3
"""Fit the weights of the topic frames (rules/language/topics.yaml).

Usage:
  python3 scripts/fit.py [--bin target/release/charterlint] [--shared ../shared] [--write] [--no-bank]

What it learns from (the binary reports which frames each block completes,
`charterlint frames`; this script never reads a word of the text):
  - data/train/*.jsonl: passages written for training, each set alone under a
    neutral heading; positive for the topics both labellings agree on;
  - the passage bank (`<shared>/corpus/bank/*.jsonl`, topic and topic-neg
    items): positive for their target, negative for the rest;
  - the development corpus (`<shared>/corpus/`): every block of a charter
    labelled as not covering a topic is a negative for it; in a charter that
    covers it, the block the current weights find strongest is a positive
    (multiple-instance learning, a few rounds).
Per topic, an L2-regularised logistic regression over the frames (Newton's
method), with the blocks weighted so that passages and documents count alike.

It reports cross-validated figures next to the in-sample ones: passages by
bank file (leave one file out), documents by organisation (five folds; a
translation goes with its source). `--write` writes the fitted weights back
into topics.yaml. Without `<shared>` it fits on data/train only.
"""
import argparse, json, math, os, random, subprocess, sys, tempfile

import yaml  # PyYAML
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CULTURE = {"customer-care", "listening", "dialogue", "employee-voice", "feedback-loop"}
TOPICS_YAML = os.path.join(ROOT, "rules", "language", "topics.yaml")
TITLE = {"fr": ("# Charte d'utilisation des médias sociaux", "## Article 1"),
         "en": ("# Social media policy", "## Section 1")}
L2 = float(os.environ.get("FIT_L2", "0.1"))
DOC_WEIGHT = float(os.environ.get("FIT_DOC_WEIGHT", "0.3"))
MIL_ROUNDS = 3


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def frames_of(binary, paths):
    """{path: (declared topics, [block: [(own, around, forbidden, kept concepts) per sentence]])}."""
    out = {}
    for start in range(0, len(paths), 400):
        proc = subprocess.run([binary, "frames"] + paths[start:start + 400], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"fit: {binary} frames failed:\n{proc.stderr[-2000:]}")
        for line in proc.stdout.splitlines():
            r = json.loads(line)
            out[r["path"]] = (set(r["declared"]),
                              [[(frozenset(own), frozenset(around), frozenset(forbidden), frozenset(kept))
                                for own, around, forbidden, kept in zip(b["sentences"], b["around"], b["forbidden"], b["kept"])]
                               for b in r["blocks"]])
    return out


def read_models():
    """topics.yaml as ({topic: anchors}, {topic: (bias, {frame: weight}), "size": size})."""
    with open(TOPICS_YAML, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    anchors = {t: set(m["anchors"]) for t, m in data["topics"].items()}
    ACTIONS.update({t: set(m.get("actions", [])) for t, m in data["topics"].items()})
    HEADING_NEEDS_TEXT.update({t for t, m in data["topics"].items() if m.get("heading_needs_text")})
    weights = {t: (m["bias"], {tuple(sorted(fr["all"])): fr["weight"] for fr in m["frames"]})
               for t, m in data["topics"].items()}
    weights["size"] = data["size"]
    return anchors, weights


def passages(binary, shared, use_bank):
    """Passage examples: (group, topic labels {t: 0/1}, blocks)."""
    items = []
    for path in sorted(os.listdir(os.path.join(ROOT, "data", "train"))):
        if not path.endswith(".jsonl") or path.endswith(".check.jsonl"):
            continue
        check = {c["id"]: c for c in read_jsonl(os.path.join(ROOT, "data", "train", path.replace(".jsonl", ".check.jsonl")))}
        set_items = read_jsonl(os.path.join(ROOT, "data", "train", path))
        if not any(it["target"].startswith("topic") for it in set_items):
            continue  # a broadcast-only set: its second labelling says nothing of topics
        for it in set_items:
            kind, _, what = it["target"].partition(":")
            agreed = check[it["id"]]["topics"]
            if (kind == "topic" and what not in agreed) or (kind == "topic-neg" and what in agreed):
                continue  # the two labellings disagree
            items.append(("train", it, set(agreed), None))
    if use_bank and shared:
        bank = os.path.join(shared, "corpus", "bank")
        for path in sorted(os.listdir(bank)):
            if not path.endswith(".jsonl"):
                continue
            for it in read_jsonl(os.path.join(bank, path)):
                kind, _, what = it["target"].partition(":")
                if kind == "topic":
                    items.append((path, it, {what}, None))
                elif kind == "topic-neg":
                    # Only its own topic is known to be absent.
                    items.append((path, it, set(), what))
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for n, (_, it, _, _) in enumerate(items):
            title, heading = TITLE[it["lang"]]
            p = os.path.join(d, f"{n}.md")
            with open(p, "w", encoding="utf-8") as f:
                f.write(f"{title}\n\n{heading}\n\n{it['text'].strip()}\n")
            paths.append(p)
        found = frames_of(binary, paths)
    examples = []
    for (group, it, positive, only), p in zip(items, paths):
        _, blocks = found[p]
        kind, _, what = it["target"].partition(":")
        labels = {}
        for t in read_models()[0]:
            if only is None:
                # A bank passage is written for one topic: the others count as absent.
                labels[t] = 1 if t in positive else 0
            elif t == only:
                labels[t] = 0
        examples.append({"group": group, "id": it["id"], "target": it["target"], "labels": labels,
                         "concepts": blocks, "declared": set()})
    return examples


def documents(binary, shared):
    labels = json.load(open(os.path.join(shared, "corpus", "labels.json"), encoding="utf-8"))
    labels = [l for l in labels if l.get("in_domain")]
    docs = os.path.join(shared, "corpus", "docs")
    found = frames_of(binary, [os.path.join(docs, l["file"]) for l in labels])
    out = []
    for l in labels:
        declared, blocks = found[os.path.join(docs, l["file"])]
        org = os.path.basename(l["file"]).split("-")[0]
        out.append({"group": org, "id": l["file"], "labels": {t: int(v) for t, v in l["topics"].items()},
                    "concepts": blocks, "declared": declared})
    return out


# Concepts that say what a sentence is, not what it is about: never in a frame.
NOT_IN_FRAMES = {"definition", "scope"}
MIN_SUPPORT = int(os.environ.get("FIT_MIN_SUPPORT", "3"))
# The frames proposed per topic: the most frequent in its positive passages.
MAX_FRAMES = int(os.environ.get("FIT_MAX_FRAMES", "60"))
MAX_TRAP_FRAMES = int(os.environ.get("FIT_MAX_TRAP_FRAMES", "15"))


# Per topic, its own actions (topics.yaml): a don't of one says for the topic
# only what lies outside it (the binary's `kept`).
ACTIONS = {}
# Topics whose heading covers them only with some of the topic in its text
# (written by hand in topics.yaml, kept as is).
HEADING_NEEDS_TEXT = set()


def block_features(block, actions):
    """Every frame a block completes for a topic with these actions: single
    concepts of a sentence, and pairs of concepts with at least one in the
    sentence, the other in it or around."""
    feats = set()
    for said, around, forbidden, kept in block:
        own = (kept if forbidden & actions else said) - NOT_IN_FRAMES
        around = around - NOT_IN_FRAMES
        for a in own:
            feats.add((a,))
            for b in around:
                if b != a:
                    feats.add(tuple(sorted((a, b))))
    return feats


def prepare(examples):
    for e in examples:
        e["feats"] = {t: [block_features(b, actions) for b in e["concepts"]] for t, actions in ACTIONS.items()}
    return examples


def block_score(model, feats):
    bias, weights = model
    return bias + sum(w for f, w in weights.items() if f in feats)


def best_block(model, blocks):
    return max(((block_score(model, f), f) for f in blocks), default=(-math.inf, set()))


def threshold(size, example):
    """What a block must score: zero for one block, rising with the log of a
    charter's number of blocks (the best of fifty noisy scores is higher than one)."""
    return size * math.log(max(1, len(example["concepts"])))


def covers(weights, topic, example):
    """A topic is covered by a heading, or by a block scoring at least the threshold."""
    return topic in example["declared"] or \
        best_block(weights[topic], example["feats"][topic])[0] >= threshold(weights["size"], example)


def doc_kappa(docs, topics, covered):
    """Kappa of "the rule fires" (the topic is not `covered(doc, topic)`) against the labels."""
    c = [0, 0, 0, 0]  # tp fp fn tn
    for d in docs:
        for t in topics:
            fires = not covered(d, t)
            missing = not d["labels"][t]
            c[0 if fires and missing else 1 if fires else 2 if missing else 3] += 1
    return kappa(*c) if docs else 0.0


def families(topics):
    return (("culture", [t for t in topics if t in CULTURE]), ("practice", [t for t in topics if t not in CULTURE]))


def solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c]:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def logistic(rows, n_features):
    """rows: (active features, label, weight). Returns [bias, w...]."""
    n = n_features + 1
    w = [0.0] * n
    for _ in range(12):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for i in range(1, n):
            grad[i] -= L2 * w[i]
            hess[i][i] -= L2
        for active, y, weight in rows:
            idx = [0] + [1 + f for f in active]
            z = sum(w[i] for i in idx)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            for i in idx:
                grad[i] += weight * (y - p)
                for j in idx:
                    hess[i][j] -= weight * p * (1 - p)
        step = solve([[-h for h in row] for row in hess], grad)
        w = [a + b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def fit(examples, docs, topics, previous):
    """(bias, {frame: weight}) per topic, fitted on passages and documents.
    Frames are proposed from the pairs and single concepts that occur in at
    least MIN_SUPPORT of the topic's positive passages."""
    weights = {}
    for topic in topics:
        pos = [e for e in examples if e["labels"].get(topic) == 1]
        neg = [e for e in examples if e["labels"].get(topic) == 0]
        support = defaultdict(int)
        for e in pos:
            for f in set().union(*e["feats"][topic]):
                support[f] += 1
        anchored = (f for f, n in support.items() if n >= MIN_SUPPORT and any(c in topics[topic] for c in f))
        frequent = sorted(anchored, key=lambda f: (-support[f], f))
        # Frames frequent in the topic's traps (its words in another sense)
        # are proposed too, so that the fit can weigh them down.
        traps = defaultdict(int)
        for e in examples:
            if e["target"] == f"topic-neg:{topic}":
                for f in set().union(*e["feats"][topic]):
                    traps[f] += 1
        trap_frames = sorted((f for f, n in traps.items() if n >= MIN_SUPPORT and any(c in topics[topic] for c in f)),
                             key=lambda f: (-traps[f], f))
        frames = sorted(set(frequent[:MAX_FRAMES]) | set(trap_frames[:MAX_TRAP_FRAMES]))
        index = {f: i for i, f in enumerate(frames)}
        model = previous.get(topic, (-2.0, {}))
        for _ in range(MIL_ROUNDS if docs else 1):
            rows = []
            for group, y in ((pos, 1), (neg, 0)):
                for e in group:
                    active = sorted({index[f] for b in e["feats"][topic] for f in b if f in index})
                    rows.append((active, y, 1.0 / max(1, len(group))))
            # Documents: every block of a charter without the topic is a
            # negative; the strongest block of a charter with it, a positive.
            doc_rows = []
            for d in docs:
                if d["labels"][topic]:
                    if topic not in d["declared"] and d["feats"][topic]:
                        _, feats = best_block(model, d["feats"][topic])
                        doc_rows.append((sorted(index[f] for f in feats if f in index), 1))
                else:
                    doc_rows.extend((sorted(index[f] for f in b if f in index), 0) for b in d["feats"][topic])
            for y in (0, 1):
                part = [r for r in doc_rows if r[1] == y]
                rows.extend((a, y, DOC_WEIGHT / max(1, len(part))) for a, _ in part)
            w = logistic(rows, len(frames))
            model = (w[0], {f: w[1 + i] for f, i in index.items() if abs(w[1 + i]) >= 0.05})
        weights[topic] = model
    # One size correction for every topic, chosen on the documents.
    weights["size"] = 0.0
    if docs:
        # The best block of each charter does not depend on the size: score it once.
        best = {(id(d), t): best_block(weights[t], d["feats"][t])[0] for d in docs for t in topics}
        def kappa_at(size):
            return doc_kappa(docs, topics, lambda d, t: t in d["declared"] or best[(id(d), t)] >= threshold(size, d))
        weights["size"] = max((kappa_at(a / 20), -a) for a in range(0, 21))[1] / -20
    return weights


def evaluate(weights, examples, docs, topics):
    """Passage recall and false coverage; per-family document kappa."""
    tp = fn = fc = neg = 0
    for e in examples:
        kind = e["target"].split(":")[0]
        t = e["target"].split(":")[1]
        if kind == "topic":
            ok = covers(weights, t, e)
            tp += ok
            fn += not ok
        elif kind == "topic-neg":
            neg += 1
            fc += covers(weights, t, e)
    out = {}
    if tp + fn:
        out["recall"] = tp / (tp + fn)
    if neg:
        out["false_coverage"] = fc / neg
    if docs:
        for family, ts in families(topics):
            out[f"{family}_kappa"] = doc_kappa(docs, ts, lambda d, t: covers(weights, t, d))
    return out


def kappa(tp, fp, fn, tn):
    n = tp + fp + fn + tn
    po = (tp + tn) / n
    pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n)
    return 0.0 if pe == 1 else (po - pe) / (1 - pe)


def write_back(weights, topics):
    text = open(TOPICS_YAML, encoding="utf-8").read()
    header = text[: text.index("\nsize:") + 1]
    out = [header, f"size: {weights['size']:.2f}\ntopics:\n"]
    for topic, model in weights.items():
        if topic == "size":
            continue
        bias, frames = model
        anchors = ", ".join(sorted(topics[topic]))
        actions = f"    actions: [{', '.join(sorted(ACTIONS[topic]))}]\n" if ACTIONS.get(topic) else ""
        if topic in HEADING_NEEDS_TEXT:
            actions += "    heading_needs_text: true\n"
        out.append(f"  {topic}:\n    anchors: [{anchors}]\n{actions}    bias: {bias:.2f}\n    frames:\n")
        for frame, w in sorted(frames.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"      - {{all: [{', '.join(frame)}], weight: {w:.2f}}}\n")
    with open(TOPICS_YAML, "w", encoding="utf-8") as f:
        f.writelines(out)


def show(name, figures):
    print(f"{name:34} " + "  ".join(f"{k} {v:.2f}" for k, v in figures.items()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "charterlint"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--write", action="store_true", help="write the fitted weights into topics.yaml")
    ap.add_argument("--no-bank", action="store_true", help="fit without the passage bank (it stays evaluation data)")
    args = ap.parse_args()
    shared = args.shared if os.path.isdir(os.path.join(args.shared, "corpus")) else None
    if not shared:
        print(f"fit: no corpus at {args.shared}: fitting on data/train only")
    topics, previous = read_models()
    examples = prepare(passages(args.bin, shared, not args.no_bank))
    docs = prepare(documents(args.bin, shared)) if shared else []
    train = [e for e in examples if e["group"] == "train"]
    bank_groups = sorted({e["group"] for e in examples} - {"train"})

    show("before (current weights)", evaluate(previous, [e for e in examples if e["group"] != "train"], docs, topics))
    # Cross-validation: each bank file held out in turn, documents in five folds by organisation.
    orgs = sorted({d["group"] for d in docs})
    random.Random(7).shuffle(orgs)
    folds = [set(orgs[i::5]) for i in range(5)]
    cv_passages = []
    for held in bank_groups:
        rest = [e for e in examples if e["group"] != held]
        w = fit(rest, docs, topics, previous)
        figures = evaluate(w, [e for e in examples if e["group"] == held], [], topics)
        cv_passages.append(figures)
        show(f"cv: held out {held}", figures)
    fold_weights = {}  # id(charter) -> the weights fitted without its organisation
    for fold in folds:
        w = fit(examples, [d for d in docs if d["group"] not in fold], topics, previous)
        fold_weights.update((id(d), w) for d in docs if d["group"] in fold)
    if docs:
        held_out = lambda d, t: covers(fold_weights[id(d)], t, d)
        show("cv: documents by organisation",
             {f"{family}_kappa": doc_kappa(docs, ts, held_out) for family, ts in families(topics)})
    if cv_passages:
        mean = {k: sum(f[k] for f in cv_passages) / len(cv_passages) for k in cv_passages[0]}
        show("cv: bank files (mean)", mean)
    weights = fit(examples, docs, topics, previous)
    show("in sample: bank", evaluate(weights, [e for e in examples if e["group"] != "train"], docs, topics))
    show("in sample: training passages", evaluate(weights, train, [], topics))
    print(f"size correction: {weights['size']:.2f}")
    if args.write:
        write_back(weights, topics)
        print(f"wrote {os.path.relpath(TOPICS_YAML, ROOT)}")


if __name__ == "__main__":
    main()

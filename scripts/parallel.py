#!/usr/bin/env python3
"""Where English and French are read differently: the same text in both languages.

Two sources of parallel text:
- the training passages and their translations (data/train/<lang>-from-<set>.jsonl,
  ids "<original id>-en" / "<original id>-fr");
- with --shared, the development corpus's English charters and their French
  translations (../shared/corpus/docs/en and fr-tr), aligned block by block where
  both have the same blocks and sentences.

For each pair it compares the concepts the engine finds (`charterlint frames
--text`): a concept one language finds and the other does not, counted over all
pairs, with the words that made it. A concept found from one word again and again
is a stem merge or a sense the other language lacks (e.g. "accountable" read as
an account, "y compris" as understanding): fix the class in both languages, never
the sentence. For the corpus it also prints how often the stance of aligned
sentences agrees.

Usage: python3 scripts/parallel.py [--bin target/release/charterlint] [--shared ../shared] [--top 30]
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def frames(binary, path):
    out = subprocess.run([binary, "frames", "--text", path], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["blocks"]


def concepts_of(words):
    return {w.split("=", 1)[0] for w in words}


def passage_concepts(binary, texts, lang):
    """Concepts and words of each passage, each read alone under its own heading."""
    title = "# Charte" if lang == "fr" else "# Policy"
    body = "".join(f"## S{k}\n\n{t}\n\n" for k, t in enumerate(texts))
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as f:
        f.write(f"{title}\n\n{body}")
        path = f.name
    try:
        blocks = frames(binary, path)
    finally:
        os.unlink(path)
    words = collections.defaultdict(list)
    for block in blocks:
        # Section 0 is the title; passage k is section k + 1.
        for sentence in block["words"]:
            words[block["section"] - 1].extend(sentence)
    return [words[k] for k in range(len(texts))]


def training_pairs():
    originals, translations = {}, []
    for path in glob.glob(os.path.join(ROOT, "data/train/*.jsonl")):
        if path.endswith(".check.jsonl"):
            continue
        rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        if "-from-" in os.path.basename(path):
            translations.extend(rows)
        else:
            originals.update((r["id"], r) for r in rows)
    pairs = []
    for t in translations:
        original = originals.get(t["id"].rsplit("-", 1)[0])
        if original and "\n" not in original["text"] and "\n" not in t["text"]:
            pairs.append((original, t))
    return pairs


class Asymmetry:
    def __init__(self):
        self.count = collections.Counter()
        self.words = collections.defaultdict(collections.Counter)

    def add(self, en_words, fr_words):
        en, fr = concepts_of(en_words), concepts_of(fr_words)
        for lang, mine, theirs, words in (("en", en, fr, en_words), ("fr", fr, en, fr_words)):
            for concept in mine - theirs:
                self.count[(lang, concept)] += 1
                for w in words:
                    name, word = w.split("=", 1)
                    if name == concept:
                        self.words[(lang, concept)][word.lower()] += 1

    def show(self, top):
        for (lang, concept), n in self.count.most_common(top):
            common = ", ".join(f"{w} {c}" for w, c in self.words[(lang, concept)].most_common(8))
            print(f"  {n:4} only in {lang}: {concept:18} {common}")


def training(binary, top):
    pairs = training_pairs()
    asym = Asymmetry()
    for lang in ("en", "fr"):
        mine = [(o, t) for o, t in pairs if o["lang"] == lang]
        other = "fr" if lang == "en" else "en"
        originals = passage_concepts(binary, [o["text"] for o, _ in mine], lang)
        translated = passage_concepts(binary, [t["text"] for _, t in mine], other)
        for a, b in zip(originals, translated):
            asym.add(*((a, b) if lang == "en" else (b, a)))
    print(f"training passages and their translations: {len(pairs)} pairs")
    asym.show(top)


def corpus(binary, shared, top):
    docs = os.path.join(shared, "corpus/docs")
    asym, stance = Asymmetry(), collections.Counter()
    skipped = 0
    for name in sorted(os.listdir(os.path.join(docs, "fr-tr"))):
        en_path = os.path.join(docs, "en", name)
        if not os.path.exists(en_path):
            continue
        en, fr = frames(binary, en_path), frames(binary, os.path.join(docs, "fr-tr", name))
        if len(en) != len(fr):
            skipped += 1
            continue
        for a, b in zip(en, fr):
            if len(a["words"]) != len(b["words"]):
                continue
            for i in range(len(a["words"])):
                asym.add(a["words"][i], b["words"][i])
                stance[a["stance"][i] == b["stance"][i]] += 1
    aligned = stance[True] + stance[False]
    print(f"corpus charters and their translations: {aligned} aligned sentences "
          f"({skipped} charters not aligned block by block)")
    if aligned:
        print(f"  stance agrees on {stance[True] / aligned:.0%}")
    asym.show(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target/release/charterlint"))
    parser.add_argument("--shared", help="../shared, for the corpus's translated charters")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    training(args.bin, args.top)
    if args.shared:
        corpus(args.bin, args.shared, args.top)


if __name__ == "__main__":
    main()

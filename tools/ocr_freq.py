#!/usr/bin/env python3
"""Regenerate data/ocr_syllables.tsv: lower-cased syllable counts for the OCR repair
(lib/vn_ocrfix.c, docs/ocr.md).

Sources: the seed report, the legacy transcripts of tests/fixtures/legacy/truth EXCEPT the
held-out ones the OCR benchmark scores (tools/bench_ocr.sh: every second file in name order,
starting with the second), and the Debian hunspell-vi dictionary (each syllable counted once
per entry it appears in). Only letters count; a run of letters is one syllable.

With --bigrams, the pairs of syllables standing next to each other (separated by spaces
only) in the same texts, seen at least twice: the context the repair weighs candidates in.

usage: tools/ocr_freq.py [--bigrams] corpus/tuyen-quang-2020-khoi-noi-chinh-bao-cao-tong-ket-thi-dua.txt \
       tests/fixtures/legacy/truth [/usr/share/hunspell/vi_VN.dic] > data/ocr_syllables.tsv
"""
import os, re, sys, unicodedata
from collections import Counter

WORD = re.compile(r"[^\W\d_]+")

def held_out(names):
    """The benchmark's test files: every second one in name order, from the second."""
    return set(sorted(names)[1::2])

def words(text):
    return WORD.findall(unicodedata.normalize("NFC", text).lower())

PAIR = re.compile(r"(?=(?<![^\W\d_])([^\W\d_]+)[ \t]+([^\W\d_]+)(?![^\W\d_]))")

def pairs(text):
    text = unicodedata.normalize("NFC", text).lower()
    return [a + " " + b for a, b in PAIR.findall(text)]

def main():
    args = sys.argv[1:]
    bigrams = args and args[0] == "--bigrams"
    if bigrams:
        args = args[1:]
    seed, truth = args[0], args[1]
    dic = args[2] if len(args) > 2 else "/usr/share/hunspell/vi_VN.dic"
    count = pairs if bigrams else words
    c = Counter()
    c.update(count(open(seed, encoding="utf-8").read()))
    names = [n for n in os.listdir(truth) if n.endswith(".txt")]
    test = held_out(names)
    for n in sorted(names):
        if n not in test:
            c.update(count(open(os.path.join(truth, n), encoding="utf-8", errors="replace").read()))
    if bigrams:
        print("# syllable pair\tcount — built by tools/ocr_freq.py --bigrams from the seed report and")
        print("# the legacy transcripts not held out for the OCR benchmark (docs/ocr.md); seen twice or more")
        for w, k in sorted(c.items(), key=lambda x: (-x[1], x[0])):
            if k >= 2:
                print(f"{w}\t{k}")
        return
    with open(dic, encoding="utf-8", errors="replace") as f:
        next(f)  # the entry count
        for line in f:
            for w in set(words(line.split("/")[0])):
                c[w] += 1
    print("# syllable\tcount — built by tools/ocr_freq.py from the seed report, the legacy")
    print("# transcripts not held out for the OCR benchmark, and hunspell-vi (docs/ocr.md)")
    for w, k in sorted(c.items(), key=lambda x: (-x[1], x[0])):
        if len(w) <= 12:
            print(f"{w}\t{k}")

main()

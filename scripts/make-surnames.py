#!/usr/bin/env python3
"""Regenerates data/lexicons/surnames.txt (see data/lexicons/README.md for what it is).

    python3 scripts/make-surnames.py ../shared/datasets/allsides-10k.jsonl.gz

A surname here is a capitalised word the AllSides sample writes right after a given name
("Pete Buttigieg", "Rachel Maddow") often enough and in a good share of its capitalised uses.
Every article of every entity gold set (tests/gold/allsides*.jsonl) is left out, so neither the
held-out set nor the dev sets shape the list.
"""
import collections, gzip, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
lexicons = root / "data" / "lexicons"
given = set((lexicons / "given_names.txt").read_text().split())
common = set((lexicons / "common_words.txt").read_text().split())
places = {l.split("\t")[0] for l in (lexicons / "places.tsv").read_text().splitlines()}
gold = set()
for f in (root / "tests" / "gold").glob("allsides*.jsonl"):
    gold |= {json.loads(l)["id"].removeprefix("allsides-") for l in f.read_text().splitlines() if l}

# Least times a word follows a given name (2–10): fewer lets one-off name pairs through.
MIN_AFTER_GIVEN = 3
# Least number of different given names it follows, or least share (0–1) of its capitalised uses
# that follow a given name: a real surname is written in full at least at first mention.
MIN_SHARE = 0.1

# A capitalised word, hyphenated or with an apostrophe inside ("O'Rourke"), never a possessive.
word = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)?")
after_given = collections.Counter()
capitalised = collections.Counter()
used = 0
for line in gzip.open(sys.argv[1], "rt"):
    row = json.loads(line)
    if row["id"] in gold:
        continue
    used += 1
    words = [(m.group(), m.start(), m.end()) for m in word.finditer(row["text"])]
    text = row["text"]
    for (w, s, e), (prev, ps, pe) in zip(words[1:], words):
        capitalised[w] += 1
        if prev in given and text[pe:s] == " ":
            after_given[w] += 1
surnames = sorted(
    w
    for w, n in after_given.items()
    if n >= MIN_AFTER_GIVEN
    and n >= MIN_SHARE * capitalised[w]
    and w not in given
    and w.lower() not in common
    and w not in places
)
(lexicons / "surnames.txt").write_text("\n".join(surnames) + "\n")
print(len(surnames), "surnames from", used, "articles;", len(gold), "gold articles left out")

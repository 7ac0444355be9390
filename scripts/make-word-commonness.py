#!/usr/bin/env python3
"""Regenerates data/lexicons/news_words.tsv: the words that at least 1% of news articles use, each
with the share of articles that use it (per 10,000), for weighing how much a shared word says.

    python3 scripts/make-word-commonness.py ../shared/datasets/allsides-10k.jsonl.gz

Words are split and folded as `search::word_spans` and `search::fold_diacritics` do (runs of
letters and digits; lowercase, without diacritics). Every article of every gold set in tests/gold/
is left out, so the evaluation text does not shape the list.
"""
import collections, gzip, json, re, sys, unicodedata
from pathlib import Path

root = Path(__file__).resolve().parent.parent
gold_ids = set()
for f in (root / "tests" / "gold").glob("*.jsonl"):
    for line in f.read_text().splitlines():
        record = json.loads(line)
        gold_ids.update(record.get(k) for k in ("id", "a", "b") if record.get(k))

def fold(word):
    if word.isascii():
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).lower()

word = re.compile(r"[^\W_]+")
df, n = collections.Counter(), 0
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as lines:
    for line in lines:
        article = json.loads(line)
        if "allsides-" + article["id"] in gold_ids or article["id"] in gold_ids:
            continue
        n += 1
        df.update({fold(w) for w in word.findall(article.get("title", "") + "\n" + article["text"])})

rows = sorted(((w, c) for w, c in df.items() if c >= n / 100), key=lambda r: (-r[1], r[0]))
with open(root / "data" / "lexicons" / "news_words.tsv", "w") as out:
    for w, c in rows:
        out.write(f"{w}\t{round(c * 10000 / n)}\n")
print(f"{len(rows)} words from {n} articles")

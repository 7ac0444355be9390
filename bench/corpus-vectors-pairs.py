"""Would word vectors learnt from the news itself tell paraphrases from other passage pairs?

Trains PPMI-SVD word vectors (window 5, 200 dimensions, words seen 5+ times) on allsides-10k,
scores every passage pair of the gold's document pairs by greedy soft word matching (each
content word meets its closest word on the other side, idf-weighted, F1 of both directions),
and reports how well that separates the sure gold pairs from the rest (AUC, against a plain
idf word overlap) and what adding its mutual bests to the aligner's pairs does.

    pip install numpy scipy
    cargo build --release --bin parallax
    python3 bench/corpus-vectors-pairs.py ../shared/datasets/allsides-10k.jsonl.gz target/release/parallax

The gold's passages and which of them the aligner pairs come from `parallax compare --json`;
a gold piece is widened to its sentence, as the scorer does (approximately: on punctuation).
"""
import collections, gzip, itertools, json, math, os, re, subprocess, sys

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

DATASET, PARALLAX = sys.argv[1], sys.argv[2]
GOLD, CORPUS = "tests/gold/compare-pairs.jsonl", ["corpus", "tests/gold/compare-articles.jsonl"]
TOKEN = re.compile(r"[a-z]+")
STOP = set("a an the and or but of to in on at for by with from as is are was were be been being "
           "has have had do does did it its this that these those he she they we you i his her "
           "their our them him us not no will would can could should may might also than then so "
           "if about into over after before more most said says say".split())


def vectors():
    with gzip.open(DATASET, "rt") as f:
        docs = [TOKEN.findall(((d.get("title") or "") + "\n" + (d.get("text") or "")).lower())
                for d in map(json.loads, f)]
    count = collections.Counter(w for d in docs for w in d)
    vocab = [w for w, c in count.most_common() if c >= 5]
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for d in docs:
        ids = np.array([index.get(w, -1) for w in d], dtype=np.int64)
        for gap in range(1, 6):
            a, b = ids[:-gap], ids[gap:]
            keep = (a >= 0) & (b >= 0)
            rows += [a[keep], b[keep]]
            cols += [b[keep], a[keep]]
            vals += [np.full(keep.sum(), 1.0 / gap, dtype=np.float32)] * 2
    m = sp.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                      shape=(len(vocab),) * 2).tocsr().tocoo()
    total, row_sums = m.data.sum(), np.asarray(m.tocsr().sum(1)).ravel()
    context = row_sums ** 0.75 / (row_sums ** 0.75).sum()
    pmi = np.log((m.data / total) / ((row_sums[m.row] / total) * context[m.col]))
    keep = pmi > 0
    u, s, _ = svds(sp.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape), k=200)
    e = u * np.sqrt(s)
    e /= np.linalg.norm(e, axis=1, keepdims=True) + 1e-9
    df = collections.Counter(w for d in docs for w in set(d))
    return e, index, {w: math.log(len(docs) / (1 + df[w])) for w in vocab}


E, INDEX, IDF = vectors()


def words(text):
    return [w for w in TOKEN.findall(text.lower()) if w not in STOP and w in INDEX]


def soft(a, b):
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    s = np.clip(E[[INDEX[w] for w in wa]] @ E[[INDEX[w] for w in wb]].T, 0, 1)
    ia, ib = np.array([IDF[w] for w in wa]), np.array([IDF[w] for w in wb])
    r, p = (s.max(1) * ia).sum() / ia.sum(), (s.max(0) * ib).sum() / ib.sum()
    return 2 * p * r / (p + r + 1e-9)


def overlap(a, b):
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return 0.0
    shared = sum(IDF[w] for w in wa & wb)
    r, p = shared / sum(IDF[w] for w in wa), shared / sum(IDF[w] for w in wb)
    return 2 * p * r / (p + r + 1e-9)


def texts():
    found = {f: [open("corpus/" + f, "rb").read()] for f in os.listdir("corpus") if f.endswith(".txt")}
    for d in map(json.loads, open(CORPUS[1])):
        found[d["id"]] = [(d["title"] + "\n\n" + d["text"]).encode(), d["text"].encode()]
    return found


def original(candidates, passages):
    """Of the ways a document's text may be put together, the one its passages' spans are into."""
    return next(t for t in candidates
                if all(t[x["start"]:x["end"]].decode(errors="replace") == x["text"] for x in passages))


def sentence(text, piece):
    """The piece's span widened to the sentence(s) it is in."""
    at = text.find(piece.encode())
    start, end = at, at + len(piece.encode())
    while start > 0 and text[start - 1:start] != b"\n" and not (
            text[start - 2:start - 1] in (b".", b"!", b"?", b'"') and text[start - 1:start] == b" "):
        start -= 1
    after = re.compile(rb'[.!?]["\xe2\x80\x9d]*(\s|$)|\n').search(text, max(end - 1, 0))
    return start, max(end, after.end() if after else len(text))


def meets(found, gold):
    shared = max(0, min(found[1], gold[1]) - max(found[0], gold[0]))
    return 2 * shared >= max(min(found[1] - found[0], gold[1] - gold[0]), 1)


gold = [json.loads(line) for line in open(GOLD)]
raw = texts()
positives = {"soft": [], "overlap": []}
negatives = {"soft": [], "overlap": []}
added = {t: [0, 0, 0] for t in (0.6, 0.7, 0.8)}  # aligned, right, sure found
base = [0, 0, 0, 0]  # aligned, right, sure, sure found
for set_name in sorted({g["set"] for g in gold}):
    ids = sorted({i for g in gold if g["set"] == set_name for i in (g["a"], g["b"])})
    for a, b in itertools.combinations(ids, 2):
        out = json.loads(subprocess.run([PARALLAX, "compare", "--json", a, b, "--corpus", *CORPUS],
                                        capture_output=True, text=True, check=True).stdout)
        span = lambda x: (x["start"], x["end"])
        units_a = sorted({span(p["a"]) for p in out["pairs"]} | {span(x) for x in out["only_a"]})
        units_b = sorted({span(p["b"]) for p in out["pairs"]} | {span(x) for x in out["only_b"]})
        text_a, text_b = original(raw[a], out["only_a"]), original(raw[b], out["only_b"])
        golds = []
        for g in gold:
            if g["set"] == set_name and {g["a"], g["b"]} == {a, b}:
                pa, pb = (g["a_text"], g["b_text"]) if g["a"] == a else (g["b_text"], g["a_text"])
                golds.append((g["sure"], sentence(text_a, pa), sentence(text_b, pb)))
        ta = [text_a[s:e].decode() for s, e in units_a]
        tb = [text_b[s:e].decode() for s, e in units_b]
        scores = {"soft": np.array([[soft(x, y) for y in tb] for x in ta]),
                  "overlap": np.array([[overlap(x, y) for y in tb] for x in ta])}
        good = np.zeros(scores["soft"].shape, bool)
        for sure, ga, gb in golds:
            cells = [(i, j) for i, ua in enumerate(units_a) for j, ub in enumerate(units_b)
                     if meets(ua, ga) and meets(ub, gb)]
            for cell in cells:
                good[cell] = True
            if sure and cells:
                for k, m in scores.items():
                    positives[k].append(max(m[c] for c in cells))
        for k, m in scores.items():
            negatives[k] += m[~good].tolist()
        aligned = [(span(p["a"]), span(p["b"])) for p in out["pairs"]]
        free_a = [i for i, u in enumerate(units_a) if not any(meets(u, f[0]) for f in aligned)]
        free_b = [j for j, u in enumerate(units_b) if not any(meets(u, f[1]) for f in aligned)]
        for threshold, tally in added.items():
            pairs, used_a, used_b = list(aligned), set(), set()
            ranked = sorted(((scores["soft"][i, j], i, j) for i in free_a for j in free_b), reverse=True)
            for score, i, j in ranked:
                if score >= threshold and i not in used_a and j not in used_b:
                    used_a.add(i), used_b.add(j), pairs.append((units_a[i], units_b[j]))
            right = [any(meets(p[0], ga) and meets(p[1], gb) for _, ga, gb in golds) for p in pairs]
            found = sum(any(meets(p[0], ga) and meets(p[1], gb) for p in pairs) for s, ga, gb in golds if s)
            tally[0] += len(pairs); tally[1] += sum(right); tally[2] += found
        base[0] += len(aligned)
        base[1] += sum(any(meets(p[0], ga) and meets(p[1], gb) for _, ga, gb in golds) for p in aligned)
        base[2] += sum(s for s, _, _ in golds)
        base[3] += sum(any(meets(p[0], ga) and meets(p[1], gb) for p in aligned) for s, ga, gb in golds if s)

for k in positives:
    pos, neg = np.array(positives[k]), np.array(negatives[k])
    auc = np.mean([(neg < x).mean() + 0.5 * (neg == x).mean() for x in pos])
    at80 = np.quantile(pos, 0.2)
    print(f"{k:8} AUC {auc:.3f}  sure pairs {len(pos)}, other pairs {len(neg)}; "
          f"other pairs scoring at least the sure pairs' 20th percentile ({at80:.2f}): {(neg >= at80).sum()}")
print(f"aligner   precision {base[1] / base[0]:.3f} recall {base[3] / base[2]:.3f} ({base[0]} aligned)")
for threshold, (n, right, found) in added.items():
    print(f"+ soft mutual bests >= {threshold}: precision {right / n:.3f} recall {found / base[2]:.3f} ({n} aligned)")

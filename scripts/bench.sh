#!/usr/bin/env bash
# Installs whatever is missing, then prints the benchmark figures recorded in docs/BENCHMARKS.md:
# the release page's size and time to first render; entity extraction quality against the gold
# sets, for Parallax and the peer library compromise; extraction throughput natively, as wasm in
# headless Chromium, and for compromise and wink-nlp; the page's keystroke and facet-click times
# at 10,000 documents; search against MiniSearch and FlexSearch; the force layout against
# d3-force; the entity graph at 10,000 articles; passage alignment against its gold pairs, the
# shingle index, and the page's comparison at 10,000 articles. CORPUS (default: the AllSides 10k file) is where
# the throughput sample comes from.
source "$(dirname "$0")/setup.sh"
setup_build_tools
need_chromium
trunk build --release >&2
cargo build --quiet --release --bin parallax
# A wasm benchmark module (BIN into target/DIR): the page's profile and wasm-opt level
# (index.html), wasm-bindgen's loader.
build_wasm_bench() {
  cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown --bin "$1"
  wasm-bindgen --target web --no-typescript --out-dir "target/$2" \
    "target/wasm32-unknown-unknown/wasm-release/$1.wasm"
  wasm-opt -Os --output="target/$2/$1_bg.wasm" "target/$2/$1_bg.wasm"
}
build_wasm_bench parallax-wasm-bench wasm-bench
build_wasm_bench parallax-page-bench page-bench
step "page: sizes and time to first render"
node bench/page.mjs
step "entities: Parallax on the gold sets"
./target/release/parallax score-entities tests/gold/seeds.jsonl tests/gold/allsides-dev.jsonl \
  tests/gold/allsides-dev2.jsonl tests/gold/allsides-dev3.jsonl tests/gold/allsides.jsonl
step "entities: compromise on the same gold sets, scored the same way"
node bench/entities-peers.mjs
step "entities: extraction throughput, native / wasm / compromise / wink-nlp (a few minutes)"
node bench/entities-speed.mjs "${1:-$ROOT/../shared/datasets/allsides-10k.jsonl.gz}"
step "page: keystrokes and facet clicks at 10,000 documents (a few minutes)"
node bench/page-search.mjs
step "search: Parallax native and wasm, MiniSearch, FlexSearch at 10,000 documents (several minutes)"
node --expose-gc bench/search-speed.mjs
step "graph: force layout, Parallax native and wasm, d3-force (1,000 nodes, 5,000 edges, 300 ticks)"
node bench/layout-speed.mjs
step "graph: co-occurrence index and graph over the 10,000 articles (native)"
./target/release/parallax bench graph "$ROOT/../shared/datasets/allsides-10k.jsonl.gz"
step "graph: the page's entity graph at 10,000 articles (reading, drawing, frames; a few minutes)"
node bench/page-graph.mjs
step "compare: the shingle index and one document against the rest, natively (10,000 articles)"
./target/release/parallax bench similar "$ROOT/../shared/datasets/allsides-10k.jsonl.gz"
step "compare: passage alignment against the gold pairs"
./target/release/parallax score-compare tests/gold/compare-pairs.jsonl
step "compare: the page's comparison at 10,000 articles (one against all, the overview; a few minutes)"
node bench/page-compare.mjs

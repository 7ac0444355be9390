#!/usr/bin/env bash
# Installs whatever is missing, then prints the benchmark figures recorded in docs/BENCHMARKS.md:
# the release page's size and time to first render, and entity extraction quality against the
# gold sets, for Parallax and for the peer library compromise.
source "$(dirname "$0")/setup.sh"
setup_build_tools
need_chromium
trunk build --release >&2
cargo build --quiet --release --bin parallax
step "page: sizes and time to first render"
node bench/page.mjs
step "entities: Parallax on the gold sets"
./target/release/parallax score-entities tests/gold/seeds.jsonl tests/gold/allsides-dev.jsonl tests/gold/allsides-dev2.jsonl tests/gold/allsides.jsonl
step "entities: compromise on the same gold sets, scored the same way"
node bench/entities-peers.mjs

#!/usr/bin/env bash
# Installs whatever is missing, then runs every test: the core and CLI natively, the UI in headless
# Chromium (wasm-bindgen-test), and the optimised release build loaded in Chromium.
source "$(dirname "$0")/setup.sh"
setup_build_tools
need_chromium
need_other_engines

step "native tests: core, ingest seeds, CLI"
cargo test --quiet --lib --tests

step "browser tests: the UI in headless Chromium"
# The runner gives the whole suite 20 s by default; it takes 14-16 s here when the machine is
# idle and timed out on a busy one, so a slow CI machine gets room.
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}" \
  cargo test --target wasm32-unknown-unknown --test web

step "release build (wasm-opt) and its test in Chromium"
trunk build --release
node --test tests/e2e/release.test.mjs

step "the single-file page from disk in Firefox and WebKit"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  xvfb-run -a node --test tests/e2e/engines.test.mjs
else
  node --test tests/e2e/engines.test.mjs
fi

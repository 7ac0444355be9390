#!/usr/bin/env bash
# Installs whatever is missing, then serves Parallax on the embedded corpus at http://127.0.0.1:8080
# (rebuilds on change). Extra arguments go to `trunk serve`, e.g. `--release` or `--port 9000`.
source "$(dirname "$0")/setup.sh"
setup_build_tools
step "serving on http://127.0.0.1:8080 (Ctrl-C to stop)"
exec trunk serve "$@"

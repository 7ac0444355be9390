#!/usr/bin/env bash
# Installs whatever is missing, builds the release page and prints its benchmark figures as JSON.
source "$(dirname "$0")/setup.sh"
setup_build_tools
need_chromium
trunk build --release >&2
node bench/page.mjs "$@"

# Sourced by serve.sh and test.sh: installs whatever is missing, idempotently, from the package
# registries only (crates.io, npm, Debian/Ubuntu apt). Nothing is downloaded from GitHub.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# npm-installed tools (wasm-opt, playwright-core) live here, outside the repository.
TOOLS=${PARALLAX_TOOLS:-$HOME/.cache/parallax-tools}
TRUNK_VERSION=0.21.14       # the newest Trunk that builds on stable Rust 1.95
BINARYEN_VERSION=132.0.0    # wasm-opt 132 from npm; Debian's binaryen 108 breaks the module
# npm packages, installed together (see need_npm_tools):
NPM_TOOLS=(
  "binaryen@$BINARYEN_VERSION"
  playwright-core@1.64.1          # drives the system Chromium in tests and benchmarks; downloads no browser
  compromise@14.17.0              # peer NLP libraries the entity benchmarks measure
  wink-nlp@2.4.0
  wink-eng-lite-web-model@1.8.1
  minisearch@7.2.0                # peer search libraries the search benchmark measures
  flexsearch@0.8.212
  d3-force@3.0.0                  # the peer force layout the layout benchmark measures (with its d3 dependencies)
  puppeteer-core@25.16.0          # drives the system Firefox (WebDriver BiDi) in the single-file page's test
)

export PATH="$TOOLS/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export DEBIAN_FRONTEND=noninteractive
cd "$ROOT"

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_UPDATED=""
apt_install() {
  [ -n "$APT_UPDATED" ] || { $SUDO apt-get update -qq; APT_UPDATED=1; }
  $SUDO apt-get install -y -qq "$@" >/dev/null
}

# The wasm-bindgen version is pinned once, by Cargo.lock; the CLI and Trunk must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

need_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { step "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

need_node() {
  command -v npm >/dev/null || { step "installing Node.js and npm (apt)"; apt_install nodejs npm; }
}

need_trunk() {
  [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ] \
    || { step "installing trunk $TRUNK_VERSION (cargo, ~5 min)"; cargo install trunk --locked --version "$TRUNK_VERSION"; }
}

need_wasm_bindgen() {
  local version; version=$(wasm_bindgen_version)
  # No --locked: its lockfile pins a webpki-roots the registry no longer serves.
  [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $version" ] \
    || { step "installing wasm-bindgen-cli $version (cargo, ~3 min)"; cargo install wasm-bindgen-cli --version "=$version"; }
  export TRUNK_TOOLS_WASM_BINDGEN="$version"
}

# One npm install for all of them: npm removes packages a later --no-save install does not name.
need_npm_tools() {
  local want_opt="wasm-opt version ${BINARYEN_VERSION%%.*} (version_${BINARYEN_VERSION%%.*})"
  local pkg="$TOOLS/node_modules" missing=""
  for tool in "${NPM_TOOLS[@]}"; do
    grep -qs "\"version\": \"${tool##*@}\"" "$pkg/${tool%@*}/package.json" || missing="$missing ${tool}"
  done
  if [ "$(wasm-opt --version 2>/dev/null || true)" != "$want_opt" ] || [ -n "$missing" ]; then
    step "installing npm tools:${missing:- binaryen@$BINARYEN_VERSION}"
    mkdir -p "$TOOLS"
    npm install --silent --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund "${NPM_TOOLS[@]}"
  fi
  export NODE_PATH="$pkg"
}

need_chromium() {
  if ! command -v chromedriver >/dev/null || ! { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; }; then
    step "installing Chromium and ChromeDriver (apt)"
    apt_install chromium chromium-driver
  fi
  CHROMIUM=$(command -v chromium || command -v chromium-browser)
  export CHROMIUM
  export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)}
}

# The two other engines for the single-file page's test, from apt where it has them: Firefox ESR
# (Gecko; Debian has it, Ubuntu's apt only a snap stub) and WebKitGTK's WebDriver (WebKit, Safari's
# engine) with Xvfb for its display. Where one is missing, its test is skipped and says why.
need_other_engines() {
  local missing=() want=() package
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
  if [ ${#missing[@]} -gt 0 ]; then
    [ -n "$APT_UPDATED" ] || { $SUDO apt-get update -qq; APT_UPDATED=1; }
    for package in "${missing[@]}"; do
      apt-cache show "$package" >/dev/null 2>&1 && want+=("$package")
    done
    if [ ${#want[@]} -gt 0 ]; then
      step "installing ${want[*]} (apt)"
      apt_install "${want[@]}"
    fi
  fi
  FIREFOX=${FIREFOX:-$(command -v firefox-esr || true)}
  export FIREFOX
}

# Trunk builds offline (Trunk.toml), so the crates must be in the local registry first.
fetch_crates() {
  step "fetching crates"
  cargo fetch --quiet
}

setup_build_tools() {
  need_wasm_target
  need_node
  need_trunk
  need_wasm_bindgen
  need_npm_tools
  fetch_crates
}

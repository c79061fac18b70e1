#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing that is already
# there. Safe to run again. Everything comes from crates.io, npm or Debian.
#
#   scripts/setup.sh build   the wasm target and wasm-bindgen-cli
#   scripts/setup.sh test    the above, plus Chromium, chromedriver, openpyxl
#                            and the end-to-end test packages
set -euo pipefail

cd "$(dirname "$0")/.."
what="${1:-build}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen CLI must match the wasm-bindgen crate exactly; the lock file
# is the one place the version is written down.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding rustup component $component"
      rustup component add "$component"
    fi
  done
  local want have
  want="$(wasm_bindgen_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (a few minutes, once)"
    # No --locked: the CLI's own lock file names a crate release the
    # registry mirror does not carry.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

# Chromium and its driver for the browser tests; a Chinese font, since the
# print tests read the forms' text back from PDFs; and Python's openpyxl,
# the independent XLSX reader the reviewer's export is checked with.
ensure_debian_packages() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null &&
    [ -n "$(fc-list :lang=zh 2>/dev/null)" ] &&
    /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
    return
  fi
  say "installing Debian's chromium, chromium-driver, a Chinese font and python3-openpyxl"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver \
    fonts-wqy-microhei python3-openpyxl
}

ensure_node_modules() {
  local dir=tests/e2e
  if [ ! -d "$dir/node_modules/@playwright/test" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the end-to-end test packages (npm ci)"
    # Playwright drives Debian's Chromium; it must never fetch a browser.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$dir" --no-audit --no-fund
  fi
}

case "$what" in
  build) ensure_rust ;;
  test) ensure_rust; ensure_debian_packages; ensure_node_modules ;;
  *) echo "usage: scripts/setup.sh build|test" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every gate
# in the order CI does. Stops at the first failure.
#
#   1. cargo fmt --check
#   2. cargo clippy, native and wasm32, warnings are errors
#   3. native unit and integration tests (cargo test)
#   4. browser tests: wasm-bindgen-test in headless Chromium
#   5. release build of the site and its first-load size budget
#   6. end-to-end tests: Playwright driving Debian's Chromium
set -euo pipefail

cd "$(dirname "$0")/.."
say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

scripts/setup.sh test

say "formatting (cargo fmt --check)"
cargo fmt --all -- --check

say "lints (cargo clippy, native and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
cargo clippy --target wasm32-unknown-unknown --features tools --lib --bins -- -D warnings

say "native tests (cargo test)"
cargo test

say "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test web

say "release build and size budget"
scripts/build.sh
node scripts/size-budget.mjs dist 400

say "end-to-end tests (Playwright, headless Chromium)"
(cd tests/e2e && npx --no-install playwright test)

say "all gates passed"

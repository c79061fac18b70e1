#!/usr/bin/env bash
# Builds the static site into dist/: index.html, the JS glue, the wasm module,
# the styles and assets. Any static web server can host the folder.
#
#   scripts/build.sh            release build (what is deployed and measured)
#   scripts/build.sh --dev      debug build, faster to compile
set -euo pipefail

cd "$(dirname "$0")/.."
profile=release
cargo_flags=(--release)
if [ "${1:-}" = "--dev" ]; then
  profile=debug
  cargo_flags=()
fi

cargo build --target wasm32-unknown-unknown --bin shenbao "${cargo_flags[@]}"
# The tools module: the same crate with the `tools` feature, loaded lazily.
cargo build --target wasm32-unknown-unknown --bin shenbao-tools --features tools "${cargo_flags[@]}"

out=dist
rm -rf "$out.tmp"
mkdir -p "$out.tmp/style"
wasm-bindgen --target web --no-typescript --out-dir "$out.tmp" --out-name shenbao \
  "target/wasm32-unknown-unknown/$profile/shenbao.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$out.tmp/tools" --out-name shenbao_tools \
  "target/wasm32-unknown-unknown/$profile/shenbao-tools.wasm"
cp index.html "$out.tmp/index.html"
# A static host that serves 404.html for unknown paths (GitHub Pages, many
# others) then still starts the app on a deep link such as /fill.
cp index.html "$out.tmp/404.html"
cp style/*.css "$out.tmp/style/"
cp -r assets/. "$out.tmp/"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "built $profile site in $out/"

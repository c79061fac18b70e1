#!/usr/bin/env bash
# Builds the static site into dist/: a page per screen (/, /fill/, /review/,
# /print/, /survey/), each with its own WebAssembly module, the tools module
# loaded on demand, the styles and assets, and a service worker that caches
# all of them for offline use. Any static web server can host the folder.
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

wasm=wasm32-unknown-unknown
cargo build --target "$wasm" --bin shenbao --bin shenbao-fill --bin shenbao-review \
  --bin shenbao-print --bin shenbao-survey "${cargo_flags[@]}"
# The tools module: the same crate with the `tools` feature, loaded lazily.
cargo build --target "$wasm" --bin shenbao-tools --features tools "${cargo_flags[@]}"

out=dist
rm -rf "$out.tmp"
mkdir -p "$out.tmp/style"
bindgen() { # <binary> <out dir> <module name>
  wasm-bindgen --target web --no-typescript --out-dir "$2" --out-name "$3" \
    "target/$wasm/$profile/$1.wasm"
}
bindgen shenbao "$out.tmp" shenbao
bindgen shenbao-fill "$out.tmp" shenbao_fill
bindgen shenbao-review "$out.tmp" shenbao_review
bindgen shenbao-print "$out.tmp" shenbao_print
bindgen shenbao-survey "$out.tmp" shenbao_survey
bindgen shenbao-tools "$out.tmp/tools" shenbao_tools

# One page template; each page names its module.
page() { # <path> <module>
  mkdir -p "$(dirname "$out.tmp/$1")"
  sed "s/APP/$2/g" index.html >"$out.tmp/$1"
}
page index.html shenbao
page fill/index.html shenbao_fill
page review/index.html shenbao_review
page print/index.html shenbao_print
# The print and review pages also take the paper form's styles.
sed -i 's#<link rel="stylesheet" href="/style/main.css">#&\n  <link rel="stylesheet" href="/style/form.css">#' \
  "$out.tmp/print/index.html" "$out.tmp/review/index.html"
page survey/index.html shenbao_survey
# The survey page has a stylesheet of its own (grid, A4 questionnaire).
sed -i 's#</head>#  <link rel="stylesheet" href="/style/survey.css">\n</head>#' "$out.tmp/survey/index.html"
# A static host that serves 404.html for unknown paths still shows the
# app's own "not found" page.
cp "$out.tmp/index.html" "$out.tmp/404.html"
cp style/*.css "$out.tmp/style/"
cp -r assets/. "$out.tmp/"
# The service worker, with the list of every file above and its version.
node scripts/precache.mjs "$out.tmp"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "built $profile site in $out/"

#!/usr/bin/env bash
# The benchmark (issue #8), not part of the test gate: builds the release
# site, stages it with the bench page (bench/) in target/bench/site, serves
# it on a port of its own and drives headless Chromium through bench/run.mjs.
# Prints a table and writes bench/results.json. A few minutes; the figures
# are only as quiet as the machine.
#
#   scripts/bench.sh                 BENCH_PORT=8103 by default
#   BENCH_ROUNDS=5 BENCH_REVIEW_ROUNDS=3 BENCH_PACKAGES=200 scripts/bench.sh
set -euo pipefail

cd "$(dirname "$0")/.."
say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

scripts/setup.sh test

say "release build"
scripts/build.sh

say "staging the site with the bench page"
site=target/bench/site
rm -rf "$site"
mkdir -p "$site/bench"
cp -r dist/. "$site/"
cp bench/index.html bench/bench.js "$site/bench/"
# fflate, the peer measured against, from the end-to-end test packages.
cp tests/e2e/node_modules/fflate/esm/browser.js "$site/bench/fflate.js"

say "running the benchmark (headless Chromium)"
node bench/run.mjs "$site" "${BENCH_PORT:-8103}" bench/results.json

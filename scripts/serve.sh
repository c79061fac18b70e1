#!/usr/bin/env bash
# The README's serve command: installs what is missing, builds the app and
# serves it at http://127.0.0.1:8080/ (PORT=... to change the port).
set -euo pipefail

cd "$(dirname "$0")/.."
scripts/setup.sh build
scripts/build.sh "$@"
exec node scripts/serve.mjs dist "${PORT:-8080}"

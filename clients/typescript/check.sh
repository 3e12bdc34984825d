#!/bin/sh
# The TypeScript types generated from docs/openapi.json compile with tsc, and so does usage.ts, which uses
# them. Maven runs this at `verify` (pom.xml); where npm is missing it warns and checks nothing.
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
    echo "[WARNING] npm not found: the TypeScript types of docs/openapi.json are not checked" \
        "(install Node.js 20 or later; .ci/run does)" >&2
    exit 0
fi
if [ ! -d node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent check
echo "TypeScript types of docs/openapi.json: tsc --noEmit passed"

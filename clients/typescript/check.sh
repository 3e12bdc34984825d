#!/bin/sh
# The TypeScript types generated from docs/openapi.json compile with tsc, and so does usage.ts, which uses
# them. Maven runs this at `verify` (pom.xml). node_modules comes from `npm ci` (pinned by package-lock.json) when
# it is missing or older than the lock file.
#
# Where npm is missing, or cannot install, the check is skipped with a warning, as the board's are; with
# TIERING_BOARD_CHECKS=required (.ci/run sets it) that is an error instead.
set -eu
cd "$(dirname "$0")"

skip() {
    if [ "${TIERING_BOARD_CHECKS:-}" = required ]; then
        echo "[ERROR] The TypeScript types of docs/openapi.json were not checked: $1 (TIERING_BOARD_CHECKS=required)." >&2
        exit 1
    fi
    echo "[WARNING] The TypeScript types of docs/openapi.json were NOT checked: $1. Install Node.js 20 or later" \
        "with npm to check them." >&2
    exit 0
}

command -v node >/dev/null 2>&1 || skip "node not found"
command -v npm >/dev/null 2>&1 || skip "npm not found"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error || skip "npm ci failed"
fi
npm run --silent check
echo "TypeScript types of docs/openapi.json: tsc --noEmit passed"

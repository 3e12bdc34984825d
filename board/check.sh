#!/bin/sh
# The board's checks as the Maven build runs them (pom.xml, exec-maven-plugin): `check.sh lint` is ESLint and
# Prettier --check, `check.sh test` the unit tests (node --test); both are package.json's npm scripts, so the build
# and `npm run` check the same. node_modules comes from `npm ci` when it is missing or older than package-lock.json.
#
# A machine without Node.js (20.19 or later) and npm, or whose npm cannot install, still builds the service: the
# checks are skipped with a warning. With TIERING_BOARD_CHECKS=required (.ci/run sets it) that is an error instead.
set -eu
cd "$(dirname "$0")"
what="${1:?usage: board/check.sh lint|test}"

skip() {
  if [ "${TIERING_BOARD_CHECKS:-}" = required ]; then
    echo "[ERROR] The board's $what did not run: $1 (TIERING_BOARD_CHECKS=required)." >&2
    exit 1
  fi
  echo "[WARNING] The board's $what was SKIPPED: $1. Install Node.js 20.19 or later with npm to run it." >&2
  exit 0
}

if [ "$what" = test ] && { [ "${MAVEN_SKIP_TESTS:-}" = true ] || [ "${MAVEN_TEST_SKIP:-}" = true ]; }; then
  echo "[INFO] The board's tests are skipped (-DskipTests)."
  exit 0
fi
command -v node >/dev/null 2>&1 || skip "node not found"
command -v npm >/dev/null 2>&1 || skip "npm not found"
# ESLint's own range (its package.json engines)
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
  process.exit((a === 20 && b >= 19) || (a === 22 && b >= 13) || a >= 24 ? 0 : 1)' ||
  skip "Node.js $(node --version) is older than ESLint needs (^20.19, ^22.13 or 24+)"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-fund --no-audit --loglevel=error || skip "npm ci failed"
fi
if ! npm run --silent "$what"; then
  if [ "$what" = lint ]; then
    echo "[ERROR] The board's lint failed: \`npm --prefix board run format\` fixes layout (Prettier); the rest by hand." >&2
  fi
  exit 1
fi

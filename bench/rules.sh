#!/usr/bin/env bash
# The waits a person sees around rule code, measured from outside on the packaged jar with its production defaults
# (the checker JVM on, the folder watched, no warm-up): BENCHMARKS.md, "Rule changes and starts".
#
#   bench/rules.sh               full run (about 6 minutes on the 2-core machine)
#   bench/rules.sh --skip-build  use what bench/target already holds
#
# In order, with the machine's load at each phase:
#   start    launch -> GET /q/health/ready 200, three first starts (fresh data folder, the 13 seed operators), then
#            three restarts on the last one's folder (its rules kept compiled)
#   watch    five threshold edits saved in the watched rule folder -> GET /rules shows the new version
#   reload   five POST /rules/reload of a real change (a new version, every scenario run, 13 operators stored)
#   swap     three rule changes under closed-loop load (4 connections): the 4 s from the first answer of the new
#            version against the 10 s before the change
# Results go to bench/target/results/<time>/ (results.txt: RESULT lines; the services' logs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PROFILE=false
BUILD=true
for arg in "$@"; do
  case "$arg" in
    --skip-build) BUILD=false ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
OUT="$ROOT/bench/target/results/rules-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/tiering-rules-bench.XXXXXX)
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  stop_app
  rm -rf "$WORK"
}
trap cleanup EXIT

machine_info rules
$BUILD && { note "building (-Pbench)"; build; }
classpath
port_free

# Launch -> ready, from the moment the JVM is started: the script polls readiness every 20 ms.
time_start() { # name dir
  launch_app "$1" "$2" true -Dtiering.seed=true
  local launched=$APP_LAUNCHED_MS
  for _ in $(seq 1 6000); do
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && break
    app_alive || { tail -20 "$APP_LOG" >&2; exit 1; }
    sleep 0.02
  done
  local ready=$(( $(date +%s%3N) - launched ))
  echo "RESULT start name=$1 ready_ms=$ready" | tee -a "$RESULTS"
  stop_app
}
phase start "first starts and restarts"
for i in 1 2 3; do rm -rf "$WORK/start"; time_start "first-$i" "$WORK/start"; done
for i in 1 2 3; do time_start "restart-$i" "$WORK/start"; done

phase watch "save in the rule folder -> live, 5 edits"
launch_app watch "$WORK/watch" true -Dtiering.seed=true
wait_ready 120
sleep 5 # the checker starts and warms beside serving: as an analyst's first edit would find it
http watch "$PORT" "$WORK/watch/rules" 5
stop_app

phase reload "POST /rules/reload of a real change, 13 operators"
launch_app reload "$WORK/reload" false -Dtiering.seed=true
wait_ready 120
sleep 5
http reload "$PORT" "$WORK/reload/rules" 5

phase swap "throughput in the 4 s after a rule change against the 10 s before, 3 changes"
http swap "$PORT" "$WORK/reload/rules" 3 4 10 4 20
stop_app

phase done "done"
grep '^RESULT' "$RESULTS" | tee "$OUT/summary.txt"

#!/usr/bin/env bash
# Figure 1 alone, to work on the HTTP path: POST /classify against GET /q/health/live with wrk (2 threads, 4
# connections), after the service has served POST /classify for a while, optionally with a JFR recording of the
# measured phase. The same service, build and wrk scripts as bench/run.sh.
#
#   bench/http.sh                 build, start, 30 s of warm-up load, 15 s of each
#   bench/http.sh --profile       also JFR (profile settings) of the service: bench/target/results/http-*/main.jfr,
#                                 then bench/jfr-top.py on it for the POST /classify phase
#   bench/http.sh --skip-build    use what bench/target already holds
#   bench/http.sh --seconds 30    longer phases
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PROFILE=false
BUILD=true
SECONDS_EACH=15
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) PROFILE=true ;;
    --skip-build) BUILD=false ;;
    --seconds) SECONDS_EACH=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

OUT="$ROOT/bench/target/results/http-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/tiering-http.XXXXXX)
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  stop_app
  rm -rf "$WORK"
}
trap cleanup EXIT

machine_info "http: POST /classify against GET /q/health/live"
port_free
ensure_wrk || { echo "wrk missing and not installable" >&2; exit 1; }
if $BUILD; then
  phase build "build (mvnw -Pbench package -DskipTests, into bench/target)"
  build
fi
classpath
seed_profiles

phase start "start the service"
launch_app main "$WORK" false
wait_ready 600

phase warm "30 s of POST /classify (JIT)"
BENCH_PROFILES=bench/target/profiles wrk -t2 -c4 -d30s -s bench/classify.lua "http://127.0.0.1:$PORT" > /dev/null
wrk -t2 -c4 -d5s -s bench/live.lua "http://127.0.0.1:$PORT" > /dev/null

if $PROFILE; then
  jcmd "$APP_PID" JFR.start name=classify settings=profile filename="$OUT/classify.jfr" > /dev/null
fi
phase wrk_classify "wrk -t2 -c4 POST /classify, ${SECONDS_EACH} s"
BENCH_PROFILES=bench/target/profiles wrk -t2 -c4 -d"${SECONDS_EACH}s" -s bench/classify.lua \
  "http://127.0.0.1:$PORT" | tee "$OUT/wrk-classify.txt" | grep '^RESULT' | tee -a "$RESULTS"
if $PROFILE; then
  jcmd "$APP_PID" JFR.stop name=classify > /dev/null
fi
phase wrk_live "wrk -t2 -c4 GET /q/health/live, ${SECONDS_EACH} s"
wrk -t2 -c4 -d"${SECONDS_EACH}s" -s bench/live.lua "http://127.0.0.1:$PORT" \
  | tee "$OUT/wrk-live.txt" | grep '^RESULT' | tee -a "$RESULTS"
phase stop "stop the service"
stop_app

python3 - "$RESULTS" <<'PY'
import sys
r = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) > 1 and p[0] == "RESULT" and p[1].startswith("wrk_"):
        r[p[1]] = dict(x.split("=", 1) for x in p[2:])
c, l = r.get("wrk_classify"), r.get("wrk_live")
if c and l:
    print(f"POST /classify {float(c['req_per_s']):,.0f} req/s (p50 {c['p50_ms']} ms) ÷ GET /q/health/live"
          f" {float(l['req_per_s']):,.0f} req/s (p50 {l['p50_ms']} ms) = {float(c['req_per_s']) / float(l['req_per_s']):.3f}")
PY
if $PROFILE; then
  python3 bench/jfr-top.py "$OUT/classify.jfr" 40 > "$OUT/jfr-top.txt" && head -100 "$OUT/jfr-top.txt"
fi

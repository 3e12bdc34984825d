#!/usr/bin/env bash
# Every benchmark of BENCHMARKS.md in one go: build, JMH (engine vs floor, compile, reclassify in process), a
# CPU-time cross-check, then the HTTP and reload benchmarks against the packaged service, and a summary with the
# ratios against the targets of issue 6.
#
#   bench/run.sh            full run (about 13 minutes on the 2-core machine)
#   bench/run.sh --quick    smoke run: fewer iterations, shorter phases, 2,000 instead of 10,000 operators (~5 min)
#   bench/run.sh --profile  also records JFR during the HTTP phases (bench/target/results/*/*.jfr)
#
# It builds with -Pbench into bench/target, away from target/, so it does not disturb a build running in the same
# tree. Results go to bench/target/results/<time>/ (raw JMH JSON, app logs, RESULT lines, summary.txt).
# The service under test listens on 127.0.0.1 only, with a throw-away data folder and a copy of rules/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=false
PROFILE=false
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    --profile) PROFILE=true ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

OUT="$ROOT/bench/target/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"
PORT=${BENCH_PORT:-18089}
export TIERING_ADMIN_PASSWORD=bench-admin TIERING_ANALYST_PASSWORD=bench-analyst
APP_PID=
WORK=$(mktemp -d /tmp/tiering-bench.XXXXXX)

cleanup() {
  stop_app
  rm -rf "$WORK"
}
trap cleanup EXIT

note() { echo "== $*" | tee -a "$OUT/progress.txt"; }
load() { uptime | sed 's/.*load average: //'; }

if $QUICK; then
  JMH_FAST=(-f 1 -wi 2 -w 1 -i 3 -r 1); COLD_FORKS=2; CPU_SECONDS=0.5
  RATE_WARMUP=3; RATE_SECONDS=10; WRK_SECONDS=8; BATCH_SECONDS=8; FLEET=2000; STORE_RELOADS=2
  MEMORY_RELOADS=50; WATCH_EDITS=5
else
  JMH_FAST=(); COLD_FORKS=5; CPU_SECONDS=1
  RATE_WARMUP=10; RATE_SECONDS=30; WRK_SECONDS=20; BATCH_SECONDS=20; FLEET=10000; STORE_RELOADS=3
  MEMORY_RELOADS=200; WATCH_EDITS=10
fi

# ---- machine ------------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "mode: $($QUICK && echo quick || echo full)"
  echo "load at start: $(load)"
} | tee "$OUT/machine.txt"

# ---- build --------------------------------------------------------------------------------------------------
note "build (mvnw -Pbench package -DskipTests, into bench/target)"
build() { ./mvnw -B -q "$@" -Pbench -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=bench/target/classpath.txt -Dmdep.includeScope=test; }
if ! build -o > "$OUT/build.log" 2>&1; then
  echo "offline build failed (JMH not in the local repository yet?); retrying online" | tee -a "$OUT/progress.txt"
  build >> "$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; exit 1; }
fi
CP="bench/target/test-classes:bench/target/classes:$(cat bench/target/classpath.txt)"
APP_JAR=bench/target/quarkus-app/quarkus-run.jar
# The JVMs outside Quarkus log through JBoss LogManager at INFO (see BenchLogging): without it Drools' trace
# records are built and buffered and the engine measures several times slower than it runs.
JVM_BENCH=(-Xms1g -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager)

# ---- JMH ----------------------------------------------------------------------------------------------------
note "JMH: engine vs floor, compile, reclassify in process (load $(load))"
java "${JVM_BENCH[@]}" -cp "$CP" org.openjdk.jmh.Main 'ClassifyBenchmark|ReclassifyBenchmark|CompileBenchmark.warm' \
  "${JMH_FAST[@]}" -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1 || { tail -30 "$OUT/jmh.txt"; exit 1; }
java "${JVM_BENCH[@]}" -cp "$CP" org.openjdk.jmh.Main 'CompileBenchmark.cold' -f "$COLD_FORKS" \
  -rf json -rff "$OUT/jmh-cold.json" > "$OUT/jmh-cold.txt" 2>&1 || { tail -30 "$OUT/jmh-cold.txt"; exit 1; }
sed -n '/^Benchmark/,$p' "$OUT/jmh.txt" "$OUT/jmh-cold.txt"

note "CPU-time cross-check (load $(load))"
java "${JVM_BENCH[@]}" -cp "$CP" dev.tiering.bench.CpuTime "$CPU_SECONDS" | tee "$OUT/cputime.txt" | grep -v '^RESULT'
grep '^RESULT' "$OUT/cputime.txt" >> "$RESULTS"

# ---- the service --------------------------------------------------------------------------------------------
start_app() { # name watch
  local name=$1 watch=$2
  rm -rf "$WORK/$name" && mkdir -p "$WORK/$name"
  cp -r rules "$WORK/$name/rules"
  local jfr=()
  if $PROFILE; then jfr=(-XX:StartFlightRecording=filename="$OUT/$name.jfr",settings=profile); fi
  java -Xms1g -Xmx1g "${jfr[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dtiering.data.dir="$WORK/$name/data" -Dtiering.rules.dir="$WORK/$name/rules" -Dtiering.rules.watch="$watch" \
    -jar "$APP_JAR" > "$OUT/app-$name.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "service did not start; see $OUT/app-$name.log" >&2
  tail -20 "$OUT/app-$name.log" >&2
  exit 1
}
stop_app() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}
# HttpBench prints one "RESULT name k=v ..." line per command; TAG=x_ prefixes the name, quiet runs keep none.
http() { java -Xmx512m -cp "$CP" dev.tiering.bench.http.HttpBench "$@" | sed -u "s/^RESULT /RESULT ${TAG:-}/" \
  | tee -a "$RESULTS"; }
http_quiet() { java -Xmx512m -cp "$CP" dev.tiering.bench.http.HttpBench "$@" > /dev/null; }
memory() { # label: retained heap and metaspace after full collections, live classes, and a class histogram
  jcmd "$APP_PID" GC.run > /dev/null; sleep 1; jcmd "$APP_PID" GC.run > /dev/null; sleep 1
  local classes
  classes=$(jstat -class "$APP_PID" | awk 'NR == 2 {print $1 - $3}')
  jcmd "$APP_PID" GC.class_histogram > "$OUT/histogram-$1.txt"
  jcmd "$APP_PID" GC.heap_info | awk -v label="$1" -v classes="$classes" '
    /garbage-first heap|heap +total/ { for (i = 1; i <= NF; i++) if ($i == "used") { gsub(/K,?/, "", $(i+1)); heap = $(i+1) } }
    /Metaspace/ { for (i = 1; i <= NF; i++) if ($i == "used") { gsub(/K,?/, "", $(i+1)); meta = $(i+1) } }
    END { printf "RESULT memory label=%s heap_kb=%d metaspace_kb=%d classes=%d\n", label, heap, meta, classes }' \
    | tee -a "$RESULTS"
}

# The store's own log line for each pass of a reload: wall and CPU time (OperatorStore.reclassifyAll), and the
# lifecycle's split of a whole reload into compile, scenarios and store.
store_passes() {
  sed -nE 's/.*(Previewed|Reclassified) ([0-9]+) operators with rule set [0-9a-f]+ in ([0-9]+) ms \(([0-9]+) ms CPU on ([0-9]+) threads\).*/RESULT store_pass kind=\1 operators=\2 ms=\3 cpu_ms=\4 threads=\5/p' "$1" \
    | tee -a "$RESULTS"
}
reload_phases() { # label log
  sed -nE "s/.*Rule set [0-9a-f]+ live \(was [0-9a-f]+\).*; ([0-9]+) ms \(compile ([0-9]+), scenarios ([0-9]+), store ([0-9]+)\).*/RESULT reload_phases label=$1 total_ms=\1 compile_ms=\2 scenarios_ms=\3 store_ms=\4/p" "$2" \
    >> "$RESULTS"
}

if ! command -v wrk > /dev/null 2>&1; then
  note "installing wrk (Debian package)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) > "$OUT/apt.log" 2>&1 || true
fi
mkdir -p bench/target/profiles
python3 - <<'PY'
import json
seed = json.load(open("src/main/resources/seed/operators.json"))
for i, e in enumerate(seed, 1):
    with open(f"bench/target/profiles/{i}.json", "w") as f:
        f.write(json.dumps(e["profile"], separators=(",", ":")))
PY

note "service 1: POST /classify, /classify/batch, reload with $FLEET stored operators (load $(load))"
start_app http false
# Warm-up: the JIT and Drools' constraint jitting settle in the first seconds.
http_quiet rate "$PORT" 500 0 "$RATE_WARMUP" 32
if command -v wrk > /dev/null 2>&1; then
  BENCH_PROFILES=bench/target/profiles wrk -t2 -c16 -d"${WRK_SECONDS}s" -s bench/classify.lua "http://127.0.0.1:$PORT" \
    | tee "$OUT/wrk.txt" | grep '^RESULT' | tee -a "$RESULTS"
else
  echo "wrk missing: no closed-loop throughput figure" | tee -a "$OUT/progress.txt"
fi
for rate in 500 1000 2000; do
  note "fixed rate $rate req/s (load $(load))"
  http rate "$PORT" "$rate" "$RATE_WARMUP" "$RATE_SECONDS" 64
done
note "batch (load $(load))"
http batch "$PORT" "$BATCH_SECONDS" 2
note "PUT $FLEET operators (load $(load))"
http fleet "$PORT" "$FLEET" 4
note "reload with $FLEET stored operators (load $(load))"
http reload "$PORT" "$WORK/http/rules" "$STORE_RELOADS"
store_passes "$OUT/app-http.log"
stop_app

note "service 2: retained memory after 1 and after $MEMORY_RELOADS reloads (load $(load))"
start_app memory false
http_quiet rate "$PORT" 500 0 3 16
TAG=memory_ http reload "$PORT" "$WORK/memory/rules" 1
http_quiet rate "$PORT" 500 0 3 16
memory after_1
TAG=memory_ http reload "$PORT" "$WORK/memory/rules" $((MEMORY_RELOADS - 1))
http_quiet rate "$PORT" 500 0 3 16
memory "after_$MEMORY_RELOADS"
stop_app
reload_phases memory "$OUT/app-memory.log"

note "service 3: file save to new version live, watched folder (load $(load))"
start_app watch true
http watch "$PORT" "$WORK/watch/rules" "$WATCH_EDITS"
stop_app
reload_phases watch "$OUT/app-watch.log"

echo "load at end: $(load)" | tee -a "$OUT/machine.txt"
python3 bench/summary.py "$OUT" | tee "$OUT/summary.txt"

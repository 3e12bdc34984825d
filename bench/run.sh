#!/usr/bin/env bash
# The seven figures of BENCHMARKS.md's current round side by side in one run, each against its partner
# measured in the same run, with the machine's load at each phase; then a summary table (figure, partner, ratio,
# target, met or not). BENCHMARKS.md says exactly how each figure is measured.
#
#   bench/run.sh               full run (an estimated 12-17 minutes on the 2-core machine, most of it reloads)
#   bench/run.sh --quick       smoke run: short phases, 500 stored operators, 5/8 rule changes (4-6 minutes)
#   bench/run.sh --profile     also records JFR of the service (bench/target/results/*/main.jfr)
#   bench/run.sh --extras      also the first round's other figures: the rest of the JMH benchmarks, the CPU-time
#                              cross-check, fixed-rate latency at 500 and 2,000 req/s, file save -> live (+5 min)
#   bench/run.sh --skip-build  use what bench/target already holds
#
# One service (the packaged jar, -Xms1g -Xmx1g, 127.0.0.1, a throw-away data folder and copy of rules/, the folder
# not watched) goes through, in order:
#   figure 5  load from the moment /q/health/ready is UP: first 10 s against seconds 45-60 (closed loop, 4 conn.)
#   figure 1  wrk -t2 -c4: POST /classify, then GET /q/health/live              (the service now warm, > 45 s)
#   figure 2  POST /classify/batch of 1,000 profiles, 2 connections, against figure 1's POST /classify
#   (info)    POST /classify at 1,000 req/s: p99, the first round's latency figure
#   -         PUT 1,000 operators (FLEET_A), 3 reloads; PUT 4,000 more (FLEET_B = 5,000), 3 reloads
#   figure 3  a reload's marginal cost per stored operator (the two sizes' median reloads, so that fixed costs such
#             as compiling and vetting cancel) against a batch's per profile
#   figure 4  3 rule changes under closed-loop load: 4 s from the first answer of the new version against the 10 s
#             before the change
#   figure 6  more rule changes until 26, retained heap; until 51, retained heap
# JMH (figure 7: ClassifyBenchmark.engine against droolsNoRules, 20 warm-up iterations) runs before the service.
#
# It builds with -Pbench into bench/target, away from target/. Results go to bench/target/results/<time>/: RESULT
# lines (results.txt), JMH JSON, the service's log and GC log, class histograms, summary.txt (bench/summary.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=false
PROFILE=false
EXTRAS=false
BUILD=true
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    --profile) PROFILE=true ;;
    --extras) EXTRAS=true ;;
    --skip-build) BUILD=false ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

OUT="$ROOT/bench/target/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/tiering-bench.XXXXXX)
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  stop_app
  rm -rf "$WORK"
}
trap cleanup EXIT

CONNECTIONS=4 # figures 1, 4 and 5: the issue's wrk -c4
if $QUICK; then
  JMH_RATIO=(-f 1 -wi 3 -w 1 -i 3 -r 1); JMH_FLOOR=(-f 1 -wi 2 -w 1 -i 2 -r 1)
  START_SECONDS=25; FIRST_S=10; STEADY_FROM=15; WRK_SECONDS=5; BATCH_SECONDS=5; RATE_SECONDS=0
  FLEET_A=300; FLEET=1500; RELOADS=2; SWAPS=1; SWAP_SETTLE=5; MEM_A=6; MEM_B=9
  JMH_EXTRA=(-f 1 -wi 2 -w 1 -i 3 -r 1); COLD_FORKS=2; CPU_SECONDS=0.5; WATCH_EDITS=3
else
  JMH_RATIO=(-f 2 -wi 20 -w 1 -i 5 -r 1); JMH_FLOOR=(-f 1 -wi 5 -w 1 -i 5 -r 1)
  START_SECONDS=60; FIRST_S=10; STEADY_FROM=45; WRK_SECONDS=15; BATCH_SECONDS=15; RATE_SECONDS=20
  FLEET_A=1000; FLEET=5000; RELOADS=3; SWAPS=3; SWAP_SETTLE=20; MEM_A=26; MEM_B=51
  JMH_EXTRA=(); COLD_FORKS=5; CPU_SECONDS=1; WATCH_EDITS=10
fi
echo "RESULT config mode=$($QUICK && echo quick || echo full) connections=$CONNECTIONS start_s=$START_SECONDS" \
  "first_s=$FIRST_S steady_from_s=$STEADY_FROM steady_to_s=$START_SECONDS fleet_a=$FLEET_A fleet=$FLEET" \
  "reloads=$RELOADS" \
  "swaps=$SWAPS mem_a=$MEM_A mem_b=$MEM_B" >> "$RESULTS"

machine_info "$($QUICK && echo quick || echo full)$($EXTRAS && echo ' +extras' || true)"
port_free

# ---- build --------------------------------------------------------------------------------------------------
if $BUILD; then
  phase build "build (mvnw -Pbench package -DskipTests, into bench/target)"
  build
fi
classpath
# The JVMs outside Quarkus log through JBoss LogManager at INFO (see BenchLogging): without it Drools' trace
# records are built and buffered and the engine measures several times slower than it runs.
JVM_BENCH=(-Xms1g -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager)

# ---- figure 7: JMH ------------------------------------------------------------------------------------------
# Drools jits MVEL constraints after a number of evaluations and C2 settles late on the rules' generated code:
# 20 one-second warm-up iterations before 5 measured ones, 2 forks, for both sides of the ratio.
phase jmh "figure 7: JMH ClassifyBenchmark.engine and .droolsNoRules"
java "${JVM_BENCH[@]}" -cp "$CP" org.openjdk.jmh.Main 'ClassifyBenchmark\.(engine|droolsNoRules)$' \
  "${JMH_RATIO[@]}" -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1 || { tail -30 "$OUT/jmh.txt"; exit 1; }
phase jmh_floor "JMH ClassifyBenchmark.floor (the first round's plain-Java floor)"
java "${JVM_BENCH[@]}" -cp "$CP" org.openjdk.jmh.Main 'ClassifyBenchmark\.floor$' \
  "${JMH_FLOOR[@]}" -rf json -rff "$OUT/jmh-floor.json" > "$OUT/jmh-floor.txt" 2>&1 || { tail -30 "$OUT/jmh-floor.txt"; exit 1; }
sed -n '/^Benchmark/,$p' "$OUT/jmh.txt" "$OUT/jmh-floor.txt"

if $EXTRAS; then
  phase jmh_extras "extras: JMH of the first round (reclassify in process, compile warm and cold)"
  java "${JVM_BENCH[@]}" -cp "$CP" org.openjdk.jmh.Main \
    'ClassifyBenchmark\.(factsOnly|engineToClassification|engineSessionPerCall)$|ReclassifyBenchmark|CompileBenchmark.warm' \
    "${JMH_EXTRA[@]}" -rf json -rff "$OUT/jmh-extras.json" > "$OUT/jmh-extras.txt" 2>&1 || { tail -30 "$OUT/jmh-extras.txt"; exit 1; }
  java "${JVM_BENCH[@]}" -cp "$CP" org.openjdk.jmh.Main 'CompileBenchmark.cold' -f "$COLD_FORKS" \
    -rf json -rff "$OUT/jmh-cold.json" > "$OUT/jmh-cold.txt" 2>&1 || { tail -30 "$OUT/jmh-cold.txt"; exit 1; }
  sed -n '/^Benchmark/,$p' "$OUT/jmh-extras.txt" "$OUT/jmh-cold.txt"
  phase cputime "extras: CPU-time cross-check"
  java "${JVM_BENCH[@]}" -cp "$CP" dev.tiering.bench.CpuTime "$CPU_SECONDS" | tee "$OUT/cputime.txt" | grep -v '^RESULT'
  grep '^RESULT' "$OUT/cputime.txt" >> "$RESULTS"
fi

# ---- the service --------------------------------------------------------------------------------------------
HAVE_WRK=true
ensure_wrk || { HAVE_WRK=false; echo "wrk missing and not installable: no figure 1" | tee -a "$OUT/progress.txt"; }
seed_profiles
MAIN="$WORK/main"
RULES="$MAIN/rules"

# Figure 5: HttpBench start polls /q/health/ready (not the port: the service may be warming up with its port open
# and readiness DOWN) and puts load on it the moment it is UP; answers counted per second.
phase start "figure 5: start the service, load from ready for ${START_SECONDS} s"
launch_app main "$MAIN" false
http start "$PORT" "$APP_LAUNCHED_MS" "$START_SECONDS" "$CONNECTIONS" "$APP_PID"

if $HAVE_WRK; then
  phase wrk_classify "figure 1: wrk -t2 -c$CONNECTIONS POST /classify, ${WRK_SECONDS} s"
  BENCH_PROFILES=bench/target/profiles wrk -t2 -c"$CONNECTIONS" -d"${WRK_SECONDS}s" -s bench/classify.lua \
    "http://127.0.0.1:$PORT" | tee "$OUT/wrk-classify.txt" | grep '^RESULT' | tee -a "$RESULTS"
  phase wrk_live "figure 1: wrk -t2 -c$CONNECTIONS GET /q/health/live, ${WRK_SECONDS} s"
  wrk -t2 -c"$CONNECTIONS" -d"${WRK_SECONDS}s" -s bench/live.lua "http://127.0.0.1:$PORT" \
    | tee "$OUT/wrk-live.txt" | grep '^RESULT' | tee -a "$RESULTS"
fi

phase batch "figure 2: POST /classify/batch of 1,000 profiles, 2 connections, ${BATCH_SECONDS} s"
http batch "$PORT" "$BATCH_SECONDS" 2

if [ "$RATE_SECONDS" -gt 0 ]; then
  phase rate "POST /classify at 1,000 req/s for ${RATE_SECONDS} s (the first round's p99)"
  http rate "$PORT" 1000 5 "$RATE_SECONDS" 64
fi
if $EXTRAS; then
  for rate in 500 2000; do
    phase "rate_$rate" "extras: POST /classify at $rate req/s"
    http rate "$PORT" "$rate" 5 "$([ "$RATE_SECONDS" -gt 0 ] && echo "$RATE_SECONDS" || echo 10)" 64
  done
fi

# Figure 3: each reload rewords every message of tiers.drl (HttpBench changeWords; each operator gets one of its
# tier reasons), so every stored operator is previewed and reclassified, and every one's answer changes: every
# stored classification is rewritten, the store's worst case (a threshold change moves few answers, and an
# unchanged answer costs only a read). The same reloads at two
# store sizes: the difference of their medians over the difference of the sizes is the marginal cost of a stored
# operator, with the fixed costs (vetting in a child JVM, compiling, the scenarios) cancelled out. The service's
# log gives each pass's time besides (summary.py reads app-main.log).
phase fleet_a "PUT $FLEET_A operators"
http fleet "$PORT" "$FLEET_A" 4
phase reload_a "figure 3: $RELOADS reloads with $FLEET_A + 13 stored operators"
TAG=fig3a_ http reload "$PORT" "$RULES" "$RELOADS" words
phase fleet "PUT operators up to $FLEET"
http fleet "$PORT" "$FLEET" 4 "$FLEET_A"
phase reload "figure 3: $RELOADS reloads with $FLEET + 13 stored operators"
TAG=fig3_ http reload "$PORT" "$RULES" "$RELOADS" words
CHANGES=$((2 * RELOADS))

phase swap "figure 4: $SWAPS rule changes under closed-loop load ($CONNECTIONS connections)"
http swap "$PORT" "$RULES" "$SWAPS" "$CONNECTIONS" 10 4 "$SWAP_SETTLE"
CHANGES=$((CHANGES + SWAPS))

# Figure 6: retained heap after MEM_A and MEM_B rule changes on this service (all with the fleet stored). Before
# each measurement the same 3 s of POST /classify, so that both find the active rule set in use.
for target in "$MEM_A" "$MEM_B"; do
  if [ "$CHANGES" -lt "$target" ]; then
    phase "changes_to_$target" "figure 6: rule changes $((CHANGES + 1))..$target"
    TAG=fig6_ http reload "$PORT" "$RULES" $((target - CHANGES))
    CHANGES=$target
  fi
  http_quiet closed "$PORT" 3 "$CONNECTIONS"
  phase "memory_$target" "figure 6: retained memory after $target rule changes"
  memory "after_$target"
done
phase stop "stop the service"
stop_app

if $EXTRAS; then
  phase watch "extras: file save -> new version live, watched folder"
  launch_app watch "$WORK/watch" true
  wait_ready 600
  http watch "$PORT" "$WORK/watch/rules" "$WATCH_EDITS"
  stop_app
fi

phase end "summary"
echo "load at end: $(load)" | tee -a "$OUT/machine.txt"
echo "elapsed: ${SECONDS} s" | tee -a "$OUT/machine.txt"
python3 bench/summary.py "$OUT" | tee "$OUT/summary.txt"

# Shared by bench/run.sh and bench/scale.sh (sourced, not run): build, start and stop the packaged service, the
# load generator, memory after full collections, the machine's load at each phase.
#
# The caller sets ROOT (the project folder, current directory), OUT (the result folder), PROFILE (true/false)
# and may set HTTP_XMX (the load generator's heap) before sourcing.

RESULTS="$OUT/results.txt"
: > "$RESULTS"
PORT=${BENCH_PORT:-18089}
export TIERING_ADMIN_PASSWORD=bench-admin TIERING_ANALYST_PASSWORD=bench-analyst
APP_PID=
APP_LAUNCHED_MS=
HTTP_XMX=${HTTP_XMX:-512m}
APP_JAR=bench/target/quarkus-app/quarkus-run.jar

note() { echo "== $*" | tee -a "$OUT/progress.txt"; }
load() { uptime | sed 's/.*load average: //'; }
# A RESULT line with the machine's load (1, 5, 15 min) and the time: every figure is read against the load of its
# phase. Other engineers' builds share the cores.
phase() { # name [what to print]
  local l
  l=$(load | tr -d ' ')
  echo "RESULT phase name=$1 load=${l//,/\/} at=$(date -u +%H:%M:%S) elapsed_s=$SECONDS" >> "$RESULTS"
  note "${2:-$1} (load ${l//,/ }, ${SECONDS}s in)"
}

machine_info() { # mode
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
    echo "mode: $1"
    echo "load at start: $(load)"
  } | tee "$OUT/machine.txt"
}

# mvnw -Pbench package into bench/target (not target/: a build running in the same tree is not disturbed), plus the
# test class path for JMH and the load generator. Offline first; online only if something is missing locally.
build() {
  local mvn=(./mvnw -B -q -Pbench -DskipTests package dependency:build-classpath
    -Dmdep.outputFile=bench/target/classpath.txt -Dmdep.includeScope=test)
  if ! "${mvn[@]}" -o > "$OUT/build.log" 2>&1; then
    echo "offline build failed (JMH or a plugin not in the local repository yet?); retrying online" \
      | tee -a "$OUT/progress.txt"
    "${mvn[@]}" >> "$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; exit 1; }
  fi
}
classpath() {
  [ -f bench/target/classpath.txt ] && [ -f "$APP_JAR" ] || { echo "nothing built in bench/target" >&2; exit 1; }
  CP="bench/target/test-classes:bench/target/classes:$(cat bench/target/classpath.txt)"
}

port_free() {
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
    echo "something already listens on 127.0.0.1:$PORT; set BENCH_PORT" >&2
    exit 1
  fi
}

# Starts the packaged service in the background on DIR/data and DIR/rules (a copy of rules/ unless DIR/rules
# exists), -Xmx1g, GC log to $OUT/gc-NAME.log. The lifecycle logs at DEBUG: the child JVM's vetting time and the
# whole preview's time are DEBUG lines (RuleLifecycle, ChildProcessVetting), the only place the service tells them.
# Does not wait: wait_ready does, or HttpBench start (figure 5) does it itself.
launch_app() { # name dir watch [java options...]
  local name=$1 dir=$2 watch=$3
  shift 3
  mkdir -p "$dir"
  [ -d "$dir/rules" ] || cp -r rules "$dir/rules"
  local jfr=()
  if $PROFILE; then jfr=(-XX:StartFlightRecording=filename="$OUT/$name.jfr",settings=profile); fi
  APP_LAUNCHED_MS=$(date +%s%3N)
  java -Xms1g -Xmx1g "${jfr[@]}" -Xlog:gc:file="$OUT/gc-$name.log":uptime "$@" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dtiering.data.dir="$dir/data" -Dtiering.rules.dir="$dir/rules" -Dtiering.rules.watch="$watch" \
    '-Dquarkus.log.category."dev.tiering.lifecycle".level=DEBUG' \
    -jar "$APP_JAR" > "$OUT/app-$name.log" 2>&1 &
  APP_PID=$!
  APP_LOG="$OUT/app-$name.log"
}
wait_ready() { # seconds
  local limit=$((${1:-600} * 2))
  for _ in $(seq 1 "$limit"); do
    if curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "service not ready; see $APP_LOG" >&2
  tail -20 "$APP_LOG" >&2
  exit 1
}
stop_app() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}
app_alive() {
  [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null
}

# HttpBench prints one "RESULT name k=v ..." line per measurement; TAG=x_ prefixes the name, quiet runs keep none.
http() { java -Xmx"$HTTP_XMX" "${HTTP_OPTS[@]}" -cp "$CP" dev.tiering.bench.http.HttpBench "$@" \
  | sed -u "s/^RESULT /RESULT ${TAG:-}/" | tee -a "$RESULTS"; }
http_quiet() { java -Xmx"$HTTP_XMX" -cp "$CP" dev.tiering.bench.http.HttpBench "$@" > /dev/null; }
HTTP_OPTS=()

# Retained heap and metaspace after two full collections (jcmd GC.run), live classes, and a class histogram.
memory() { # label
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
# One full GC (jcmd GC.run) while the service works, and the heap after it as the GC log gives it (-Xlog:gc of
# launch_app): GC.heap_info would report what is in use when it runs, inflated by whatever the service allocated
# since the collection.
gc_after() { # name label
  jcmd "$APP_PID" GC.run > /dev/null
  sleep 0.5
  grep 'Pause Full (Diagnostic Command)' "$OUT/gc-$1.log" | tail -1 \
    | sed -nE "s/.*\(Diagnostic Command\) ([0-9]+)M->([0-9]+)M\(([0-9]+)M\).*/RESULT gc_after label=$2 before_mb=\1 after_mb=\2 heap_mb=\3/p" \
    | tee -a "$RESULTS"
}
# The service JVM's uptime in seconds, to cut its GC log (-Xlog:gc:...:uptime) to a phase.
vm_uptime() { jcmd "$APP_PID" VM.uptime | awk 'NR == 2 {print $1}'; }

ensure_wrk() {
  if ! command -v wrk > /dev/null 2>&1; then
    note "installing wrk (Debian package)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) > "$OUT/apt.log" 2>&1 || true
  fi
  command -v wrk > /dev/null 2>&1
}

# The 13 seed profiles as separate request bodies for wrk (bench/classify.lua).
seed_profiles() {
  mkdir -p bench/target/profiles
  python3 - <<'PY'
import json
seed = json.load(open("src/main/resources/seed/operators.json"))
for i, e in enumerate(seed, 1):
    with open(f"bench/target/profiles/{i}.json", "w") as f:
        f.write(json.dumps(e["profile"], separators=(",", ":")))
PY
}

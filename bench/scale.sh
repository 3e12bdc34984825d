#!/usr/bin/env bash
# The service with many stored operators (100,000 by default), on the embedded H2 or on PostgreSQL. Stores them,
# then times GET /screen and GET /operators/counts, paging through GET /operators, and a reload that reclassifies
# all of them, with the service's heap after GC during and after it (bounded memory or not) and, on H2, the
# database file's size after the reload against its size once compacted (the data's size).
#
#   bench/scale.sh                         100,000 operators on H2 (storing them takes the most time: see PUT/s)
#   bench/scale.sh --postgres              the same on PostgreSQL (the tests' embedded one, synchronous commits)
#   bench/scale.sh --operators 5000        fewer, to try the script
#   bench/scale.sh --data DIR              keep the service's data and rules in DIR: a later run with the same DIR
#                                          and count stores nothing and goes straight to the measurements
#   bench/scale.sh --connections 8         PUT connections (default 4)
#   bench/scale.sh --skip-build            use what bench/target already holds
#
# How operators are stored: PUT /operators/{ticker} on several connections (HttpBench fleet), the fastest way the
# API offers (POST /deals/import only adds deals to operators that exist, and there is no bulk PUT).
# Then, on the packaged service (-Xms1g -Xmx1g, GC log):
#   1. retained heap after full GC with the operators stored
#   2. GET /screen and GET /operators/counts: the first call, 50 in a row, and 10 each right after a PUT
#   3. GET /operators page by page along the Link header: the default page size, then ?limit=5000
#   4. POST /rules/reload of a changed threshold (every operator previewed and reclassified, and every one's
#      answer changes: its conversion upside): its wall time, the store's passes from the log, every GC during it
#      (heap after each collection, from the GC log), and a full GC at the moment the preview pass ends and the
#      apply pass begins (what the reload holds between them); the H2 file's size before and after it
#   5. the two views again (the screen ranks every bucket again under the new rule set), the retained heap
#   6. POST /rules/reload of a change in words that gives every operator another answer (each tier reason reworded):
#      every stored classification rewritten, the store's worst case; the H2 file before and after it
#   7. the service stopped (H2 compacts its file at a normal stop): the file's size then
# Results go to bench/target/results/scale-<time>/ (results.txt, app log, GC log, summary.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

OPERATORS=100000
CONNECTIONS=4
DATA=
BUILD=true
PROFILE=false
POSTGRES=false
while [ $# -gt 0 ]; do
  case "$1" in
    --operators) OPERATORS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --data) DATA=$2; shift ;;
    --skip-build) BUILD=false ;;
    --profile) PROFILE=true ;;
    --postgres) POSTGRES=true ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

OUT="$ROOT/bench/target/results/scale-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
if [ -n "$DATA" ]; then
  mkdir -p "$DATA"
  WORK=$(cd "$DATA" && pwd)
  KEEP=true
else
  WORK=$(mktemp -d /tmp/tiering-scale.XXXXXX)
  KEEP=false
fi
HTTP_XMX=1g # the load generator holds the whole fleet
# shellcheck source=bench/lib.sh
. bench/lib.sh
PG_PID=
cleanup() {
  stop_app
  if [ -n "$PG_PID" ]; then kill "$PG_PID" 2>/dev/null; wait "$PG_PID" 2>/dev/null || true; fi
  if ! $KEEP; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

DB=$($POSTGRES && echo postgresql || echo h2)
echo "RESULT config operators=$OPERATORS connections=$CONNECTIONS database=$DB" >> "$RESULTS"
machine_info "scale, $OPERATORS operators, $DB"
port_free
if $BUILD; then
  phase build "build (mvnw -Pbench package -DskipTests, into bench/target)"
  build
fi
classpath

# H2's file, or PostgreSQL's database, in bytes
db_size() {
  if $POSTGRES; then
    PGPASSWORD=tiering psql -h 127.0.0.1 -p "$PG_PORT" -U tiering -d tiering -Atc "SELECT pg_database_size('tiering')"
  else
    stat -c %s "$WORK/data/tiering.mv.db"
  fi
}

if $POSTGRES; then
  phase postgres "start PostgreSQL (the tests' embedded one, synchronous commits)"
  PG_PORT=$((PORT + 1))
  java -cp "$CP" dev.tiering.bench.PgServer "$WORK/pg" "$PG_PORT" > "$OUT/postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 120); do grep -q '^READY' "$OUT/postgres.log" && break; sleep 0.5; done
  grep -q '^READY' "$OUT/postgres.log" || { tail -20 "$OUT/postgres.log"; exit 1; }
  export TIERING_DB_URL=$(sed -n 's/^READY //p' "$OUT/postgres.log") TIERING_DB_USER=tiering TIERING_DB_PASSWORD=tiering
fi

phase start "start the service"
launch_app scale "$WORK" false
wait_ready 900

STORED=$(cat "$WORK/stored" 2>/dev/null || echo 0)
if [ "$STORED" -ge "$OPERATORS" ]; then
  note "$STORED operators already stored in $WORK: not storing again"
else
  phase store "PUT $OPERATORS operators on $CONNECTIONS connections"
  http fleet "$PORT" "$OPERATORS" "$CONNECTIONS" "$STORED"
  echo "$OPERATORS" > "$WORK/stored"
fi

phase memory_stored "retained heap with the operators stored"
memory stored

phase views "GET /screen and GET /operators/counts with the operators stored"
http views "$PORT" 50 10

phase pages_default "GET /operators, every page, default page size"
http pages "$PORT" 0
phase pages_5000 "GET /operators?limit=5000, every page"
http pages "$PORT" 5000

# The reload, with a watcher that takes a full GC the moment the preview pass ends (its log line), while the apply
# pass starts: the heap then holds what the reload keeps from one pass to the next.
echo "RESULT db_size label=before_reload bytes=$(db_size)" >> "$RESULTS"
phase reload "POST /rules/reload: reclassify every stored operator"
FROM_LINE=$(wc -l < "$APP_LOG")
UP_BEFORE=$(vm_uptime)
(
  for _ in $(seq 1 36000); do
    if awk -v from="$FROM_LINE" 'NR > from && /Previewed [0-9]+ operators with rule set/ {found = 1}
        END {exit !found}' "$APP_LOG"; then
      gc_after scale between_passes > /dev/null
      exit 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || exit 0
    sleep 0.2
  done
) &
WATCHER=$!
HTTP_OPTS=(-Dbench.http.timeout.s=10800) # 3 h: see BENCHMARKS.md on the apply pass at 100,000
RELOAD_OK=true
http reload "$PORT" "$WORK/rules" 1 || RELOAD_OK=false
HTTP_OPTS=()
wait "$WATCHER" 2>/dev/null || true
if app_alive; then
  UP_AFTER=$(vm_uptime)
  echo "RESULT reload_window up_from_s=$UP_BEFORE up_to_s=$UP_AFTER ok=$RELOAD_OK" >> "$RESULTS"
  if ! $POSTGRES; then
    # The service looks at its file right after a pass and compacts it if most of it is old versions
    # (store.FileCompaction): the size as the reload answered, then once that has happened (or 2 minutes).
    echo "RESULT db_size label=as_the_reload_answered bytes=$(db_size)" >> "$RESULTS"
    for _ in $(seq 1 240); do
      awk -v from="$FROM_LINE" 'NR > from && /Compacted the database file/ {found = 1} END {exit !found}' "$APP_LOG" && break
      sleep 0.5
    done
    grep 'Compacted the database file' "$APP_LOG" | tail -1 | sed 's/^/  /' | tee -a "$OUT/progress.txt" || true
  fi
  echo "RESULT db_size label=after_reload bytes=$(db_size)" >> "$RESULTS"
  phase views_after "GET /screen and GET /operators/counts after the reload"
  TAG=after_ http views "$PORT" 50 10
  phase memory_after "retained heap after the reload"
  memory after_reload
else
  echo "RESULT reload_window up_from_s=$UP_BEFORE up_to_s=999999 ok=false service_died=true" >> "$RESULTS"
  echo "the service ended during the reload; its log's tail:" | tee -a "$OUT/progress.txt"
  tail -20 "$APP_LOG" | tee -a "$OUT/progress.txt"
fi
grep -E 'Previewed [0-9]+ operators|Reclassified [0-9]+ operators|checked in a child JVM|Previewed rule set|active by' \
  "$APP_LOG" | tail -n 5 > "$OUT/reload-log.txt" || true
# The worst case for the store: a change in words that gives every operator another answer (its tier reason),
# so that every stored classification is rewritten (the threshold above moves few answers, and an unchanged answer
# costs only a read). Tiers stay, so it writes no history rows and no change events.
if app_alive; then
  phase reload_words "POST /rules/reload rewording every tier reason: every classification rewritten"
  FROM_LINE=$(wc -l < "$APP_LOG")
  echo "RESULT db_size label=before_reword bytes=$(db_size)" >> "$RESULTS"
  HTTP_OPTS=(-Dbench.http.timeout.s=10800)
  TAG=words_ http reload "$PORT" "$WORK/rules" 1 words || echo "the reworded reload failed" | tee -a "$OUT/progress.txt"
  HTTP_OPTS=()
  if ! $POSTGRES; then # as above, but a minute at most: on a small store there may be nothing to compact
    for _ in $(seq 1 120); do
      awk -v from="$FROM_LINE" 'NR > from && /Compacted the database file/ {found = 1} END {exit !found}' "$APP_LOG" && break
      sleep 0.5
    done
  fi
  echo "RESULT db_size label=after_reword bytes=$(db_size)" >> "$RESULTS"
  awk -v from="$FROM_LINE" 'NR > from' "$APP_LOG" \
    | grep -E 'Previewed [0-9]+ operators|Reclassified [0-9]+ operators|active by|Compacted the database file' \
    | sed 's/^/  /' > "$OUT/reword-log.txt" || true
fi
phase stop "stop the service (H2 compacts its file)"
stop_app
if ! $POSTGRES; then echo "RESULT db_size label=compacted bytes=$(db_size)" >> "$RESULTS"; fi

echo "load at end: $(load)" | tee -a "$OUT/machine.txt"
echo "elapsed: ${SECONDS} s" | tee -a "$OUT/machine.txt"
python3 - "$OUT" <<'PY' | tee "$OUT/summary.txt"
import os, re, sys
out = sys.argv[1]
res = []
for line in open(os.path.join(out, "results.txt")):
    p = line.split()
    if len(p) >= 2 and p[0] == "RESULT":
        res.append((p[1], dict(x.split("=", 1) for x in p[2:] if "=" in x)))
get = lambda n, **m: next((kv for k, kv in res if k == n and all(kv.get(a) == b for a, b in m.items())), None)
print(open(os.path.join(out, "machine.txt")).read().strip())
print()
print("Phases: load average (1/5/15 min) at the start of each")
for k, kv in res:
    if k == "phase":
        print(f"  {kv['name']:15s} {kv['load']:18s} {kv['elapsed_s']:>6s} s in")
print()
cfg = get("config")
fleet = get("fleet")
if fleet:
    print(f"store: {int(fleet['operators']) - int(fleet['from']):,} PUT /operators/{{ticker}} on {fleet['connections']}"
          f" connections in {fleet['seconds']} s = {fleet['puts_per_s']} PUT/s, errors {fleet['errors']}")
for k, kv in res:
    if k in ("view", "after_view"):
        print(f"GET {kv['path']}{' after the reload' if k == 'after_view' else ''}: first {kv['first_ms']} ms; {kv['calls']}"
              f" in a row median {kv['median_ms']} ms, p99 {kv['p99_ms']} ms, max {kv['max_ms']} ms; right after a PUT"
              f" median {kv['after_write_median_ms']} ms, max {kv['after_write_max_ms']} ms")
for k, kv in res:
    if k == "pages":
        print(f"GET /operators, limit {kv['limit']}: {kv['pages']} pages, {int(kv['operators']):,} operators,"
              f" {kv['mb']} MB in {kv['seconds']} s; per page median {kv['median_ms']} ms, p99 {kv['p99_ms']} ms,"
              f" max {kv['max_ms']} ms (first {kv['first_ms']} ms)")
rel = get("reload")
words = get("words_reload")
if words:
    print(f"POST /rules/reload rewording every tier reason (every classification rewritten): {int(words['first_ms']):,} ms wall,"
          f" {words['last_changes']} tier changes")
    reword = os.path.join(out, "reword-log.txt")
    if os.path.exists(reword):
        print(open(reword, errors="replace").read().rstrip())
if rel:
    print(f"POST /rules/reload reclassifying every operator: {int(rel['first_ms']):,} ms wall, {rel['last_changes']} tier changes")
else:
    print("POST /rules/reload: FAILED (see progress.txt and the app log)")
log = {}
for line in open(os.path.join(out, "reload-log.txt"), errors="replace"):
    for key, pat in (("vet", r"checked in a child JVM in (\d+) ms"), ("preview_pass", r"Previewed (\d+) operators .* in (\d+) ms"),
                     ("preview_total", r"Previewed rule set \w+ in (\d+) ms"), ("apply_pass", r"Reclassified (\d+) operators .* in (\d+) ms"),
                     ("store", r"active by .*; store (\d+) ms")):
        m = re.search(pat, line)
        if m:
            log[key] = [int(g) for g in m.groups()]
if log:
    pp, ap = log.get("preview_pass"), log.get("apply_pass")
    parts = []
    if "vet" in log: parts.append(f"child-JVM vetting {log['vet'][0]:,} ms")
    if pp: parts.append(f"preview pass {pp[1]:,} ms ({pp[0]:,} operators, {pp[1] * 1000 / max(pp[0], 1):,.1f} µs each)")
    if ap: parts.append(f"apply pass {ap[1]:,} ms ({ap[1] * 1000 / max(ap[0], 1):,.1f} µs each)")
    if "preview_total" in log and pp: parts.append(f"compile + scenarios {log['preview_total'][0] - pp[1] - log.get('vet', [0])[0]:,} ms")
    print("  steps (service log): " + "; ".join(parts))
win = get("reload_window")
gcs = []
if win:
    a, b = float(win["up_from_s"]), float(win["up_to_s"])
    gc = os.path.join(out, "gc-scale.log")
    if os.path.exists(gc):
        for line in open(gc):
            m = re.match(r"\[(\d+\.\d+)s\].*Pause (\w+).*?(\d+)M->(\d+)M\((\d+)M\)", line)
            if m and m.group(2) in ("Young", "Full") and a <= float(m.group(1)) <= b:
                kind = "ours" if "Diagnostic Command" in line else m.group(2)
                gcs.append((kind, int(m.group(3)), int(m.group(4)), int(m.group(5))))
    if gcs:
        young = [g[2] for g in gcs if g[0] == "Young"]
        full = [g[2] for g in gcs if g[0] == "Full"]
        print(f"  the service's own GCs during the reload: {len(young)} young/mixed, heap after each max"
              f" {max(young, default=0)} MB, median {sorted(young)[len(young) // 2] if young else 0} MB (an upper bound: a"
              f" young collection leaves the old generation's garbage); {len(full)} full"
              + (f", heap after each max {max(full)} MB" if full else "")
              + (" (besides the script's own between the passes)" if any(g[0] == "ours" for g in gcs) else "")
              + f"; heap {gcs[-1][3]} MB")
sizes = {kv["label"]: int(kv["bytes"]) for k, kv in res if k == "db_size"}
if sizes:
    what = "PostgreSQL database" if cfg and cfg.get("database") == "postgresql" else "H2 file"
    print(f"{what}: " + ", ".join(f"{label.replace('_', ' ')} {b / 1e6:,.1f} MB" for label, b in sizes.items())
          + (f"; after the reload ÷ compacted = {sizes['after_reload'] / sizes['compacted']:.2f}"
             if "after_reload" in sizes and sizes.get("compacted") else ""))
kv = get("memory", label="stored")
if kv:
    print(f"retained heap with the operators stored: {int(kv['heap_kb']) / 1024:,.1f} MB (metaspace {int(kv['metaspace_kb']) / 1024:,.1f} MB)")
kv = get("gc_after", label="between_passes")
if kv:
    print(f"retained heap as the apply pass began (one full GC when the preview pass logged its end): {kv['after_mb']} MB"
          f" (from {kv['before_mb']} MB, heap {kv['heap_mb']} MB)")
else:
    print("retained heap between the passes: not caught (the apply pass ended before the script saw the preview's log line)")
kv = get("memory", label="after_reload")
if kv:
    print(f"retained heap after the reload: {int(kv['heap_kb']) / 1024:,.1f} MB (metaspace {int(kv['metaspace_kb']) / 1024:,.1f} MB)")
PY

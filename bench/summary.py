#!/usr/bin/env python3
"""Summary of a bench/run.sh result folder: the figures of BENCHMARKS.md, each against its partner of the same
run, with the target, the figure measured before the work that set it, and the machine's load during the phase;
then the details.

usage: bench/summary.py bench/target/results/<time>
"""
import json, os, re, statistics, sys

out = sys.argv[1]

# ---- inputs ------------------------------------------------------------------------------------------------------

results = []
for line in open(os.path.join(out, "results.txt")):
    parts = line.split()
    if len(parts) >= 2 and parts[0] == "RESULT":
        results.append((parts[1], dict(p.split("=", 1) for p in parts[2:] if "=" in p)))


def all_of(name):
    return [kv for n, kv in results if n == name]


def one(name, **match):
    for kv in all_of(name):
        if all(kv.get(k) == str(v) for k, v in match.items()):
            return kv
    return None


def ints(text):
    return [int(x) for x in text.strip("[]").split(",") if x != ""]


jmh_scores = {}
for f in ("jmh.json", "jmh-floor.json", "jmh-extras.json", "jmh-cold.json"):
    p = os.path.join(out, f)
    if os.path.exists(p):
        for r in json.load(open(p)):
            name = ".".join(r["benchmark"].rsplit(".", 2)[-2:])
            jmh_scores[name] = r["primaryMetric"]


def jmh(name):
    m = jmh_scores.get(name)
    return None if m is None else (m["score"], m["scoreError"], m["scoreUnit"])


config = one("config") or {}
phases = {kv["name"]: kv for kv in all_of("phase")}


def load_of(*names):
    for n in names:
        if n in phases:
            return phases[n]["load"]
    return "?"


# The service's log: per rule-set version, the times of each step of its reload.
steps = {}
log_patterns = [
    ("vet_ms", r"Rule set (\w+) checked in a child JVM in (\d+) ms"),
    ("preview_pass_ms", r"Previewed \d+ operators with rule set (\w+) in (\d+) ms"),
    ("preview_total_ms", r"Previewed rule set (\w+) in (\d+) ms"),
    ("apply_pass_ms", r"Reclassified \d+ operators with rule set (\w+) in (\d+) ms"),
    ("store_ms", r"Rule set (\w+) active by .*; store (\d+) ms"),
]
operators_re = re.compile(r"(?:Previewed|Reclassified) (\d+) operators with rule set (\w+)")
log = os.path.join(out, "app-main.log")
if os.path.exists(log):
    for line in open(log, errors="replace"):
        for key, pattern in log_patterns:
            m = re.search(pattern, line)
            if m:
                steps.setdefault(m.group(1), {})[key] = int(m.group(2))
        m = operators_re.search(line)
        if m:
            steps.setdefault(m.group(2), {})["operators"] = int(m.group(1))


def f(x, digits=0):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


# ---- the seven figures -------------------------------------------------------------------------------------------

rows = []  # (n, figure, measured, partner, ratio, target, before, verdict, load)


def row(n, figure, measured, partner, ratio, target, ok, before, load, digits=2, suffix=""):
    verdict = "n/a" if ok is None else ("met" if ok else "NOT met")
    rows.append((str(n), figure, measured, partner, "n/a" if ratio is None else f"{ratio:.{digits}f}{suffix}",
                 target, before, verdict, load))


details = []

# 1. POST /classify ÷ GET /q/health/live, wrk -c4
wc, wl = one("wrk_classify"), one("wrk_live")
r = float(wc["req_per_s"]) / float(wl["req_per_s"]) if wc and wl else None
row(1, "POST /classify req/s ÷ GET /q/health/live req/s (wrk, 4 connections)",
    f"{f(float(wc['req_per_s']))} req/s" if wc else "n/a", f"{f(float(wl['req_per_s']))} req/s" if wl else "n/a",
    r, "≥ 0.4", None if r is None else r >= 0.4, "0.25–0.29", f"{load_of('wrk_classify')}; {load_of('wrk_live')}")
if wc and wl:
    details.append(f"fig 1: POST /classify p50 {wc['p50_ms']} ms, p99 {wc['p99_ms']} ms, errors {wc['errors']};"
                   f" GET /q/health/live p50 {wl['p50_ms']} ms, p99 {wl['p99_ms']} ms, errors {wl['errors']}")

# 2. batch profiles/s ÷ single POST /classify req/s
batch = one("classify_batch")
r = float(batch["profiles_per_s"]) / float(wc["req_per_s"]) if batch and wc else None
row(2, "batch profiles/s ÷ single POST /classify req/s, both warm",
    f"{f(float(batch['profiles_per_s']))} profiles/s" if batch else "n/a",
    f"{f(float(wc['req_per_s']))} req/s" if wc else "n/a", r, "≥ 4", None if r is None else r >= 4, "6.5",
    load_of("batch"))
if batch:
    details.append(f"fig 2: {batch['batches']} batches of 1,000 profiles ({batch['body_kb']} KB) on"
                   f" {batch.get('connections', '2')} connections, {batch['batch_ms']} ms per batch, errors {batch['errors']}")

# 3. a reload that reclassifies the stored operators: marginal cost per stored operator ÷ per profile of a batch
fig3a, fig3 = one("fig3a_reload"), one("fig3_reload")
per_op, fixed = [], []
for name, kv in (("small", fig3a), ("large", fig3)):
    if not kv:
        continue
    answer_ms = ints(kv.get("all_ms", "[]"))
    for i, v in enumerate(kv.get("versions", "").split(",")):
        s = steps.get(v, {})
        if "preview_pass_ms" in s and "apply_pass_ms" in s and s.get("operators"):
            us = (s["preview_pass_ms"] + s["apply_pass_ms"]) * 1000 / s["operators"]
            if name == "large":
                per_op.append(us)
            # only where the log tells all three: a missing line makes it n/a, not a wrong figure
            compile_scen = (s["preview_total_ms"] - s["vet_ms"] - s["preview_pass_ms"]
                            if "preview_total_ms" in s and "vet_ms" in s else None)
            swap_archive = s["store_ms"] - s["apply_pass_ms"] if "store_ms" in s else None
            fixed.append((s.get("vet_ms"), compile_scen, swap_archive, answer_ms[i] if i < len(answer_ms) else None))
            details.append(f"fig 3: reload {i + 1} at the {name} size ({v}): {s['operators']} operators, preview pass"
                           f" {s['preview_pass_ms']} ms + apply pass {s['apply_pass_ms']} ms = {us:,.1f} µs/operator;"
                           f" fixed: child-JVM vetting {f(s.get('vet_ms'))} ms, compile + scenarios {f(compile_scen)} ms,"
                           f" swap + archive {f(swap_archive)} ms; whole POST /rules/reload"
                           f" {f(answer_ms[i] if i < len(answer_ms) else None)} ms")
        else:
            details.append(f"fig 3: reload {i + 1} at the {name} size ({v}): the service's log has no pass times for it")
per_profile_us = 1e6 / float(batch["profiles_per_s"]) if batch else None
marginal = None
if fig3a and fig3:
    n_a, n_b = int(config.get("fleet_a", 1000)), int(config.get("fleet", 5000))
    t_a, t_b = med(ints(fig3a.get("all_ms", "[]"))), med(ints(fig3.get("all_ms", "[]")))
    if t_a is not None and t_b is not None and n_b > n_a:
        marginal = (t_b - t_a) * 1000 / (n_b - n_a)
        details.append(f"fig 3: whole POST /rules/reload, median of {len(ints(fig3a['all_ms']))}: {f(t_a)} ms with"
                       f" {n_a + 13:,} operators, {f(t_b)} ms with {n_b + 13:,}: ({f(t_b)} - {f(t_a)}) ms ÷"
                       f" {n_b - n_a:,} = {f(marginal, 1)} µs per stored operator")
r = marginal / per_profile_us if marginal is not None and per_profile_us else None
fixed_text = ""
if fixed:
    fixed_text = (f"; fixed per reload (median): vetting {f(med([x[0] for x in fixed]))} ms, compile + scenarios"
                  f" {f(med([x[1] for x in fixed]))} ms, swap + archive {f(med([x[2] for x in fixed]))} ms")
row(3, "reload: marginal cost per stored operator (two store sizes) ÷ per profile of a batch",
    f"{f(marginal, 1)} µs/operator (passes at the larger size: {f(med(per_op), 1)} µs){fixed_text}",
    f"{f(per_profile_us, 1)} µs/profile", r, "≤ 3×",
    None if r is None else r <= 3, "19.7–32.6×", f"{load_of('reload_a')}; {load_of('reload')}", digits=1, suffix="×")

# 4. throughput in the first 4 s after a rule change ÷ the 10 s before
swaps = all_of("swap")
ratios = [float(kv["ratio"]) for kv in swaps]
r = med(ratios)
row(4, "throughput in the first 4 s after a rule change ÷ the 10 s before (median of changes)",
    ", ".join(f"{f(float(kv['after_per_s']))}" for kv in swaps) + " req/s" if swaps else "n/a",
    ", ".join(f"{f(float(kv['before_per_s']))}" for kv in swaps) + " req/s" if swaps else "n/a",
    r, "≥ 0.9", None if r is None else r >= 0.9, "0.38", load_of("swap"))
for kv in swaps:
    base = ints(kv["per_s_from_before"])
    if len(base) >= 6 and statistics.mean(base[-3:]) > 1.2 * statistics.mean(base[:3]):
        details.append(f"fig 4: change {kv['i']}: WARNING the baseline was still rising (not steady): the ratio"
                       " flatters the change; give the service more warm-up or SWAP_SETTLE")
    details.append(f"fig 4: change {kv['i']} ({kv['was']} → {kv['version']}): {f(float(kv['before_per_s']))} →"
                   f" {f(float(kv['after_per_s']))} req/s = {float(kv['ratio']):.2f}; change → first answer of the new"
                   f" version {kv['change_to_swap_ms']} ms ({f(float(kv['during_reload_per_s']))} req/s meanwhile);"
                   f" reload answered {kv['answer_after_swap_ms']} ms after the swap; per second before"
                   f" {kv['per_s_from_before']}, after {kv['per_s_from_swap']}; errors {kv['errors']}")

# 5. throughput in the first 10 s of load after start ÷ steady
start = one("start")
r = first = steady = None
if start:
    per_s = ints(start["per_s"])
    a = int(config.get("first_s", 10))
    b, c = int(config.get("steady_from_s", 45)), int(config.get("steady_to_s", 60))
    if len(per_s) >= c:
        first, steady = statistics.mean(per_s[:a]), statistics.mean(per_s[b:c])
        r = first / steady if steady else None
    details.append(f"fig 5: ready {start['ready_ms']} ms after the JVM was launched (port answering after"
                   f" {start['port_ms']} ms); first {a} s vs seconds {b}-{c} of load; per second {start['per_s']};"
                   f" errors {start['errors']}")
row(5, f"throughput in the first {config.get('first_s', 10)} s of load after ready ÷ seconds"
       f" {config.get('steady_from_s', 45)}-{config.get('steady_to_s', 60)}",
    f"{f(first)} req/s", f"{f(steady)} req/s", r, "≥ 0.8", None if r is None else r >= 0.8, "≈ 0.3",
    load_of("start"))

# 6. retained heap after MEM_B rule changes ÷ after MEM_A
mem_a, mem_b = config.get("mem_a", "26"), config.get("mem_b", "51")
ma, mb = one("memory", label=f"after_{mem_a}"), one("memory", label=f"after_{mem_b}")
r = float(mb["heap_kb"]) / float(ma["heap_kb"]) if ma and mb else None
row(6, f"heap after full GC, after {mem_b} rule changes ÷ after {mem_a} ({config.get('fleet', '5000')} + 13 operators)",
    f"{f(int(mb['heap_kb']) / 1024, 1)} MB" if mb else "n/a", f"{f(int(ma['heap_kb']) / 1024, 1)} MB" if ma else "n/a",
    r, "≤ 1.05", None if r is None else r <= 1.05, "0.96–1.03", f"{load_of(f'memory_{mem_a}')}; {load_of(f'memory_{mem_b}')}")


def histogram(label):
    p = os.path.join(out, f"histogram-{label}.txt")
    d = {}
    if os.path.exists(p):
        for line in open(p):
            parts = line.split()
            if len(parts) >= 4 and parts[0].endswith(":") and parts[1].isdigit():
                d[parts[3]] = d.get(parts[3], 0) + int(parts[2])
    return d


if ma and mb:
    details.append(f"fig 6: metaspace {int(mb['metaspace_kb']) // 1024} / {int(ma['metaspace_kb']) // 1024} MB ="
                   f" {float(mb['metaspace_kb']) / float(ma['metaspace_kb']):.2f}; live classes {ma['classes']} → {mb['classes']}")
    h1, h2 = histogram(ma["label"]), histogram(mb["label"])
    if h1 and h2:
        groups = {}
        for k in set(h1) | set(h2):
            g = ("H2 database" if k.startswith("org.h2.") else
                 "Drools/KIE" if k.startswith(("org.drools.", "org.kie.", "org.mvel")) else
                 "dev.tiering" if k.startswith("dev.tiering.") else
                 "arrays" if k.startswith("[") else "other")
            groups[g] = groups.get(g, 0) + h2.get(k, 0) - h1.get(k, 0)
        top = sorted(((h2.get(k, 0) - h1.get(k, 0), k) for k in set(h1) | set(h2)), reverse=True)[:6]
        details.append("fig 6: heap growth by owner (class histograms): "
                       + ", ".join(f"{g} {v / 1024:+,.0f} KB" for g, v in sorted(groups.items(), key=lambda x: -x[1]))
                       + "; top: " + ", ".join(f"{k} {v / 1024:+,.0f} KB" for v, k in top))

# 7. JMH engine ÷ droolsNoRules
engine, empty = jmh("ClassifyBenchmark.engine"), jmh("ClassifyBenchmark.droolsNoRules")
r = engine[0] / empty[0] if engine and empty else None
row(7, "JMH: ClassifyBenchmark.engine ÷ ClassifyBenchmark.droolsNoRules",
    f"{f(engine[0])} ± {f(engine[1])} ns" if engine else "n/a", f"{f(empty[0])} ± {f(empty[1])} ns" if empty else "n/a",
    r, "≤ 2.5", None if r is None else r <= 2.5, "4.7", load_of("jmh"))

# ---- print -------------------------------------------------------------------------------------------------------

print(open(os.path.join(out, "machine.txt")).read().strip())
print()
print("Phases: load average (1/5/15 min) at the start of each, and seconds since the run began")
for name, kv in phases.items():
    print(f"  {name:20s} {kv['load']:18s} {kv['at']} UTC  {kv['elapsed_s']:>5s} s")
print()
print("Each figure against its partner in this run")
head = ("#", "figure", "measured", "partner", "ratio", "target", "before", "verdict", "load (1/5/15)")
print("| " + " | ".join(head) + " |")
print("|" + "|".join(" --- " for _ in head) + "|")
for r_ in rows:
    print("| " + " | ".join(r_) + " |")
print()
print("Details")
for d in details:
    print("  " + d)
print()
print("Other figures")
floor = jmh("ClassifyBenchmark.floor")
if floor and engine:
    print(f"  engine ÷ plain-Java floor (first round's figure): {f(engine[0])} / {f(floor[0], 1)} ns = {engine[0] / floor[0]:,.0f}x")
for name in sorted(jmh_scores):
    if name not in ("ClassifyBenchmark.engine", "ClassifyBenchmark.droolsNoRules", "ClassifyBenchmark.floor"):
        s = jmh(name)
        print(f"  JMH {name:42s} {f(s[0], 1)} ± {f(s[1], 1)} {s[2]}")
for kv in all_of("classify_rate"):
    print(f"  POST /classify at {kv['target']} req/s: p50 {kv['p50_ms']} ms, p99 {kv['p99_ms']} ms, p99.9 {kv['p999_ms']} ms,"
          f" achieved {float(kv['achieved']):,.0f} req/s, errors {kv['errors']}")
fleet = one("fleet")
if fleet:
    print(f"  PUT /operators/{{ticker}} x {fleet['operators']} on {fleet.get('connections', '4')} connections:"
          f" {fleet['puts_per_s']} PUT/s, errors {fleet['errors']}")
for name, what in (("fig3a_reload", "figure 3, smaller store"), ("fig3_reload", "figure 3, larger store"),
                   ("fig6_reload", "figure 6")):
    ms = [x for kv in all_of(name) for x in ints(kv.get("all_ms", "[]"))]
    if ms:
        print(f"  POST /rules/reload, the {len(ms)} reloads of {what}: median {f(statistics.median(ms))} ms,"
              f" max {f(max(ms))} ms")
fig6 = [steps[v] for kv in all_of("fig6_reload") for v in kv.get("versions", "").split(",") if v in steps]
if fig6:
    print(f"  reload steps over the {len(fig6)} reloads of figure 6 (median): vetting"
          f" {f(med([s.get('vet_ms') for s in fig6]))} ms, preview pass {f(med([s.get('preview_pass_ms') for s in fig6]))} ms,"
          f" apply pass {f(med([s.get('apply_pass_ms') for s in fig6]))} ms")
cpu = one("cpu_time")
if cpu:
    print("  CPU time: " + " ".join(f"{k}={v}" for k, v in cpu.items()))
watch = one("watch")
if watch:
    print(f"  file save -> new version live: median {watch['median_ms']} ms, max {watch['max_ms']} ms over {watch['count']} edits")

#!/usr/bin/env python3
"""Summary of a bench/run.sh result folder: the figures and their ratios against the targets of issue 6.

usage: bench/summary.py bench/target/results/<time>
"""
import json, os, statistics, sys

out = sys.argv[1]


def jmh(name):
    scores = {}
    for f in ("jmh.json", "jmh-cold.json"):
        p = os.path.join(out, f)
        if os.path.exists(p):
            for r in json.load(open(p)):
                scores[r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]] = r["primaryMetric"]
    m = scores.get(name)
    return None if m is None else (m["score"], m["scoreError"], m["scoreUnit"])


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


def f(x, digits=1):
    if isinstance(x, str):
        try:
            x = float(x)
        except ValueError:
            return x
    return "n/a" if x is None or x != x else f"{x:,.{digits}f}"


rows = []


def row(figure, value, target, ok):
    rows.append((figure, value, target, "n/a" if ok is None else ("met" if ok else "NOT met")))


machine = open(os.path.join(out, "machine.txt")).read().strip()
print(machine)
print()
print("Raw figures")
for name in ["ClassifyBenchmark.floor", "ClassifyBenchmark.factsOnly", "ClassifyBenchmark.droolsNoRules",
             "ClassifyBenchmark.engine", "ClassifyBenchmark.engineToClassification",
             "ClassifyBenchmark.engineSessionPerCall", "ReclassifyBenchmark.classify",
             "ReclassifyBenchmark.classifyFreshRuleSet", "ReclassifyBenchmark.storeWork",
             "CompileBenchmark.warm", "CompileBenchmark.cold"]:
    s = jmh(name)
    if s:
        print(f"  JMH {name:42s} {f(s[0])} ± {f(s[1])} {s[2]}")
for n, kv in results:
    if n != "reload_phases":  # one per reload: summarised below
        print(f"  {n:26s} " + " ".join(f"{k}={v}" for k, v in kv.items()))
print()

floor, engine = jmh("ClassifyBenchmark.floor"), jmh("ClassifyBenchmark.engine")
cpu = one("cpu_time")
if floor and engine:
    r = engine[0] / floor[0]
    cpu_note = f" (CPU time: {float(cpu['engine_ns']):,.0f} / {float(cpu['floor_ns']):,.0f} ns = {float(cpu['engine_over_floor']):,.0f}x)" if cpu else ""
    row("engine per classification / floor", f"{engine[0]:,.0f} / {floor[0]:,.1f} ns = {r:,.0f}x{cpu_note}", "<= 10x", r <= 10)

wrk, batch = one("wrk_classify"), one("classify_batch")
if wrk and batch:
    r = float(batch["profiles_per_s"]) / float(wrk["req_per_s"])
    row("batch profiles/s / single-request req/s", f"{float(batch['profiles_per_s']):,.0f} / {float(wrk['req_per_s']):,.0f} = {r:.1f}x", ">= 2x", r >= 2)

classify = jmh("ReclassifyBenchmark.classify")
applied = [kv for kv in all_of("store_pass") if kv.get("kind") == "Reclassified" and int(kv["operators"]) > 1000]
previewed = [kv for kv in all_of("store_pass") if kv.get("kind") == "Previewed" and int(kv["operators"]) > 1000]
reloads = one("reload")
if classify and applied:
    n = float(applied[0]["operators"])
    per_op_ns = statistics.median(float(kv["ms"]) * 1e6 / n for kv in applied)
    r = per_op_ns / classify[0]
    extra = ""
    if cpu and applied[0].get("cpu_ms"):
        cpu_op = statistics.median(float(kv["cpu_ms"]) * 1e6 / n for kv in applied)
        extra += (f"; CPU time {cpu_op / 1000:,.1f} us/operator on {applied[0]['threads']} threads vs"
                  f" {float(cpu['fleet_classify_ns']) / 1000:,.1f} us = {cpu_op / float(cpu['fleet_classify_ns']):.1f}x")
    if previewed and reloads:
        extra += (f"; dry-run pass {statistics.median(float(kv['ms']) for kv in previewed):,.0f} ms; whole POST /rules/reload"
                  f" median {float(reloads['median_ms']):,.0f} ms = {float(reloads['median_ms']) * 1e6 / n / 1000:,.1f} us/operator")
    row("reclassify-all per operator / in-process classify",
        f"{per_op_ns / 1000:,.1f} / {classify[0] / 1000:,.1f} us = {r:.1f}x wall ({applied[0]['operators']} operators{extra})",
        "<= 3x", r <= 3)

at1000 = one("classify_rate", target=1000)
if at1000:
    p99 = float(at1000["p99_ms"])
    row("single request p99 at 1,000 req/s", f"{p99:.2f} ms (p50 {float(at1000['p50_ms']):.2f} ms, achieved {float(at1000['achieved']):,.0f} req/s, errors {at1000['errors']})", "<= 5 ms", p99 <= 5)

watch = one("watch")
if watch:
    mx = float(watch["max_ms"])
    row("file save -> new version live", f"median {watch['median_ms']} ms, max {watch['max_ms']} ms over {watch['count']} edits", "<= 2 s", mx <= 2000)

mems = all_of("memory")
if len(mems) >= 2:
    a, b = mems[0], mems[-1]
    rh = float(b["heap_kb"]) / float(a["heap_kb"])
    rm = float(b["metaspace_kb"]) / float(a["metaspace_kb"])
    row(f"retained memory {b['label']} / {a['label']}",
        f"heap {int(b['heap_kb']) // 1024} / {int(a['heap_kb']) // 1024} MB = {rh:.2f}; metaspace {int(b['metaspace_kb']) // 1024} / {int(a['metaspace_kb']) // 1024} MB = {rm:.2f}",
        "<= 1.1", rh <= 1.1 and rm <= 1.1)

def histogram(label):
    p = os.path.join(out, f"histogram-{label}.txt")
    d = {}
    if os.path.exists(p):
        for line in open(p):
            parts = line.split()
            if len(parts) >= 4 and parts[0].endswith(":") and parts[1].isdigit():
                d[parts[3]] = int(parts[2])
    return d


if len(mems) >= 2:
    h1, h2 = histogram(mems[0]["label"]), histogram(mems[-1]["label"])
    if h1 and h2:
        groups = {}
        for k in set(h1) | set(h2):
            g = ("H2 database" if k.startswith("org.h2.") else
                 "Drools/KIE" if k.startswith(("org.drools.", "org.kie.", "org.mvel")) else
                 "dev.tiering" if k.startswith("dev.tiering.") else
                 "arrays" if k.startswith("[") else "other")
            groups[g] = groups.get(g, 0) + h2.get(k, 0) - h1.get(k, 0)
        top = sorted(((h2.get(k, 0) - h1.get(k, 0), k) for k in set(h1) | set(h2)), reverse=True)[:6]
        row("(info) heap growth by owner (class histograms)",
            ", ".join(f"{g} {v / 1024:+,.0f} KB" for g, v in sorted(groups.items(), key=lambda x: -x[1]))
            + "; top: " + ", ".join(f"{k} {v / 1024:+,.0f} KB" for v, k in top), "-", None)
    if "classes" in mems[0]:
        row("(info) live classes", f"{mems[0]['classes']} -> {mems[-1]['classes']}", "-", None)

for rate in (500, 2000):
    kv = one("classify_rate", target=rate)
    if kv:
        row(f"(info) single request at {rate} req/s", f"p50 {float(kv['p50_ms']):.2f} ms, p99 {float(kv['p99_ms']):.2f} ms, achieved {float(kv['achieved']):,.0f} req/s", "-", None)
for label in ("watch", "memory"):
    phases = [kv for kv in all_of("reload_phases") if kv.get("label") == label]
    if phases:
        med = lambda k: statistics.median(float(kv[k]) for kv in phases)
        row(f"(info) reload phases, {label} service", f"median of {len(phases)}: total {med('total_ms'):,.0f} ms = compile {med('compile_ms'):,.0f} + scenarios {med('scenarios_ms'):,.0f} + store {med('store_ms'):,.0f}", "-", None)
fresh = jmh("ReclassifyBenchmark.classifyFreshRuleSet")
if fresh and classify:
    row("(info) classify with a just-compiled rule set", f"{fresh[0] / 1000:,.1f} us/op vs warm {classify[0] / 1000:,.1f} us/op", "-", None)
cold, warm = jmh("CompileBenchmark.cold"), jmh("CompileBenchmark.warm")
if cold and warm:
    row("(info) compile rules/", f"cold {cold[0]:,.0f} {cold[2]}, warm {warm[0]:,.0f} {warm[2]}", "-", None)

print("Against the targets")
w0 = max(len(r[0]) for r in rows) if rows else 10
for figure, value, target, status in rows:
    print(f"  {figure:{w0}s}  {target:8s}  {status:8s}  {value}")

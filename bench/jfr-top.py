#!/usr/bin/env python3
"""Hot methods of a JFR recording: self and inclusive share of execution samples (bench/run.sh --profile).

usage: bench/jfr-top.py recording.jfr [top-n] [filter-substring]
Only samples whose stack contains filter-substring are counted (default: all).
"""
import collections, json, subprocess, sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
only = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
self_c, incl_c, n = collections.Counter(), collections.Counter(), 0
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    if only and not any(only in x for x in names):
        continue
    n += 1
    if names:
        self_c[names[0]] += 1
    for x in set(names):
        incl_c[x] += 1
print(f"{n} samples" + (f" containing {only}" if only else ""))
print("-- self")
for k, v in self_c.most_common(top):
    print(f"{100.0 * v / max(n, 1):6.1f}%  {k}")
print("-- inclusive")
for k, v in incl_c.most_common(top * 2):
    print(f"{100.0 * v / max(n, 1):6.1f}%  {k}")

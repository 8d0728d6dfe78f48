#!/usr/bin/python3
"""Turns bench-out/ (JMH JSON, scikit-learn JSON lines, end-to-end timings) into markdown tables with
the ratios docs/benchmarks.md reports. Usage: summarise.py bench-out"""
import json
import os
import statistics
import sys


def main(out):
    jmh = json.load(open(os.path.join(out, "jmh.json")))
    ms = {}
    for r in jmh:
        name = r["benchmark"].rsplit(".", 1)[1]
        p = r["params"]
        ms[(name, int(p["n"]), p["scores"].lower())] = (r["primaryMetric"]["score"],
                                                       r["primaryMetric"]["scoreError"])
    sk = {}
    for line in open(os.path.join(out, "sklearn.jsonl")):
        r = json.loads(line)
        kind = r["data"].rsplit("-", 1)[1]
        sk[(r["n"], kind)] = r
    print("| n | scores | Setpoint curve+AP+AUC (ms) | Arrays.sort (ms) | scikit-learn 3 calls (ms, best of 3) "
          "| Setpoint / Arrays.sort | scikit-learn / Setpoint |")
    print("|---|---|---|---|---|---|---|")
    for (n, kind), r in sorted(sk.items()):
        ours, ours_err = ms[("curveApAuc", n, kind)]
        floor, floor_err = ms[("arraysSort", n, kind)]
        theirs = r["best_s"] * 1000
        print(f"| {n:,} | {kind} | {ours:.1f} ± {ours_err:.1f} | {floor:.1f} ± {floor_err:.1f} "
              f"| {theirs:.0f} | {ours / floor:.2f} | {theirs / ours:.1f}× |")
    e2e = [json.loads(l) for l in open(os.path.join(out, "e2e.jsonl"))]
    ours = [r["seconds"] for r in e2e if r.get("tool") == "setpoint"]
    theirs = [r["times_s"][0] for r in e2e if r.get("mode") == "csv"]
    reads = [r["read_s"] for r in e2e if r.get("mode") == "csv"]
    n = next(r["n"] for r in e2e if r.get("mode") == "csv")
    print()
    print(f"End to end on a {n:,}-row CSV (3 runs each, median):")
    print()
    print("| tool | median (s) | runs (s) |")
    print("|---|---|---|")
    print(f"| `setpoint evaluate FILE --format json` (JVM start included) | {statistics.median(ours):.2f} "
          f"| {', '.join(f'{t:.2f}' for t in ours)} |")
    print(f"| `pandas.read_csv` + 3 scikit-learn calls (interpreter start excluded) "
          f"| {statistics.median(theirs):.2f} | {', '.join(f'{t:.2f}' for t in theirs)} "
          f"(read_csv alone: {statistics.median(reads):.2f}) |")
    print()
    print(f"Ratio: scikit-learn / Setpoint = {statistics.median(theirs) / statistics.median(ours):.1f}×")
    mem = os.path.join(out, "memory.txt")
    if os.path.exists(mem):
        print()
        print("Memory check (`MemoryCheck 100000000`, -Xmx4g):")
        print()
        print("```")
        print(open(mem).read().strip())
        print("```")


if __name__ == "__main__":
    main(sys.argv[1])

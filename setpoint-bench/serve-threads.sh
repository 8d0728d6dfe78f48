#!/usr/bin/env bash
# Where the decision service's CPU goes, per thread kind, under one wrk load: starts `serve --demo`
# from a jar, warms it up for 35 s, then loads it for 25 s and prints, per thread kind (Jetty's
# request threads, the audit writer, the JIT, GC, …), user and kernel CPU time per decision, read from
# /proc/PID/task/*/stat. Per-decision CPU moves less with this VM's drift than throughput does, so two
# jars can be compared back to back (A/B, alternating, at least twice each).
#
#   setpoint-bench/serve-threads.sh JAR [single|batch|compact] [serve options…]
#
#   e.g. setpoint-bench/serve-threads.sh setpoint-cli/target/setpoint.jar compact
#        setpoint-bench/serve-threads.sh old.jar single --no-decision-log
#
# The server's JVM options: SERVE_JAVA_OPTS (default -Xmx2g), e.g. SERVE_JAVA_OPTS="-Xms2g -Xmx2g".
#
# Needs: wrk, curl, python3. The request bodies are serve-load.sh's (same seed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 && -f "$1" ]] || { echo "usage: $0 JAR [single|batch|compact] [serve options]" >&2; exit 2; }
jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
kind="${2:-compact}"
shift $(( $# >= 2 ? 2 : 1 ))
command -v wrk >/dev/null || { echo "$0: needs wrk (apt-get install -y wrk)" >&2; exit 2; }
out="$root/bench-out"
mkdir -p "$out"
python3 - "$out" <<'PY'
import json, random, sys
out = sys.argv[1]
random.seed(7)
reqs = [{"score": round(random.random(), 6), "attributes": {"jurisdiction": random.choice(["EU", "US", "CA"]),
         "tier": random.choice(["premium", "standard"]), "amount": random.randint(1, 10000)}} for _ in range(1000)]
def lua(name, body):
    open(f"{out}/{name}.lua", "w").write('wrk.method = "POST"\nwrk.body = \'' + body.replace("'", "\\'")
        + '\'\nwrk.headers["Content-Type"] = "application/json"\n')
lua("decide", json.dumps({"policy": "card-fraud", "score": 0.9,
    "attributes": {"jurisdiction": "EU", "tier": "premium", "amount": 120}}))
lua("batch", json.dumps({"policy": "card-fraud", "requests": reqs}))
lua("batch-compact", json.dumps({"policy": "card-fraud", "answer": "compact", "requests": reqs}))
PY
case "$kind" in
  single) script="$out/decide.lua"; path=/v1/decide; conns=64; per=1 ;;
  batch) script="$out/batch.lua"; path=/v1/decide/batch; conns=8; per=1000 ;;
  compact) script="$out/batch-compact.lua"; path=/v1/decide/batch; conns=8; per=1000 ;;
  *) echo "$0: the load is single, batch or compact, not '$kind'" >&2; exit 2 ;;
esac
port=18192
dir=$(mktemp -d)
java ${SERVE_JAVA_OPTS:--Xmx2g} -jar "$jar" serve --demo --port "$port" --data-dir "$dir" "$@" > "$out/serve-threads.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
wrk -t1 -c"$conns" -d35s -s "$script" "http://127.0.0.1:$port$path" > /dev/null
# Per thread: its name (comm, up to 15 characters, may hold spaces), user and system ticks.
snapshot() {
  for t in /proc/"$pid"/task/*; do
    python3 -c 'import sys; s = open(sys.argv[1]).read(); name = s[s.index("(") + 1:s.rindex(")")]
f = s[s.rindex(")") + 2:].split(); print(name.replace(" ", "_"), f[11], f[12])' "$t/stat" 2>/dev/null || true
  done
}
snapshot > "$out/threads-before.txt"
wrk -t1 -c"$conns" -d25s --latency -s "$script" "http://127.0.0.1:$port$path" > "$out/threads-wrk.txt"
snapshot > "$out/threads-after.txt"
grep -E "Requests/sec|  50%|  99%|Non-2xx" "$out/threads-wrk.txt"
requests=$(grep -oE '^ +[0-9]+ requests' "$out/threads-wrk.txt" | grep -oE '[0-9]+')
python3 - "$out" "$requests" "$per" "$(getconf CLK_TCK)" <<'PY'
import collections, re, sys
out, requests, per, tck = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def load(name):
    kinds = collections.defaultdict(lambda: [0, 0])
    for line in open(f"{out}/{name}"):
        thread, user, system = line.split()
        kind = re.sub(r"[-_#]*\d+$", "", thread)
        kinds[kind][0] += int(user)
        kinds[kind][1] += int(system)
    return kinds
before, after = load("threads-before.txt"), load("threads-after.txt")
decisions = requests * per
rows, total = [], 0
for kind, (user, system) in after.items():
    du, ds = user - before.get(kind, [0, 0])[0], system - before.get(kind, [0, 0])[1]
    total += du + ds
    if du + ds:
        rows.append((du + ds, kind, du, ds))
us = lambda ticks: ticks / tck * 1e6 / decisions
for _, kind, du, ds in sorted(rows, reverse=True):
    print(f"{kind:24s} user {us(du):8.3f}  system {us(ds):8.3f}  µs/decision")
print(f"{'all threads':24s} {us(total):8.3f} µs/decision over {decisions:,} decisions")
PY

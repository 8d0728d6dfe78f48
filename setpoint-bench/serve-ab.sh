#!/usr/bin/env bash
# Paired A/B of the decision service on the embedded store: two setpoint jars (a build before a
# change and one after), alternately, ROUNDS times each, each run on a fresh data directory, after
# 20 s of warm-up. Prints req/s, p99 and the server's CPU time per request for every run; client
# (wrk, Debian package) and server share the machine's cores.
#
#   setpoint-bench/serve-ab.sh BEFORE.jar AFTER.jar [single|batch] [ROUNDS] [SECONDS]
#
# single: one decision per request, 64 connections; batch: batches of 1,000 with compact answers,
# 8 connections (the bodies of serve-load.sh). Defaults: single, 3 rounds, 15 s per run.
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
before="$1" after="$2" kind="${3:-single}" rounds="${4:-3}" secs="${5:-15}"
command -v wrk >/dev/null || { echo "serve-ab.sh: needs wrk (apt-get install -y wrk)" >&2; exit 2; }
for jar in "$before" "$after"; do
  [[ -f "$jar" ]] || { echo "serve-ab.sh: no jar $jar" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, random, sys
work = sys.argv[1]
single = {"policy": "card-fraud", "score": 0.9, "attributes": {"jurisdiction": "EU", "tier": "premium", "amount": 120}}
random.seed(7)
reqs = [{"score": round(random.random(), 6), "attributes": {"jurisdiction": random.choice(["EU", "US", "CA"]),
         "tier": random.choice(["premium", "standard"]), "amount": random.randint(1, 10000)}} for _ in range(1000)]
batch = {"policy": "card-fraud", "answer": "compact", "requests": reqs}
for name, body in (("single", single), ("batch", batch)):
    text = json.dumps(body).replace("'", "\\'")
    open(f"{work}/{name}.lua", "w").write('wrk.method = "POST"\nwrk.body = \'' + text
        + '\'\nwrk.headers["Content-Type"] = "application/json"\n')
PY
case "$kind" in
  single) path=/v1/decide conns=64 ;;
  batch) path=/v1/decide/batch conns=8 ;;
  *) echo "serve-ab.sh: kind must be single or batch, was '$kind'" >&2; exit 2 ;;
esac
port=18282
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; [[ $side == after ]] && jar=$after
    dir=$(mktemp -d)
    java ${SERVE_JAVA_OPTS:--Xmx2g} -jar "$jar" serve --demo --port "$port" --data-dir "$dir" \
        > "$work/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
    wrk -t1 -c"$conns" -d20s -s "$work/$kind.lua" "http://127.0.0.1:$port$path" > /dev/null
    b=$(ticks "$pid")
    wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$work/$kind.lua" "http://127.0.0.1:$port$path" \
        > "$work/wrk.txt"
    a=$(ticks "$pid")
    n=$(grep -oE '^ +[0-9]+ requests' "$work/wrk.txt" | grep -oE '[0-9]+')
    echo "round $round $side: $(grep Requests/sec "$work/wrk.txt" | awk '{print $2}') req/s," \
        "p99 $(grep ' 99%' "$work/wrk.txt" | awk '{print $2}')," \
        "server CPU $(python3 -c "print(round(($a - $b) / $(getconf CLK_TCK) * 1e6 / $n, 1))") us/request"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
  done
done

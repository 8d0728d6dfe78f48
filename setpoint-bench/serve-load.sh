#!/usr/bin/env bash
# Load on the decision service with wrk (Debian package `wrk`), on loopback; client and server share
# the machine's cores. For each store (embedded SQLite, PostgreSQL, and decision logging switched off):
# single decisions, then batches of 1,000. Prints wrk's summaries; records go to bench-out/.
#
#   setpoint-bench/serve-load.sh [SECONDS]     default 20 s per run (plus 5 s warm-up)
#
# PostgreSQL: the local server at 127.0.0.1:5432, user postgres (a database setpoint_load is
# recreated). Needs: wrk, psql.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
secs="${1:-20}"
command -v wrk >/dev/null || { echo "serve-load.sh: needs wrk (apt-get install -y wrk)" >&2; exit 2; }
mvn -B -q -pl setpoint-cli -am -DskipTests package >&2
jar=setpoint-cli/target/setpoint.jar
mkdir -p bench-out
out=bench-out/serve-load.txt
: > "$out"
port=18181

cat > bench-out/decide.lua <<'LUA'
wrk.method = "POST"
wrk.body = '{"policy": "card-fraud", "score": 0.9, "attributes": {"jurisdiction": "EU", "tier": "premium", "amount": 120}}'
wrk.headers["Content-Type"] = "application/json"
LUA
python3 - <<'PY'
import json, random
random.seed(7)
reqs = [{"score": round(random.random(), 6), "attributes": {"jurisdiction": random.choice(["EU", "US", "CA"]),
         "tier": random.choice(["premium", "standard"]), "amount": random.randint(1, 10000)}} for _ in range(1000)]
body = json.dumps({"policy": "card-fraud", "requests": reqs}).replace("'", "\\'")
open("bench-out/batch.lua", "w").write('wrk.method = "POST"\nwrk.body = \'' + body + '\'\nwrk.headers["Content-Type"] = "application/json"\n')
PY

run() {
  local label="$1"; shift
  local dir; dir=$(mktemp -d)
  java -Xmx2g -jar "$jar" serve --demo --port "$port" --data-dir "$dir" "$@" > "bench-out/serve-$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
  wrk -t1 -c64 -d5s -s bench-out/decide.lua "http://127.0.0.1:$port/v1/decide" >/dev/null
  { echo "== $label: single decisions, 64 connections, ${secs}s"
    wrk -t1 -c64 -d"${secs}s" --latency -s bench-out/decide.lua "http://127.0.0.1:$port/v1/decide"
    echo "== $label: batches of 1,000, 8 connections, ${secs}s"
    wrk -t1 -c8 -d"${secs}s" --latency -s bench-out/batch.lua "http://127.0.0.1:$port/v1/decide/batch"
  } | tee -a "$out"
  kill "$pid"; wait "$pid" || true
  rm -rf "$dir"
}

run sqlite
psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS setpoint_load' -c 'CREATE DATABASE setpoint_load' >/dev/null
run postgresql --store postgresql://postgres@127.0.0.1:5432/setpoint_load
run no-log --no-decision-log
grep -E '^==|Requests/sec|  99%|  50%|Non-2xx' "$out"

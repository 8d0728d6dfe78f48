#!/usr/bin/env bash
# Load on the decision service with wrk (Debian package `wrk`), on loopback; client and server share
# the machine's cores. For each store (embedded SQLite, PostgreSQL, and decision logging switched off):
# single decisions, then batches of 1,000 (full answers, then "answer": "compact"). Prints wrk's
# summaries and the server's CPU time per request (user + system, from /proc; steadier than
# throughput on a shared machine); records go to bench-out/.
#
#   setpoint-bench/serve-load.sh [SECONDS]     default 20 s per run (after 30 s of warm-up)
#
# The server's JVM options: SERVE_JAVA_OPTS (default -Xmx2g), e.g. SERVE_JAVA_OPTS="-Xms2g -Xmx2g".
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
compact = json.dumps({"policy": "card-fraud", "answer": "compact", "requests": reqs}).replace("'", "\\'")
open("bench-out/batch-compact.lua", "w").write('wrk.method = "POST"\nwrk.body = \'' + compact + '\'\nwrk.headers["Content-Type"] = "application/json"\n')
PY

# The server's CPU time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wrk against the server PID with the given connections, script and path; prints wrk's summary and the
# server's CPU microseconds per request.
load() {
  local pid="$1" conns="$2" script="$3" path="$4" before after requests
  before=$(cpu_ticks "$pid")
  wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$script" "http://127.0.0.1:$port$path" > bench-out/wrk.txt
  after=$(cpu_ticks "$pid")
  cat bench-out/wrk.txt
  requests=$(grep -oE '^ +[0-9]+ requests' bench-out/wrk.txt | grep -oE '[0-9]+')
  echo "Server CPU per request: $(python3 -c "print(round(($after - $before) / $(getconf CLK_TCK) * 1e6 / $requests, 1))") us"
}

run() {
  local label="$1"; shift
  local dir; dir=$(mktemp -d)
  java ${SERVE_JAVA_OPTS:--Xmx2g} -jar "$jar" serve --demo --port "$port" --data-dir "$dir" "$@" > "bench-out/serve-$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
  # Warm-up: the JIT needs 10-20 s of load on 2 shared cores before the hot paths are compiled;
  # runs after a 5 s warm-up measured a third of the warm throughput.
  wrk -t1 -c64 -d20s -s bench-out/decide.lua "http://127.0.0.1:$port/v1/decide" >/dev/null
  wrk -t1 -c8 -d10s -s bench-out/batch.lua "http://127.0.0.1:$port/v1/decide/batch" >/dev/null
  { echo "== $label: single decisions, 64 connections, ${secs}s"
    load "$pid" 64 bench-out/decide.lua /v1/decide
    echo "== $label: batches of 1,000, 8 connections, ${secs}s"
    load "$pid" 8 bench-out/batch.lua /v1/decide/batch
    echo "== $label: batches of 1,000, compact answers, 8 connections, ${secs}s"
    load "$pid" 8 bench-out/batch-compact.lua /v1/decide/batch
  } | tee -a "$out"
  kill "$pid"; wait "$pid" || true
  rm -rf "$dir"
}

run sqlite
psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS setpoint_load' -c 'CREATE DATABASE setpoint_load' >/dev/null
run postgresql --store postgresql://postgres@127.0.0.1:5432/setpoint_load
run no-log --no-decision-log
grep -E '^==|Requests/sec|  99%|  50%|Non-2xx|CPU per request' "$out"

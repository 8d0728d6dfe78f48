#!/usr/bin/env bash
# Bytes per decision in the audit log, on both stores, for single decisions and for batches of 1,000:
# a fresh `serve --demo` per run takes wrk's load (the requests of serve-load.sh) for SECONDS, stops,
# and the store is measured on disk. PostgreSQL: pg_total_relation_size of the decision_group
# partitions (heap, TOAST and both indexes) over sum(size). SQLite: the file after a checkpoint
# (WAL truncated) over sum(size) of its tables (one per UTC day); the file also holds the demo's
# policies (a few kB). Prints what a year at 1,000 decisions/s takes at that rate.
#
#   setpoint-bench/audit-bytes.sh [SECONDS]     default 10 s of load per run
#
# PostgreSQL: the local server at 127.0.0.1:5432, user postgres (a database setpoint_bytes is
# recreated). Needs: wrk, psql, sqlite3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
secs="${1:-10}"
for tool in wrk psql sqlite3; do
  command -v "$tool" >/dev/null || { echo "audit-bytes.sh: needs $tool" >&2; exit 2; }
done
mvn -B -q -pl setpoint-cli -am -DskipTests package >&2
jar=setpoint-cli/target/setpoint.jar
mkdir -p bench-out
port=18182

cat > bench-out/bytes-decide.lua <<'LUA'
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
open("bench-out/bytes-batch.lua", "w").write('wrk.method = "POST"\nwrk.body = \'' + body + '\'\nwrk.headers["Content-Type"] = "application/json"\n')
PY

# One run: label, single|batch, then serve's store options. Prints label, decisions, bytes, bytes per
# decision and the year at 1,000/s.
run() {
  local label="$1" kind="$2"; shift 2
  local dir; dir=$(mktemp -d)
  java -Xmx2g -jar "$jar" serve --demo --port "$port" --data-dir "$dir" "$@" > "bench-out/bytes-$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
  if [ "$kind" = single ]; then
    wrk -t1 -c64 -d"${secs}s" -s bench-out/bytes-decide.lua "http://127.0.0.1:$port/v1/decide" >/dev/null
  else
    wrk -t1 -c8 -d"${secs}s" -s bench-out/bytes-batch.lua "http://127.0.0.1:$port/v1/decide/batch" >/dev/null
  fi
  kill "$pid"; wait "$pid" || true
  local decisions bytes
  if [ "$#" -gt 0 ]; then
    decisions=$(psql -h 127.0.0.1 -U postgres -d setpoint_bytes -Atc 'SELECT sum(size) FROM decision_group')
    bytes=$(psql -h 127.0.0.1 -U postgres -d setpoint_bytes -Atc "SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i WHERE i.inhparent = 'decision_group'::regclass")
  else
    sqlite3 "$dir/setpoint.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    # The undated table and one per UTC day (decision_group_dYYYYMMDD).
    local sum; sum=$(sqlite3 "$dir/setpoint.db" "SELECT group_concat('SELECT coalesce(sum(size), 0) AS n FROM ' || name, ' UNION ALL ') FROM sqlite_master WHERE type = 'table' AND name GLOB 'decision_group*'")
    decisions=$(sqlite3 "$dir/setpoint.db" "SELECT sum(n) FROM ($sum)")
    bytes=$(stat -c %s "$dir/setpoint.db")
  fi
  python3 -c "d, b = $decisions, $bytes; print(f'$label: {d} decisions, {b} bytes, {b / d:.1f} bytes/decision, a year at 1,000/s: {b / d * 1000 * 86400 * 365 / 1e12:.2f} TB')"
  rm -rf "$dir"
}

pg() {
  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS setpoint_bytes' -c 'CREATE DATABASE setpoint_bytes' >/dev/null
  run "$@" --store postgresql://postgres@127.0.0.1:5432/setpoint_bytes
}

{ run sqlite-single single
  run sqlite-batch batch
  pg postgresql-single single
  pg postgresql-batch batch
} | tee bench-out/audit-bytes.txt

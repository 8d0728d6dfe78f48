#!/usr/bin/env bash
# Request bodies and memory (issue 19, item 1): 300 connections declare an 8 MiB body on the decide
# endpoints and send one byte; how much does the server's live heap grow, and how fast does a normal
# decision with a token answer meanwhile? Three runs of the server (-Xmx1g, as the issue measured):
# tokens configured and the 300 send none (unauthenticated), tokens configured and the 300 send a
# valid one, and no tokens at all (development mode). The live heap is read with jcmd after a full GC
# (GC.run, then GC.heap_info), before the connections open and while they are held.
#
#   setpoint-bench/body-memory.sh [CONNECTIONS]     default 300
#
# Needs python3 and curl; writes bench-out/body-memory.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
conns="${1:-300}"
mvn -B -q -pl setpoint-cli -am -DskipTests package >&2
jar=setpoint-cli/target/setpoint.jar
mkdir -p bench-out
out=bench-out/body-memory.txt
: > "$out"
port=18282
token=decide-token-0123456789
body='{"policy": "card-fraud", "score": 0.9, "attributes": {"jurisdiction": "EU", "tier": "premium", "amount": 120}}'

# The live heap in MiB after a full collection, from jcmd.
live_mib() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.1f", v / 1024 } }'
}

# Median of five normal decisions' total time, in ms.
decide_ms() {
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/v1/decide"
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[3] * 1000 }'
}

# run LABEL LYING_TOKEN CONFIGURED: the 300 send LYING_TOKEN (empty: none); tokens are configured
# when CONFIGURED is yes.
run() {
  local label="$1" lying_token="$2" configured="$3"
  local dir; dir=$(mktemp -d)
  local config=()
  if [[ "$configured" == yes ]]; then
    printf 'tokens:\n  - { name: scorer, token: "%s", roles: [decide] }\n' "$token" > "$dir/setpoint.yaml"
    config=(--config "$dir/setpoint.yaml")
  fi
  # No failed-authentication limit: the 300 and the measuring client share 127.0.0.1.
  java -Xmx1g -jar "$jar" serve --demo --port "$port" --data-dir "$dir" \
    --auth-failures-per-minute 0 "${config[@]}" > "bench-out/body-memory-${label// /-}.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.5; done
  decide_ms > /dev/null
  local before; before=$(live_mib "$pid")
  local quiet; quiet=$(decide_ms)
  python3 - "$port" "$conns" "$lying_token" <<'PY' &
import socket, sys, time
port, n, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
held = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    path = "/v1/decide" if i % 2 == 0 else "/v1/decide/batch"
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    s.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}"
               f"Content-Type: application/json\r\nContent-Length: {8 << 20}\r\n\r\n{{").encode())
    held.append(s)
print(f"{n} connections open", file=sys.stderr, flush=True)
time.sleep(8)
PY
  local lying=$!
  sleep 4
  local during; during=$(live_mib "$pid")
  local loaded; loaded=$(decide_ms)
  wait "$lying" || true
  kill "$pid"; wait "$pid" || true
  rm -rf "$dir"
  printf '%-28s live heap %6s MiB -> %6s MiB with %s lying connections; decide %5s ms quiet, %5s ms during\n' \
    "$label" "$before" "$during" "$conns" "$quiet" "$loaded" | tee -a "$out"
}

run "no token sent" "" yes
run "valid token sent" "$token" yes
run "no tokens configured" "" no

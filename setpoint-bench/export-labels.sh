#!/usr/bin/env bash
# The loop back to the offline tools, timed on a million decisions, for the embedded store and for
# PostgreSQL: the decisions are made through the service (batches of 1,000), a label for each is
# imported with `setpoint labels import` (CSV, streamed), then `setpoint audit export` writes the
# labelled decisions as Parquet in a JVM of 256 MiB heap (the export is streamed: its memory does not
# grow with the range) and `setpoint evaluate` reads the file. Prints the times and rates; records go
# to bench-out/.
#
#   setpoint-bench/export-labels.sh [DECISIONS]     default 1000000
#
# PostgreSQL: the local server at 127.0.0.1:5432, user postgres (a database setpoint_export is
# recreated). Needs: curl, psql, python3, /usr/bin/time (Debian package `time`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-1000000}"
mvn -B -q -pl setpoint-cli -am -DskipTests package >&2
jar="$root/setpoint-cli/target/setpoint.jar"
mkdir -p bench-out
out=bench-out/export-labels.txt
: > "$out"
port=18183

now() { date +%s.%N; }
since() { python3 -c "print(round($(now) - $1, 2))"; }

run() {
  local label="$1"; shift
  local work; work=$(mktemp -d)
  java -Xmx2g -jar "$jar" serve --demo --port "$port" --data-dir "$work/data" "$@" \
      > "bench-out/export-labels-serve-$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.5
  done
  # Decisions in batches of 1,000 (compact answers), and a label for each into a CSV file.
  local t; t=$(now)
  python3 - "$n" "$port" "$work/labels.csv" <<'PY'
import json, random, sys, urllib.request
n, port, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(11)
with open(path, "w") as labels:
    labels.write("decisionId,positive\n")
    for _ in range(n // 1000):
        scores = [random.random() for _ in range(1000)]
        reqs = [{"score": round(s, 6), "attributes": {"jurisdiction": random.choice(["EU", "US", "CA"]),
                 "tier": random.choice(["premium", "standard"]), "amount": random.randint(1, 10000)}}
                for s in scores]
        body = json.dumps({"policy": "card-fraud", "answer": "compact", "requests": reqs}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/decide/batch", body,
                                     {"Content-Type": "application/json"})
        batch = json.load(urllib.request.urlopen(req))["batch"]
        for i, s in enumerate(scores):
            labels.write(f"{batch}.{i},{1 if random.random() < s * s else 0}\n")
PY
  echo "$label: $n decisions made in $(since "$t") s; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
      | tee -a "$out"
  t=$(now)
  java -jar "$jar" labels import "$work/labels.csv" --server "http://127.0.0.1:$port" | tee -a "$out"
  local secs; secs=$(since "$t")
  echo "$label: labels import of $n labels ($(du -h "$work/labels.csv" | cut -f1)): $secs s," \
      "$(python3 -c "print(round($n / $secs))") labels/s (the command's JVM start included)" | tee -a "$out"
  t=$(now)
  java -jar "$jar" labels import "$work/labels.csv" --server "http://127.0.0.1:$port" | tee -a "$out"
  echo "$label: the same file again: $(since "$t") s" | tee -a "$out"
  kill "$pid"
  wait "$pid" || true
  t=$(now)
  /usr/bin/time -o "$work/time.txt" -f "%U %S %M" java -Xmx256m -jar "$jar" audit export \
      --from 1d "$@" --data-dir "$work/data" -o "$work/decisions.parquet" | tee -a "$out"
  secs=$(since "$t")
  read -r user sys rss < "$work/time.txt"
  echo "$label: audit export of $n decisions ($(du -h "$work/decisions.parquet" | cut -f1)) with" \
      "-Xmx256m: $secs s, $(python3 -c "print(round($n / $secs))") decisions/s (JVM start" \
      "included); CPU $(python3 -c "print(round($user + $sys, 1))") s, peak RSS" \
      "$((rss / 1024)) MiB" | tee -a "$out"
  t=$(now)
  java -jar "$jar" evaluate "$work/decisions.parquet" --segment jurisdiction | head -5 | tee -a "$out"
  echo "$label: evaluate on the export: $(since "$t") s" | tee -a "$out"
  rm -rf "$work"
}

run sqlite
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS setpoint_export" \
    -c "CREATE DATABASE setpoint_export" >/dev/null
run postgresql --store postgresql://postgres@127.0.0.1:5432/setpoint_export

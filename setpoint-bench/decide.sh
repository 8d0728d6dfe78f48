#!/usr/bin/env bash
# Policy benchmarks: the compiled Decider under JMH (decisions/s and bytes allocated per decision,
# against a hand-written lookup of the same thresholds), and `setpoint decide` end to end on a
# 10^7-row CSV (rows/s, with and without writing the decisions).
#
#   setpoint-bench/decide.sh           about 6 minutes
#   setpoint-bench/decide.sh --quick   short JMH, 10^6 rows (about 1 minute)
#
# Writes data to bench-data/ and outputs to bench-out/ (both git-ignored).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
if $quick; then n=1000000; jmh_opts=(-wi 2 -i 3 -f 1); else n=10000000; jmh_opts=(-wi 5 -i 10 -f 2); fi

echo "== build" >&2
mvn -B -q -pl setpoint-bench,setpoint-cli -am -DskipTests package >&2
jar=setpoint-bench/target/benchmarks.jar
mkdir -p bench-data bench-out

echo "== JMH: DeciderBenchmark (50 segments x 3 bands, 2 attributes)" >&2
java -jar "$jar" DeciderBenchmark -prof gc "${jmh_opts[@]}" | tee bench-out/decider-jmh.txt >&2

echo "== setpoint decide on a $n-row CSV" >&2
[[ -f "bench-data/decide-$n.csv" ]] || java -cp "$jar" dev.setpoint.bench.GenerateDecideData bench-data "$n"
csv="bench-data/decide-$n.csv"
policy=bench-data/decide-policy.yaml
for i in 1 2 3; do
  t0=$(date +%s.%N)
  java -jar setpoint-cli/target/setpoint.jar decide "$csv" --policy "$policy" --progress never \
    > bench-out/decide-summary.txt 2>/dev/null
  t1=$(date +%s.%N)
  awk -v n="$n" -v s="$(awk "BEGIN { print $t1 - $t0 }")" \
    'BEGIN { printf "decide, summary only: %.2f s, %.2f M rows/s\n", s, n / s / 1e6 }'
done
t0=$(date +%s.%N)
java -jar setpoint-cli/target/setpoint.jar decide "$csv" --policy "$policy" --progress never \
  -o bench-out/decisions.csv > /dev/null 2>&1
t1=$(date +%s.%N)
awk -v n="$n" -v s="$(awk "BEGIN { print $t1 - $t0 }")" \
  'BEGIN { printf "decide, writing decisions.csv: %.2f s, %.2f M rows/s\n", s, n / s / 1e6 }'
grep -E '^DeciderBenchmark' bench-out/decider-jmh.txt

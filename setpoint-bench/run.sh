#!/usr/bin/env bash
# Setpoint benchmarks, side by side with scikit-learn on the same data, in one run.
#
#   setpoint-bench/run.sh            full run: JMH at 10^6 and 10^7 rows, scikit-learn on the same
#                                    arrays, end to end on a 10^7-row CSV, the 10^8-row memory check
#   setpoint-bench/run.sh --quick    10^6 rows only, short JMH iterations, no memory check (~3 min)
#
# Needs Java 17, Maven, and Debian's scikit-learn and pandas (apt-get install python3-sklearn
# python3-pandas; they run under /usr/bin/python3). Writes data to bench-data/ and results to
# bench-out/ (both git-ignored) and prints a markdown summary for docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py=/usr/bin/python3
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

if ! "$py" -c 'import sklearn, pandas' 2>/dev/null; then
  echo "run.sh: $py lacks scikit-learn/pandas: apt-get install -y python3-sklearn python3-pandas" >&2
  exit 2
fi

echo "== build" >&2
mvn -B -q -pl setpoint-bench,setpoint-cli -am -DskipTests package >&2
jar=setpoint-bench/target/benchmarks.jar
mkdir -p bench-data bench-out

if $quick; then sizes=(1000000); jmh_opts=(-wi 2 -i 3); else sizes=(1000000 10000000); jmh_opts=(-wi 3 -i 5); fi

echo "== data" >&2
for n in "${sizes[@]}"; do
  for kind in CONTINUOUS ROUNDED4; do
    java -cp "$jar" dev.setpoint.bench.GenerateData bench-data "$n" "$kind" >&2
  done
done

echo "== JMH" >&2
params=$(IFS=,; echo "${sizes[*]}")
java -jar "$jar" CurveBenchmark -p n="$params" "${jmh_opts[@]}" -f 1 \
  -rf json -rff bench-out/jmh.json | tee bench-out/jmh.txt >&2

echo "== scikit-learn on the same arrays" >&2
: > bench-out/sklearn.jsonl
for n in "${sizes[@]}"; do
  for kind in continuous rounded4; do
    "$py" setpoint-bench/compare_sklearn.py arrays "bench-data/n$n-$kind" --repeats 3 \
      | tee -a bench-out/sklearn.jsonl >&2
  done
done

e2e_n=${sizes[-1]}
echo "== end to end: setpoint evaluate vs pandas.read_csv + scikit-learn, $e2e_n-row CSV" >&2
java -cp "$jar" dev.setpoint.bench.GenerateData bench-data "$e2e_n" CONTINUOUS --csv >&2
csv="bench-data/n$e2e_n-continuous.csv"
: > bench-out/e2e.jsonl
for i in 1 2 3; do
  t0=$(date +%s.%N)
  java -Xmx6g -jar setpoint-cli/target/setpoint.jar evaluate "$csv" --format json > bench-out/evaluate.json
  t1=$(date +%s.%N)
  echo "{\"tool\": \"setpoint\", \"seconds\": $(awk "BEGIN { print $t1 - $t0 }")}" | tee -a bench-out/e2e.jsonl >&2
  "$py" setpoint-bench/compare_sklearn.py csv "$csv" | tee -a bench-out/e2e.jsonl >&2
done

if ! $quick; then
  echo "== memory: 10^8 unweighted rows in -Xmx4g" >&2
  java -Xmx4g -cp "$jar" dev.setpoint.bench.MemoryCheck 100000000 | tee bench-out/memory.txt >&2
fi

"$py" setpoint-bench/summarise.py bench-out

#!/usr/bin/env bash
# Setpoint on Spark vs Spark MLlib's BinaryClassificationMetrics, one local-mode run on the same
# generated rows: Setpoint exact on Spark, Setpoint sketch on Spark, setpoint-core in memory, MLlib
# with numBins 0 and 1000. Prints a Markdown table (docs/benchmarks.md, "Spark: exact curves vs
# BinaryClassificationMetrics"). The comparison class lives in setpoint-spark's test scope, so MLlib
# is never in a shipped jar.
#
#   setpoint-bench/spark-compare.sh [ROWS] [SEED]      (default 10000000 20261123)
#   HEAP=8g NICE=19 setpoint-bench/spark-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
SEED=${2:-20261123}
HEAP=${HEAP:-8g}
NICE=${NICE:-0}
CP_FILE=setpoint-spark/target/compare.classpath
# -am resolves setpoint-core from this checkout, not from a possibly stale ~/.m2 snapshot.
nice -n "$NICE" mvn -B -q -o -pl setpoint-spark -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE" >/dev/null
# The flags of org.apache.spark.launcher.JavaModuleOptions (docs/dependencies.md), from the pom.
FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
# A private copy of the compiled classes: a build running meanwhile cannot pull them away.
RUN_DIR=$(mktemp -d)
trap 'rm -rf "$RUN_DIR"' EXIT
for m in setpoint-spark/target/test-classes setpoint-spark/target/classes \
    setpoint-core/target/classes setpoint-policy/target/classes; do
  mkdir -p "$RUN_DIR/$m" && cp -r "$m/." "$RUN_DIR/$m/"
done
CP="$RUN_DIR/setpoint-spark/target/test-classes:$RUN_DIR/setpoint-spark/target/classes"
CP="$CP:$RUN_DIR/setpoint-core/target/classes:$RUN_DIR/setpoint-policy/target/classes:$(cat "$CP_FILE")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
  "$(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
nice -n "$NICE" java -Xmx"$HEAP" $FLAGS -Dlog4j2.configurationFile=$PWD/setpoint-spark/src/test/resources/log4j2-test.properties \
  -cp "$CP" dev.setpoint.spark.SparkComparison "$ROWS" "$SEED"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# The embedded store's retention over repeated fill/drop cycles: day after simulated day, a day of
# single decisions is written, then retention runs (days kept: KEPT) while another thread appends
# decisions one at a time. Prints per day: the day dropped, how long retention took (the drop and
# giving the pages back), the slowest append beside it, and the file's size after a checkpoint.
#
#   setpoint-bench/sqlite-retention.sh [PER_DAY] [DAYS] [KEPT] [DURABILITY]
#       defaults 50000 12 3 POWER_LOSS (or PROCESS_CRASH)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl setpoint-cli -am -DskipTests package >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p bench-out
java -cp setpoint-cli/target/setpoint.jar:setpoint-server/target/test-classes \
  dev.setpoint.server.store.RetentionCycles "$dir" "${1:-50000}" "${2:-12}" "${3:-3}" \
  "${4:-POWER_LOSS}" 2>/dev/null | tee bench-out/sqlite-retention.csv

/**
 * Setpoint on Apache Spark: the exact curve of a DataFrame by a range-partitioned sort with per-partition
 * prefix offsets, equal bit for bit to the in-memory engine; the mergeable sketch built per partition;
 * and objective selection overall and per segment, down to the policy document.
 *
 * <p>Start at {@link dev.setpoint.spark.SparkCurves}; the columns are named by {@link
 * dev.setpoint.spark.ScoredColumns}. The decision rule is {@code score >= t} everywhere
 * ({@code docs/definitions.md#decision-rule}); Spark MLlib's {@code BinaryClassificationMetrics} differs,
 * see docs/benchmarks.md.
 */
@NullMarked
package dev.setpoint.spark;

import org.jspecify.annotations.NullMarked;

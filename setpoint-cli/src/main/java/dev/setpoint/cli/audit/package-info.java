/**
 * {@code setpoint audit}: the decision service's audit log, offline — {@code audit export} writes a
 * time range of decisions, with their labels, as a Parquet file that {@code evaluate}, {@code choose}
 * and the Spark job read directly.
 */
@NullMarked
package dev.setpoint.cli.audit;

import org.jspecify.annotations.NullMarked;

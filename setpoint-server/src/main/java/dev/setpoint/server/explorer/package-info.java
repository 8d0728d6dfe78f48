/**
 * The threshold explorer: a web page served by the decision service over a scored data set, and the
 * JSON endpoints it reads ({@code docs/explorer.md}).
 *
 * <p>Data flows one way. A score file (uploaded, or a bundled example) is read by {@code setpoint-io}
 * exactly as the CLI reads it, into the core's exact curves — of all rows and of every segment — kept in
 * memory ({@link dev.setpoint.server.explorer.Datasets}: each visible only to the identity that
 * uploaded it, examples to all; bounded in all and per identity, least recently used first out). The
 * page never receives rows: it gets a {@link dev.setpoint.server.explorer.Compression compressed} list of
 * exact curve points (TP and FP at a subset of the distinct thresholds, chosen so that the drawn curves
 * are exact to the eye), objective markers chosen by the core's objectives, and exact counts at any
 * threshold typed in. Every rate the page shows is a ratio of those exact counts, as {@code
 * docs/definitions.md} defines it.
 */
@NullMarked
package dev.setpoint.server.explorer;

import org.jspecify.annotations.NullMarked;

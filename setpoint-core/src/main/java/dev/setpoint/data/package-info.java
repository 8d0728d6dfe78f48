/**
 * Scored examples as they arrive: the row contract ({@link dev.setpoint.data.ScoreSink}), segment
 * keys, and the error raised when input data is malformed ({@link dev.setpoint.data.DataFormatException}).
 *
 * <p>Rows are pushed, not collected: a reader streams each valid row into a sink, so a caller that only
 * needs a curve never holds a boxed copy of the data. See {@code docs/architecture.md}.
 */
@NullMarked
package dev.setpoint.data;

import org.jspecify.annotations.NullMarked;

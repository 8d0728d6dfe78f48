/**
 * {@code setpoint evaluate}: the exact curves and headline metrics of a scored file, as a table,
 * JSON or the curve's points as CSV.
 */
@NullMarked
package dev.setpoint.cli.evaluate;

import org.jspecify.annotations.NullMarked;

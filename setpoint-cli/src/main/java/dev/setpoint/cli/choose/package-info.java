/**
 * {@code setpoint choose}: the operating point an objective, bands, a guarantee or per-example
 * costs choose on a scored file or a sketch, overall and per segment. The options are checked once
 * into a request, the run returns a report, and a renderer per format (table, JSON, plots) prints
 * it; {@code -o} writes the policy of the rows' choice, or of the sketch's ({@code SketchPolicy}).
 */
@NullMarked
package dev.setpoint.cli.choose;

import org.jspecify.annotations.NullMarked;

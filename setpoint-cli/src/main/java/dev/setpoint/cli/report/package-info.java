/**
 * What every report shares: the output formats, how a JSON report is printed, how numbers are
 * written, reading JSON input, and the rows of a selection's table.
 */
@NullMarked
package dev.setpoint.cli.report;

import org.jspecify.annotations.NullMarked;

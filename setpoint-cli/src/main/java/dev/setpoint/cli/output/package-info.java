/**
 * The files setpoint writes: an output path is checked when the command line is read, before any
 * work, so that a path that cannot be written is a usage error and no report is computed in vain.
 */
@NullMarked
package dev.setpoint.cli.output;

import org.jspecify.annotations.NullMarked;

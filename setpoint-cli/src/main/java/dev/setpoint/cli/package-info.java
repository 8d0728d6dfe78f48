/**
 * The {@code setpoint} command line: {@link dev.setpoint.cli.Main} registers every subcommand and
 * runs it, and what they all share lives here — exit codes, how a usage error is printed, the help
 * layout, the progress display on a terminal. Each command is in its own package beside this one.
 */
@NullMarked
package dev.setpoint.cli;

import org.jspecify.annotations.NullMarked;

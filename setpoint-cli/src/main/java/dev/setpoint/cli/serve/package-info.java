/**
 * {@code setpoint serve}: runs the decision service (setpoint-server) from the command line's
 * options, with its log on standard error.
 */
@NullMarked
package dev.setpoint.cli.serve;

import org.jspecify.annotations.NullMarked;

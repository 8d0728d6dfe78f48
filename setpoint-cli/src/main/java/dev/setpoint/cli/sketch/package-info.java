/**
 * The options of {@code evaluate} and {@code choose} that work on a score sketch instead of the
 * rows: streaming a file into one, merging saved ones, saving the result, and reporting on it.
 * The policy {@code choose --sketch -o} writes is {@code choose}'s own.
 */
@NullMarked
package dev.setpoint.cli.sketch;

import org.jspecify.annotations.NullMarked;

/**
 * How commands read scored data: the input options every reading command shares (a picocli mixin),
 * the read itself into score arrays or curves, and the objectives named on the command line.
 */
@NullMarked
package dev.setpoint.cli.input;

import org.jspecify.annotations.NullMarked;

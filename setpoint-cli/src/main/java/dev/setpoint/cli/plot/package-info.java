/**
 * The charts the commands draw ({@code --plot}): precision-recall, ROC, metric and reliability
 * plots, with their marks, as PNG or SVG files.
 */
@NullMarked
package dev.setpoint.cli.plot;

import org.jspecify.annotations.NullMarked;

/**
 * The charts the commands share ({@code --plot}): precision-recall, ROC and metric plots, with
 * their marks, as PNG or SVG files. A chart only one command draws lives with that command ({@code
 * choose}'s per segment, {@code calibrate}'s reliability diagram).
 */
@NullMarked
package dev.setpoint.cli.plot;

import org.jspecify.annotations.NullMarked;

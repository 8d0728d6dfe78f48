/**
 * {@code setpoint calibrate}: fits Platt scaling or isotonic regression on a calibration file,
 * shows reliability before and after (a table, and with {@code --plot} a diagram), moves thresholds
 * to the calibrated scale, and reads and writes the calibrator file.
 */
@NullMarked
package dev.setpoint.cli.calibrate;

import org.jspecify.annotations.NullMarked;

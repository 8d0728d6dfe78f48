/**
 * {@code setpoint train} and {@code setpoint score}: fit a linear model toward a setpoint with a
 * chosen method, pick the epoch by the exact objective, certify a threshold on the calibration
 * split, write the model and a policy; and score a file with a trained model.
 */
@NullMarked
package dev.setpoint.cli.train;

import org.jspecify.annotations.NullMarked;

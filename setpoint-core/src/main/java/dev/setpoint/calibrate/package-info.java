/**
 * Calibration: turning raw model scores into probabilities fitted on a calibration set, moving
 * thresholds between the two scales, and measuring how well probabilities are calibrated.
 *
 * <ul>
 *   <li>{@link dev.setpoint.calibrate.PlattScaling} fits {@code p = 1/(1 + exp(A·s + B))} by Platt's
 *       method ({@code docs/definitions.md#platt-scaling}).
 *   <li>{@link dev.setpoint.calibrate.IsotonicCalibration} fits a non-decreasing step-and-ramp map by
 *       pool-adjacent-violators ({@code docs/definitions.md#isotonic-calibration}).
 *   <li>Both are a {@link dev.setpoint.calibrate.Calibration}, which transfers a threshold between raw
 *       and calibrated scales exactly on given scores, or says why it cannot, as a {@link
 *       dev.setpoint.calibrate.Calibration.ThresholdTransfer}
 *       ({@code docs/definitions.md#threshold-transfer}).
 *   <li>{@link dev.setpoint.calibrate.ReliabilityTable} bins probabilities and reports each bin's mean
 *       prediction and observed positive rate, the expected calibration error and the Brier score
 *       ({@code docs/definitions.md#reliability}).
 * </ul>
 *
 * <p>Inputs follow the curve engine's contract: finite scores, weights finite and {@code >= 0}, rows of
 * weight 0 change nothing, {@code -0.0} is {@code 0.0}, and ties are never split. Each fit is checked
 * against scikit-learn 1.2.1 with the tolerance its test states.
 */
@NullMarked
package dev.setpoint.calibrate;

import org.jspecify.annotations.NullMarked;

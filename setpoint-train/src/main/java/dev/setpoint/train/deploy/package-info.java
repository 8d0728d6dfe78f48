/**
 * The deployable threshold of a trained model: chosen on the calibration split by guaranteed-precision
 * selection (Learn-then-Test, {@code docs/definitions.md#guaranteed-selection}) over the very scores
 * {@code σ(z)} the model writes, so a policy's rule {@code score >= threshold} decides every
 * calibration row as the selection counted it ({@link dev.setpoint.train.deploy.DeployedThreshold}).
 */
@NullMarked
package dev.setpoint.train.deploy;

import org.jspecify.annotations.NullMarked;

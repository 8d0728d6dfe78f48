/**
 * Training models toward a setpoint: read a feature table, standardise it, split it, fit a model with a
 * chosen loss, pick the best epoch by the exact validation objective, and write a model file.
 *
 * <p>The tree follows the flow: {@code data} (features, standardisation, splits) → {@code model} (the
 * network, the fitted model, its scores and its file) → {@code fit} (the training loop, its methods and
 * their losses, which are package-private) → {@code deploy} (the threshold certified on the calibration
 * split). See {@code docs/training.md}.
 */
@NullMarked
package dev.setpoint.train;

import org.jspecify.annotations.NullMarked;

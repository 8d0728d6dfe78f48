/**
 * The training loop: {@link dev.setpoint.train.fit.Trainer} fits a model on the
 * training rows with mini-batch Adam and L2, measures the <em>exact</em> validation objective each epoch
 * with the core curve engine ({@link dev.setpoint.train.fit.ValidationScore}), keeps the best epoch and
 * stops early. Everything is seeded: the same data, configuration and seed give bit-identical weights.
 */
package dev.setpoint.train.fit;

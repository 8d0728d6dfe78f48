/**
 * The training loop: {@link dev.setpoint.train.fit.Trainer} fits a network (logistic regression or a
 * perceptron) on the training rows with mini-batch Adam and L2, on sharded batches, with the per-logit
 * gradient and the multiplier step of a {@link dev.setpoint.train.fit.TrainingMethod} (its losses,
 * {@code Loss} and the setpoint as a {@code ConstrainedObjective}, are internals of this package; the
 * maths is in {@code ../shared/notes/constrained_training.md} §1–3); it measures the
 * <em>exact</em> validation objective each epoch with the core curve engine ({@link
 * dev.setpoint.train.fit.EpochReport.ValidationScore}), keeps the best epoch and stops early ({@link
 * dev.setpoint.train.fit.TrainingResult.StopReason}). Everything is seeded: the same data,
 * configuration, seed and thread count give bit-identical weights and multipliers.
 */
@NullMarked
package dev.setpoint.train.fit;

import org.jspecify.annotations.NullMarked;

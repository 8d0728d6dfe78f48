package dev.setpoint.train.fit;

/**
 * What one epoch did, for progress lines and the training history.
 *
 * @param epoch 1-based
 * @param trainingLoss the mean over the epoch's batches of the loss plus the L2 penalty
 * @param validation the exact validation result after the epoch
 * @param best whether this epoch is the best so far (its parameters are kept)
 */
public record EpochReport(int epoch, double trainingLoss, ValidationScore validation, boolean best) {}

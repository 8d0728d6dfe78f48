package dev.setpoint.train.fit;

import java.util.List;

/**
 * What one epoch did, for progress lines and the training history.
 *
 * @param epoch 1-based
 * @param trainingLoss the mean over the epoch's batches of the loss plus the L2 penalty
 * @param validation the exact validation result after the epoch
 * @param best whether this epoch is the best so far (its parameters are kept)
 * @param multipliers the method's multipliers after the epoch; empty for a method without any
 */
public record EpochReport(int epoch, double trainingLoss, ValidationScore validation, boolean best,
    List<Multiplier> multipliers) {

  /** Copies the multipliers. */
  public EpochReport {
    multipliers = List.copyOf(multipliers);
  }
}

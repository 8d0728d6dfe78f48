package dev.setpoint.train.fit;

/** When a Lagrangian method updates its multiplier. */
public enum MultiplierStep {
  /**
   * After every batch, from that batch's logits (those the model step used): cheap and reactive, but a
   * batch holds few positives, so the measured constraint is noisy (dual-weighted BCE smooths it).
   */
  BATCH,
  /**
   * Once per epoch, from the logits of the whole training set after the epoch's last model step: exact
   * hard counts, one forward pass over the training rows per epoch.
   */
  EPOCH
}

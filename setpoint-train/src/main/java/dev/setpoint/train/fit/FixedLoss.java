package dev.setpoint.train.fit;

import java.util.Objects;

/**
 * A fixed loss, {@link TrainingMethod#bce} or {@link TrainingMethod#weightedBce}: the loss does not
 * change during training and there is no multiplier.
 */
record FixedLoss(Loss loss) implements TrainingMethod {

  /** Checks the loss is present. */
  FixedLoss {
    Objects.requireNonNull(loss, "loss");
  }

  @Override
  public String describe() {
    return loss.name();
  }
}

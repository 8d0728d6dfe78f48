package dev.setpoint.calibrate;

import java.util.Objects;

/**
 * The outcome of moving a threshold between raw scores and calibrated probabilities over a set of scores
 * ({@code docs/definitions.md#threshold-transfer}): {@link Equivalent} or {@link NotEquivalent}.
 */
public sealed interface ThresholdTransfer {

  /**
   * A threshold on the other scale that flags exactly the same scores.
   *
   * @param threshold the equivalent threshold; {@code +Infinity} when the given rule flags none of the
   *     scores
   * @param flagged how many of the scores both rules flag
   */
  record Equivalent(double threshold, int flagged) implements ThresholdTransfer {

    /** Validates that the threshold is not NaN and the count is not negative. */
    public Equivalent {
      if (Double.isNaN(threshold)) {
        throw new IllegalArgumentException("threshold must not be NaN");
      }
      if (flagged < 0) {
        throw new IllegalArgumentException("flagged must be >= 0, was " + flagged);
      }
    }
  }

  /**
   * No threshold on the other scale flags exactly the same scores: the calibration maps a lower score to
   * a calibrated value at least as high as a higher score's, across the boundary.
   *
   * @param reason a sentence naming the two scores and their calibrated values
   */
  record NotEquivalent(String reason) implements ThresholdTransfer {

    /** Validates that a reason is given. */
    public NotEquivalent {
      if (Objects.requireNonNull(reason, "reason").isBlank()) {
        throw new IllegalArgumentException("reason must not be blank");
      }
    }
  }
}

package dev.setpoint.curve;

/**
 * A threshold and what it does: the confusion matrix of {@code score >= threshold}.
 *
 * @param threshold the threshold {@code t}; {@code +Infinity} flags nothing
 * @param confusion the weighted confusion matrix at {@code t}
 */
public record OperatingPoint(double threshold, Confusion confusion) {

  /** Validates that the threshold is not NaN and the confusion matrix is present. */
  public OperatingPoint {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
    java.util.Objects.requireNonNull(confusion, "confusion");
  }
}

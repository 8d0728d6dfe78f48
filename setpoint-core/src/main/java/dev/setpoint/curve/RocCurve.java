package dev.setpoint.curve;

import java.util.Arrays;
import java.util.Objects;

/**
 * The ROC curve in descending threshold. Index 0 is (FPR 0, TPR 0) at threshold +∞; index {@code i + 1}
 * is curve point {@code i}; the last point is (1, 1). Arrays are copied in and out.
 *
 * @param thresholds descending; {@code thresholds[0] = +Infinity}
 * @param falsePositiveRate FPR at each threshold (NaN without negatives)
 * @param truePositiveRate TPR at each threshold (NaN without positives)
 */
public record RocCurve(double[] thresholds, double[] falsePositiveRate, double[] truePositiveRate) {

  /** Copies the arrays and checks they have one entry per threshold. */
  public RocCurve {
    thresholds = thresholds.clone();
    falsePositiveRate = falsePositiveRate.clone();
    truePositiveRate = truePositiveRate.clone();
    if (falsePositiveRate.length != thresholds.length
        || truePositiveRate.length != thresholds.length) {
      throw new IllegalArgumentException("rates and thresholds differ in length: "
          + falsePositiveRate.length + ", " + truePositiveRate.length + ", " + thresholds.length);
    }
  }

  /** The number of points, including (0, 0). */
  public int size() {
    return thresholds.length;
  }

  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  @Override
  public double[] falsePositiveRate() {
    return falsePositiveRate.clone();
  }

  @Override
  public double[] truePositiveRate() {
    return truePositiveRate.clone();
  }

  /** Equal when every array is equal element by element (records compare arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof RocCurve other
        && Arrays.equals(thresholds, other.thresholds)
        && Arrays.equals(falsePositiveRate, other.falsePositiveRate)
        && Arrays.equals(truePositiveRate, other.truePositiveRate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(thresholds), Arrays.hashCode(falsePositiveRate), Arrays.hashCode(truePositiveRate));
  }

  @Override
  public String toString() {
    return "RocCurve[thresholds=" + Arrays.toString(thresholds)
        + ", falsePositiveRate=" + Arrays.toString(falsePositiveRate)
        + ", truePositiveRate=" + Arrays.toString(truePositiveRate) + "]";
  }
}

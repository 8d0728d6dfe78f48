package dev.setpoint.curve;

/**
 * The ROC curve in descending threshold. Index 0 is (FPR 0, TPR 0) at threshold +∞; index {@code i + 1}
 * is curve point {@code i}; the last point is (1, 1). Arrays are copied in and out; two curves are equal
 * when every array is equal element by element.
 */
public final class RocCurve extends ThresholdColumns {

  /**
   * Copies the arrays and checks they have one entry per threshold.
   *
   * @param thresholds descending; {@code thresholds[0] = +Infinity}
   * @param falsePositiveRate FPR at each threshold (NaN without negatives)
   * @param truePositiveRate TPR at each threshold (NaN without positives)
   */
  public RocCurve(double[] thresholds, double[] falsePositiveRate, double[] truePositiveRate) {
    super("falsePositiveRate", "truePositiveRate", thresholds, falsePositiveRate, truePositiveRate);
  }

  /** FPR at each threshold. */
  public double[] falsePositiveRate() {
    return first();
  }

  /** TPR at each threshold. */
  public double[] truePositiveRate() {
    return second();
  }
}

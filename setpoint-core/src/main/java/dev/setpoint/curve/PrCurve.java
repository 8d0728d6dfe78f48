package dev.setpoint.curve;

/**
 * The precision-recall curve in descending threshold. Index 0 is scikit-learn's end point (threshold
 * +∞, precision 1, recall 0), kept for plotting and AP only; index {@code i + 1} is curve point {@code
 * i}. Arrays are copied in and out; two curves are equal when every array is equal element by element.
 */
public final class PrCurve extends ThresholdColumns {

  /**
   * Copies the arrays and checks they have one entry per threshold.
   *
   * @param thresholds descending; {@code thresholds[0] = +Infinity}
   * @param precision precision at each threshold, NaN where nothing is flagged (weight-0 cases)
   * @param recall recall at each threshold, NaN when there are no positives
   */
  public PrCurve(double[] thresholds, double[] precision, double[] recall) {
    super("precision", "recall", thresholds, precision, recall);
  }

  /** Precision at each threshold. */
  public double[] precision() {
    return first();
  }

  /** Recall at each threshold. */
  public double[] recall() {
    return second();
  }
}

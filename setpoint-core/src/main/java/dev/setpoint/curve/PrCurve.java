package dev.setpoint.curve;

import java.util.Arrays;
import java.util.Objects;

/**
 * The precision-recall curve in descending threshold. Index 0 is scikit-learn's end point (threshold
 * +∞, precision 1, recall 0), kept for plotting and AP only; index {@code i + 1} is curve point {@code
 * i}. Arrays are copied in and out.
 *
 * @param thresholds descending; {@code thresholds[0] = +Infinity}
 * @param precision precision at each threshold, NaN where nothing is flagged (weight-0 cases)
 * @param recall recall at each threshold, NaN when there are no positives
 */
public record PrCurve(double[] thresholds, double[] precision, double[] recall) {

  /** Copies the arrays and checks they have one entry per threshold. */
  public PrCurve {
    thresholds = thresholds.clone();
    precision = precision.clone();
    recall = recall.clone();
    if (precision.length != thresholds.length || recall.length != thresholds.length) {
      throw new IllegalArgumentException("precision, recall and thresholds differ in length: "
          + precision.length + ", " + recall.length + ", " + thresholds.length);
    }
  }

  /** The number of points, including the end point. */
  public int size() {
    return thresholds.length;
  }

  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  @Override
  public double[] precision() {
    return precision.clone();
  }

  @Override
  public double[] recall() {
    return recall.clone();
  }

  /** Equal when every array is equal element by element (records compare arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof PrCurve other
        && Arrays.equals(thresholds, other.thresholds)
        && Arrays.equals(precision, other.precision)
        && Arrays.equals(recall, other.recall);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(thresholds), Arrays.hashCode(precision), Arrays.hashCode(recall));
  }

  @Override
  public String toString() {
    return "PrCurve[thresholds=" + Arrays.toString(thresholds)
        + ", precision=" + Arrays.toString(precision)
        + ", recall=" + Arrays.toString(recall) + "]";
  }
}

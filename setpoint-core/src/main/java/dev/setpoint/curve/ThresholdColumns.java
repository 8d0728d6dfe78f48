package dev.setpoint.curve;

import java.util.Arrays;
import java.util.Objects;

/**
 * Two metric columns over descending thresholds, one entry per threshold, index 0 at threshold +∞: what
 * {@link Curve.PrCurve} and {@link Curve.RocCurve} are, each naming its columns. Arrays are copied in and out; two
 * curves of the same kind are equal when every array is equal element by element.
 */
abstract class ThresholdColumns {

  private final String firstName;
  private final String secondName;
  private final double[] thresholds;
  private final double[] first;
  private final double[] second;

  /** Copies the arrays and checks they have one entry per threshold. */
  ThresholdColumns(String firstName, String secondName, double[] thresholds, double[] first,
      double[] second) {
    this.firstName = firstName;
    this.secondName = secondName;
    this.thresholds = thresholds.clone();
    this.first = first.clone();
    this.second = second.clone();
    int n = this.thresholds.length;
    if (this.first.length != n || this.second.length != n) {
      throw new IllegalArgumentException(firstName + ", " + secondName
          + " and thresholds differ in length: " + this.first.length + ", " + this.second.length + ", "
          + n);
    }
  }

  /** The number of points, including the one at threshold +∞. */
  public int size() {
    return thresholds.length;
  }

  /** The thresholds, descending; {@code thresholds[0] = +Infinity}. */
  public double[] thresholds() {
    return thresholds.clone();
  }

  double[] first() {
    return first.clone();
  }

  double[] second() {
    return second.clone();
  }

  /** Equal when of the same kind and every array is equal element by element. */
  @Override
  public final boolean equals(Object o) {
    return o instanceof ThresholdColumns other
        && other.getClass() == getClass()
        && Arrays.equals(thresholds, other.thresholds)
        && Arrays.equals(first, other.first)
        && Arrays.equals(second, other.second);
  }

  @Override
  public final int hashCode() {
    return Objects.hash(Arrays.hashCode(thresholds), Arrays.hashCode(first), Arrays.hashCode(second));
  }

  /** {@code Kind[thresholds=[…], first=[…], second=[…]]}, with the kind's column names. */
  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[thresholds=" + Arrays.toString(thresholds)
        + ", " + firstName + "=" + Arrays.toString(first)
        + ", " + secondName + "=" + Arrays.toString(second) + "]";
  }
}

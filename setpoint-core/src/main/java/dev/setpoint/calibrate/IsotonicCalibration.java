package dev.setpoint.calibrate;

import java.util.Arrays;
import java.util.Objects;

/**
 * Isotonic calibration: the non-decreasing map from raw scores to probabilities that best fits the
 * labels in weighted least squares, found by pool-adjacent-violators ({@code
 * docs/definitions.md#isotonic-calibration}).
 *
 * <p>The model is a list of knots {@code (x_k, y_k)}, {@code x} strictly increasing and {@code y}
 * non-decreasing: the lowest and highest score of each pooled block, with the block's weighted positive
 * rate. {@link #apply} is flat on each block, interpolates linearly between the last score of one block
 * and the first of the next, and is clipped to {@code y_0} below {@code x_0} and to the last {@code y}
 * above the last {@code x} — exactly scikit-learn 1.2's {@code IsotonicRegression(increasing=True,
 * out_of_bounds="clip")}, whose {@code predict} is {@code numpy.interp} over {@code X_thresholds_}, {@code
 * y_thresholds_}. Ties in score are pooled before fitting and never split. Matches scikit-learn 1.2.1 to
 * 1e-12 ({@code IsotonicGoldenTest}).
 *
 * <p>Where we differ: scikit-learn 1.2.1 treats scores closer than 1e-15 ({@code
 * np.finfo(float64).resolution}, an absolute distance) as ties, and in that case leaves uninitialised
 * values in its output arrays; we pool exact ties only ({@code -0.0} equals {@code 0.0}).
 *
 * <p>Instances are immutable; the knot arrays are copied in and out. Fitting is O(n log n); {@link
 * #apply} is O(log k) for k knots, by binary search.
 */
public final class IsotonicCalibration implements Calibration {

  private final double[] x;
  private final double[] y;

  private IsotonicCalibration(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /**
   * Fits isotonic calibration to unweighted rows.
   *
   * @param scores finite raw scores
   * @param labels {@code true} for the positive class; same length; both classes present
   * @throws IllegalArgumentException naming the first non-finite score, on a length mismatch or a missing
   *     class
   */
  public static IsotonicCalibration fit(double[] scores, boolean[] labels) {
    return fit(Rows.of("isotonic calibration", scores, labels, null));
  }

  /**
   * Fits isotonic calibration to weighted rows; a row of weight 0 changes nothing (it does not even
   * create a knot), and an integer weight is the same as repeating the row.
   *
   * @param weights finite weights {@code >= 0}, one per score
   * @throws IllegalArgumentException as {@link #fit(double[], boolean[])}, or naming the first invalid
   *     weight
   */
  public static IsotonicCalibration fit(double[] scores, boolean[] labels, double[] weights) {
    Objects.requireNonNull(weights, "weights");
    return fit(Rows.of("isotonic calibration", scores, labels, weights));
  }

  private static IsotonicCalibration fit(Rows rows) {
    double[][] knots = PoolAdjacentViolators.knots(rows);
    return new IsotonicCalibration(knots[0], knots[1]);
  }

  /**
   * An isotonic calibration from saved knots, e.g. scikit-learn's {@code X_thresholds_} and {@code
   * y_thresholds_}.
   *
   * @param knotScores finite, strictly increasing, at least one
   * @param knotProbabilities in [0, 1], non-decreasing, one per knot score
   * @throws IllegalArgumentException naming the first knot that breaks a rule
   */
  public static IsotonicCalibration of(double[] knotScores, double[] knotProbabilities) {
    Objects.requireNonNull(knotScores, "knotScores");
    Objects.requireNonNull(knotProbabilities, "knotProbabilities");
    if (knotScores.length == 0) {
      throw new IllegalArgumentException("an isotonic calibration needs at least one knot");
    }
    if (knotProbabilities.length != knotScores.length) {
      throw new IllegalArgumentException("knotProbabilities must have one entry per knot score: "
          + knotScores.length + " scores but " + knotProbabilities.length + " probabilities");
    }
    double[] x = new double[knotScores.length];
    double[] y = knotProbabilities.clone();
    for (int k = 0; k < x.length; k++) {
      x[k] = knotScores[k] + 0.0;
      if (!Double.isFinite(x[k])) {
        throw new IllegalArgumentException("knot " + k + ": score must be finite, was " + x[k]);
      }
      if (!(y[k] >= 0 && y[k] <= 1)) {
        throw new IllegalArgumentException("knot " + k + ": probability must be in [0, 1], was " + y[k]);
      }
      if (k > 0 && !(x[k] > x[k - 1])) {
        throw new IllegalArgumentException("knot scores must increase strictly, but knot " + k
            + " is " + x[k] + " after " + x[k - 1]);
      }
      if (k > 0 && y[k] < y[k - 1]) {
        throw new IllegalArgumentException("knot probabilities must not decrease, but knot " + k
            + " is " + y[k] + " after " + y[k - 1]);
      }
    }
    return new IsotonicCalibration(x, y);
  }

  /**
   * The calibrated probability of {@code score}: the last knot's value at or above the last knot score,
   * the first knot's value at or below the first, a knot's value at a knot score, and between knots
   * {@code j} and {@code j+1} the line {@code y_j + (y_{j+1} − y_j)/(x_{j+1} − x_j) · (score − x_j)}
   * (numpy's {@code interp} formula, bit for bit), capped at {@code y_{j+1}} so that rounding can never
   * make the map decrease across a knot.
   *
   * @throws IllegalArgumentException if the score is NaN or infinite
   */
  @Override
  public double apply(double score) {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, was " + score);
    }
    int last = x.length - 1;
    if (score <= x[0]) {
      return y[0];
    }
    if (score >= x[last]) {
      return y[last];
    }
    // The j with x[j] <= score < x[j + 1]; 0 <= j < last here.
    int lo = 0;
    int hi = last;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (x[mid] <= score) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    int j = lo;
    if (x[j] == score) {
      return y[j];
    }
    double slope = (y[j + 1] - y[j]) / (x[j + 1] - x[j]);
    return Math.min(slope * (score - x[j]) + y[j], y[j + 1]);
  }

  /** The number of knots. */
  public int size() {
    return x.length;
  }

  /** The knot scores, strictly increasing (a copy); scikit-learn's {@code X_thresholds_}. */
  public double[] knotScores() {
    return x.clone();
  }

  /** The knot probabilities, non-decreasing (a copy); scikit-learn's {@code y_thresholds_}. */
  public double[] knotProbabilities() {
    return y.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IsotonicCalibration that
        && Arrays.equals(x, that.x) && Arrays.equals(y, that.y);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
  }

  @Override
  public String toString() {
    return "IsotonicCalibration[knots=" + x.length + ", scores " + x[0] + ".." + x[x.length - 1]
        + ", probabilities " + y[0] + ".." + y[y.length - 1] + "]";
  }
}

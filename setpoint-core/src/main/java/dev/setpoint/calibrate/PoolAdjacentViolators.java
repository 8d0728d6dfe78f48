package dev.setpoint.calibrate;

import java.util.Arrays;

/**
 * The weighted isotonic (non-decreasing) regression of labels on scores by pool-adjacent-violators,
 * returned as the knots of {@link IsotonicCalibration}. Trusts its input: a validated {@link Rows}.
 *
 * <p>Steps, each O(n) after one O(n log n) sort:
 *
 * <ol>
 *   <li><b>Ties first.</b> Rows with equal scores become one point whose value is their weighted positive
 *       rate and whose weight is their total weight (scikit-learn's {@code _make_unique}). Ties are never
 *       split, as everywhere in Setpoint.
 *   <li><b>Pool.</b> Scanning points in ascending score, each starts a block; while the block before it
 *       has a value {@code >=} its own, the two merge into one block with the pooled weighted rate. Equal
 *       neighbours merge too (as scikit-learn does), so block values strictly increase. Each point is
 *       merged at most once, so the scan is O(n) amortised [1].
 *   <li><b>Knots.</b> Each block contributes its lowest and highest score (one knot if they are equal),
 *       both with the block's value; these are scikit-learn's {@code X_thresholds_} and {@code
 *       y_thresholds_} after its {@code trim_duplicates}.
 * </ol>
 *
 * <p>Block values are kept as positive weight over total weight, each a plain sum, and divided when
 * compared or emitted; scikit-learn carries running means instead, so the two can differ in the last
 * bits (well inside the 1e-12 of {@code IsotonicGoldenTest}).
 *
 * <p>[1] M. Best, N. Chakravarti, "Active set algorithms for isotonic regression; a unifying framework",
 * Mathematical Programming 47:425–439, 1990, section 3.
 */
final class PoolAdjacentViolators {

  private PoolAdjacentViolators() {}

  /** Knots {x ascending, strictly; y non-decreasing} of the isotonic fit of {@code rows}. */
  static double[][] knots(Rows rows) {
    // 1. Distinct scores ascending; each row's weight is added to its score's slot by binary search.
    double[] distinct = rows.scores.clone();
    Arrays.sort(distinct);
    int k = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (k == 0 || distinct[i] != distinct[k - 1]) {
        distinct[k++] = distinct[i];
      }
    }
    double[] positive = new double[k];
    double[] total = new double[k];
    for (int i = 0; i < rows.size(); i++) {
      int j = Arrays.binarySearch(distinct, 0, k, rows.scores[i]);
      total[j] += rows.weights[i];
      if (rows.labels[i]) {
        positive[j] += rows.weights[i];
      }
    }

    // 2. Pool: a stack of blocks, each [first point, last point] with its sums.
    int[] first = new int[k];
    int[] last = new int[k];
    double[] blockPositive = new double[k];
    double[] blockTotal = new double[k];
    int blocks = 0;
    for (int j = 0; j < k; j++) {
      first[blocks] = j;
      last[blocks] = j;
      blockPositive[blocks] = positive[j];
      blockTotal[blocks] = total[j];
      blocks++;
      while (blocks > 1 && blockPositive[blocks - 2] / blockTotal[blocks - 2]
          >= blockPositive[blocks - 1] / blockTotal[blocks - 1]) {
        blocks--;
        last[blocks - 1] = last[blocks];
        blockPositive[blocks - 1] += blockPositive[blocks];
        blockTotal[blocks - 1] += blockTotal[blocks];
      }
    }

    // 3. Knots: both ends of every block.
    int knots = 0;
    for (int b = 0; b < blocks; b++) {
      knots += first[b] == last[b] ? 1 : 2;
    }
    double[] x = new double[knots];
    double[] y = new double[knots];
    int m = 0;
    for (int b = 0; b < blocks; b++) {
      double value = blockPositive[b] / blockTotal[b];
      x[m] = distinct[first[b]];
      y[m++] = value;
      if (first[b] != last[b]) {
        x[m] = distinct[last[b]];
        y[m++] = value;
      }
    }
    return new double[][] {x, y};
  }
}

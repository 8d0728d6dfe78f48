package dev.setpoint.server.explorer;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import java.util.SplittableRandom;

/**
 * Curves derived from a curve for the failure-mode lab, each built by the core from counts ({@link
 * Curve#ofCounts}) so that every metric on it is the core's. They work on the curve's points, never on
 * rows: a point's rows are its count increments {@code ΔTP_i = TP_i − TP_{i−1}} and {@code ΔFP_i}.
 *
 * <p>The draws are seeded ({@link SplittableRandom}): the same seed gives the same curve.
 */
final class DerivedCurves {

  private DerivedCurves() {}

  /**
   * The curve of the same rows with every score rounded to {@code decimals} places ({@code
   * Math.round(s·10^d)/10^d}, half up), as a system that stores two decimals would see them: rounding
   * is monotone, so neighbouring points merge into ties and no order changes. Weighted curves stay
   * weighted.
   */
  static Curve rounded(Curve curve, int decimals) {
    double scale = Math.pow(10, decimals);
    int k = curve.size();
    if (curve.isWeighted()) {
      CurveBuilder builder = Curve.builder();
      double previousTp = 0;
      double previousFp = 0;
      for (int i = 0; i < k; i++) {
        double r = Math.round(curve.threshold(i) * scale) / scale;
        builder.add(r, true, Math.max(0, curve.truePositives(i) - previousTp));
        builder.add(r, false, Math.max(0, curve.falsePositives(i) - previousFp));
        previousTp = curve.truePositives(i);
        previousFp = curve.falsePositives(i);
      }
      return builder.build();
    }
    double[] thresholds = new double[k];
    int[] positives = new int[k];
    int[] negatives = new int[k];
    int m = -1;
    for (int i = 0; i < k; i++) {
      double r = Math.round(curve.threshold(i) * scale) / scale;
      if (m < 0 || r != thresholds[m]) {
        thresholds[++m] = r;
      }
      positives[m] += positivesAt(curve, i);
      negatives[m] += negativesAt(curve, i);
    }
    return Curve.ofCounts(java.util.Arrays.copyOf(thresholds, m + 1),
        java.util.Arrays.copyOf(positives, m + 1), java.util.Arrays.copyOf(negatives, m + 1));
  }

  /**
   * A simple random sample of the rows, without replacement: {@code positives} of the positive rows
   * (all of them if there are fewer) and the same share of the negative rows, rounded, so that the
   * sample keeps the data's prevalence and only its size shrinks. Selection sampling (Knuth's
   * Algorithm S) over the rows in curve order, O(rows).
   *
   * @throws IllegalArgumentException if the curve is weighted (a weighted row is not one draw)
   */
  static Curve fewPositives(Curve curve, int positives, long seed) {
    requireUnweighted(curve, "keeping a few positives");
    long p = (long) curve.positives();
    long n = (long) curve.negatives();
    long keepP = Math.min(p, positives);
    long keepN = p == 0 ? 0 : Math.round((double) n * keepP / p);
    SplittableRandom random = new SplittableRandom(seed);
    int k = curve.size();
    double[] thresholds = new double[k];
    int[] pos = new int[k];
    int[] neg = new int[k];
    long seenP = 0;
    long seenN = 0;
    long takenP = 0;
    long takenN = 0;
    for (int i = 0; i < k; i++) {
      thresholds[i] = curve.threshold(i);
      for (int r = positivesAt(curve, i); r > 0; r--, seenP++) {
        // Algorithm S: take this row with probability (still needed) / (rows left).
        if (random.nextLong(p - seenP) < keepP - takenP) {
          pos[i]++;
          takenP++;
        }
      }
      for (int r = negativesAt(curve, i); r > 0; r--, seenN++) {
        if (random.nextLong(n - seenN) < keepN - takenN) {
          neg[i]++;
          takenN++;
        }
      }
    }
    return Curve.ofCounts(thresholds, pos, neg);
  }

  /**
   * The rows split in two at random, each row to either half with probability ½ (a fair coin per row):
   * Learn-then-Test needs a validation half that fixes the threshold sequence and a calibration half
   * that tests it ({@code docs/definitions.md#guaranteed-selection}).
   *
   * @throws IllegalArgumentException if the curve is weighted
   */
  static Curve[] split(Curve curve, long seed) {
    requireUnweighted(curve, "guaranteed selection");
    SplittableRandom random = new SplittableRandom(seed);
    int k = curve.size();
    double[] thresholds = new double[k];
    int[][] a = {new int[k], new int[k]};
    int[][] b = {new int[k], new int[k]};
    for (int i = 0; i < k; i++) {
      thresholds[i] = curve.threshold(i);
      for (int r = positivesAt(curve, i); r > 0; r--) {
        (random.nextBoolean() ? a : b)[0][i]++;
      }
      for (int r = negativesAt(curve, i); r > 0; r--) {
        (random.nextBoolean() ? a : b)[1][i]++;
      }
    }
    return new Curve[] {Curve.ofCounts(thresholds, a[0], a[1]), Curve.ofCounts(thresholds, b[0], b[1])};
  }

  /** ΔTP_i: the positive rows of point {@code i} of an unweighted curve. */
  private static int positivesAt(Curve curve, int i) {
    return (int) (curve.truePositives(i) - (i == 0 ? 0 : curve.truePositives(i - 1)));
  }

  /** ΔFP_i: the negative rows of point {@code i} of an unweighted curve. */
  private static int negativesAt(Curve curve, int i) {
    return (int) (curve.falsePositives(i) - (i == 0 ? 0 : curve.falsePositives(i - 1)));
  }

  private static void requireUnweighted(Curve curve, String what) {
    if (curve.isWeighted()) {
      throw new IllegalArgumentException(what + " needs unweighted rows, each an independent draw; "
          + "this data is weighted (docs/definitions.md#binomial-intervals)");
    }
  }
}

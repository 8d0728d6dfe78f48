package dev.setpoint.server.explorer;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import java.util.Arrays;

/**
 * Which curve points the page gets: a subset of the exact curve's points, chosen so that the drawn
 * curves are exact to the eye, while each kept point carries its exact counts.
 *
 * <p>The rule, walking the points from the highest threshold down after the "flag nothing" point
 * ({@code t = +∞}, always kept): keep point i when its recall, precision, false positive rate or flag
 * rate differs from the last kept point's by more than the resolution ε, or when one of them is
 * undefined at one and not the other ({@code docs/definitions.md#undefined-values}); then keep point
 * i − 1 as well, so that a line drawn between kept points turns the corner the exact curve turns. The
 * last point (everything flagged) and every required point (objective markers, a threshold the user
 * typed) are always kept. With ε = 1/2000, every curve drawn on a chart up to 2,000 pixels wide differs
 * from the exact one by less than a pixel; if the rule keeps more than {@code maxPoints}, ε doubles
 * until it does not (so a coarser but still exact subset).
 *
 * <p>Why these four: the PR curve plots recall and precision, the ROC curve recall and FPR, and the
 * flag rate moves workload and cost; a point that moves none of them by ε is invisible on every view.
 * Precision swings most at the top of the curve (one more flag changes it by about 1/flagged), which
 * is where most kept points are. O(k) per pass, at most a few passes.
 */
final class Compression {

  private Compression() {}

  /**
   * The kept point indices, ascending; index −1 stands for "flag nothing" and comes first.
   *
   * @param curve the exact curve
   * @param resolution ε, in (0, 1)
   * @param maxPoints the most points to return, at least 2 plus the required ones
   * @param required curve indices that must be kept (any order, duplicates allowed; −1 allowed)
   */
  static int[] keep(Curve curve, double resolution, int maxPoints, int[] required) {
    int k = curve.size();
    boolean[] must = new boolean[k];
    for (int i : required) {
      if (i >= 0 && i < k) {
        must[i] = true;
      }
    }
    double eps = resolution;
    while (true) {
      int[] kept = pass(curve, eps, must);
      if (kept.length <= maxPoints || eps >= 1) {
        return kept;
      }
      eps *= 2;
    }
  }

  private static int[] pass(Curve curve, double eps, boolean[] must) {
    int k = curve.size();
    int[] kept = new int[k + 1];
    int size = 0;
    kept[size++] = -1;
    // The last kept point's rates; "flag nothing" has recall 0, FPR 0, flag rate 0, precision undefined.
    double lastRecall = 0;
    double lastPrecision = Double.NaN;
    double lastFpr = 0;
    double lastFlagRate = 0;
    int lastKept = -1;
    for (int i = 0; i < k; i++) {
      Confusion c = curve.confusion(i);
      double recall = c.recall();
      double precision = c.precision();
      double fpr = c.falsePositiveRate();
      double flagRate = c.flagRate();
      boolean moved = moved(recall, lastRecall, eps) || moved(precision, lastPrecision, eps)
          || moved(fpr, lastFpr, eps) || moved(flagRate, lastFlagRate, eps);
      if (moved || must[i] || i == k - 1) {
        if (moved && i - 1 > lastKept) {
          kept[size++] = i - 1;
        }
        kept[size++] = i;
        lastKept = i;
        lastRecall = recall;
        lastPrecision = precision;
        lastFpr = fpr;
        lastFlagRate = flagRate;
      }
    }
    return Arrays.copyOf(kept, size);
  }

  private static boolean moved(double now, double then, double eps) {
    if (Double.isNaN(now) || Double.isNaN(then)) {
      return Double.isNaN(now) != Double.isNaN(then);
    }
    return Math.abs(now - then) > eps;
  }
}

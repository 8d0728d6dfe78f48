package dev.setpoint.curve;

/**
 * Merges the sorted scores of the two classes into curve points, from the highest score down.
 *
 * <p>Both inputs are sorted ascending, so the merge walks each from its end. Each step takes the larger
 * of the two current scores as the next threshold {@code t} and consumes every row of either class
 * equal to {@code t}: ties across and within classes land in one point, never split. The merge runs
 * twice: once to count the distinct scores, once to fill exactly sized arrays, because the curve is the
 * largest allocation of the whole computation and must not be over-allocated and copied.
 */
final class CurveMerge {

  private CurveMerge() {}

  static Curve unweighted(double[] pos, double[] neg) {
    int k = countDistinct(pos, neg);
    double[] thresholds = new double[k];
    int[] tp = new int[k];
    int[] fp = new int[k];
    int i = pos.length - 1;
    int j = neg.length - 1;
    int cumTp = 0;
    int cumFp = 0;
    for (int point = 0; point < k; point++) {
      double t = next(pos, i, neg, j);
      while (i >= 0 && pos[i] == t) {
        i--;
        cumTp++;
      }
      while (j >= 0 && neg[j] == t) {
        j--;
        cumFp++;
      }
      thresholds[point] = t;
      tp[point] = cumTp;
      fp[point] = cumFp;
    }
    return new Curve(thresholds, new Cumulative.Counts(tp), new Cumulative.Counts(fp),
        pos.length, neg.length, false);
  }

  static Curve weighted(double[] pos, double[] posW, double[] neg, double[] negW) {
    int k = countDistinct(pos, neg);
    double[] thresholds = new double[k];
    double[] tp = new double[k];
    double[] fp = new double[k];
    int i = pos.length - 1;
    int j = neg.length - 1;
    // Exact sums rounded once per point (ExactSum), not a float64 running sum: the counts then do not
    // depend on the order of tied rows (reverse insertion order here) or on how another engine groups
    // the additions, so a shuffled file or a Spark job gives the same bits (docs/definitions.md#weights).
    // A point where only one class changed reuses the other's value.
    ExactSum exactTp = new ExactSum();
    ExactSum exactFp = new ExactSum();
    double cumTp = 0;
    double cumFp = 0;
    for (int point = 0; point < k; point++) {
      double t = next(pos, i, neg, j);
      if (i >= 0 && pos[i] == t) {
        while (i >= 0 && pos[i] == t) {
          exactTp.accumulate(posW[i--]);
        }
        cumTp = exactTp.doubleValue();
      }
      if (j >= 0 && neg[j] == t) {
        while (j >= 0 && neg[j] == t) {
          exactFp.accumulate(negW[j--]);
        }
        cumFp = exactFp.doubleValue();
      }
      thresholds[point] = t;
      tp[point] = cumTp;
      fp[point] = cumFp;
    }
    // Every weight is finite, but their sum need not be (two weights of 1e308). An infinite P, N or
    // P + N would surface later as an unrelated error or a silent NaN (Inf/Inf), so refuse it here.
    if (!Double.isFinite(cumTp + cumFp)) {
      throw new IllegalArgumentException("the weights sum to more than the largest double (positive"
          + " weight " + cumTp + ", negative weight " + cumFp + "); scale the weights down");
    }
    return new Curve(thresholds, new Cumulative.Weights(tp), new Cumulative.Weights(fp),
        cumTp, cumFp, true);
  }

  private static int countDistinct(double[] pos, double[] neg) {
    int i = pos.length - 1;
    int j = neg.length - 1;
    int k = 0;
    while (i >= 0 || j >= 0) {
      double t = next(pos, i, neg, j);
      while (i >= 0 && pos[i] == t) {
        i--;
      }
      while (j >= 0 && neg[j] == t) {
        j--;
      }
      k++;
    }
    return k;
  }

  /** The larger of the two current scores; scores are finite, so -Infinity marks an exhausted run. */
  private static double next(double[] pos, int i, double[] neg, int j) {
    double a = i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY;
    double b = j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY;
    return Math.max(a, b);
  }
}

package dev.setpoint.curve;

import java.util.Objects;

/**
 * The exact curve of a scored data set: one point per distinct score, in descending order, with the
 * weighted cumulative counts {@code TP(t)} and {@code FP(t)} of the rows with {@code score >= t}
 * ({@code docs/definitions.md#curve-points}).
 *
 * <p>Everything else is derived from those three columns: the confusion matrix at any threshold in
 * O(log k) by binary search ({@link #at(double)}), {@link #averagePrecision()} and {@link #rocAuc()} in
 * O(k), and its two views, the {@link PrCurve} and the {@link RocCurve}, which nest here. Ties are
 * never split: rows with equal scores are flagged together or not at all.
 *
 * <p>Exactness. Unweighted counts are integers, so TP and FP are exact; AP and AUC are sums of exact
 * integer products divided once at the end (see each method), which keeps them exact to the last bit
 * or two even at 10^8 rows. Weighted counts are the exact sums of the weights rounded once to float64
 * ({@link ExactSum}), so they do not depend on the order of the rows: a shuffled input, or the same rows
 * summed by another engine in another grouping (setpoint-spark), gives the same bits.
 *
 * <p>Memory: 8 bytes per point for the thresholds plus 8 (unweighted, {@code int} counts) or 16
 * (weighted) for the counts. Instances are immutable and safe to share between threads.
 */
public final class Curve {

  private final double[] thresholds;
  private final Cumulative tp;
  private final Cumulative fp;
  private final double positives;
  private final double negatives;
  private final boolean weighted;

  Curve(double[] thresholds, Cumulative tp, Cumulative fp, double positives, double negatives,
      boolean weighted) {
    this.thresholds = thresholds;
    this.tp = tp;
    this.fp = fp;
    this.positives = positives;
    this.negatives = negatives;
    this.weighted = weighted;
  }

  /** Starts an empty {@link CurveBuilder}. */
  public static CurveBuilder builder() {
    return new CurveBuilder();
  }

  /**
   * Builds the curve of unweighted rows.
   *
   * @param scores finite scores
   * @param labels {@code true} for the positive class; same length as {@code scores}
   * @throws IllegalArgumentException naming the index and value of the first non-finite score, or if the
   *     lengths differ
   */
  public static Curve of(double[] scores, boolean[] labels) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(labels, "labels");
    requireSameLength("labels", scores.length, labels.length);
    // Arrays already in memory go straight into one exact array per class: no chunked buffering.
    int positives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("row " + i + ": score must be finite, was " + scores[i]);
      }
      if (labels[i]) {
        positives++;
      }
    }
    double[] pos = new double[positives];
    double[] neg = new double[scores.length - positives];
    int p = 0;
    int n = 0;
    for (int i = 0; i < scores.length; i++) {
      double score = scores[i] + 0.0; // -0.0 becomes 0.0, as in CurveBuilder#add
      if (labels[i]) {
        pos[p++] = score;
      } else {
        neg[n++] = score;
      }
    }
    return CurveBuilder.unweighted(pos, neg);
  }

  /**
   * Builds the curve of weighted rows. Rows of weight 0 change nothing.
   *
   * @param scores finite scores
   * @param labels {@code true} for the positive class
   * @param weights finite weights {@code >= 0}
   * @throws IllegalArgumentException naming the index and value of the first invalid score or weight,
   *     or if the lengths differ
   */
  public static Curve of(double[] scores, boolean[] labels, double[] weights) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(weights, "weights");
    requireSameLength("labels", scores.length, labels.length);
    requireSameLength("weights", scores.length, weights.length);
    CurveBuilder builder = new CurveBuilder();
    for (int i = 0; i < scores.length; i++) {
      addAt(builder, i, scores[i], labels[i], weights[i]);
    }
    return builder.build();
  }

  /**
   * Builds the curve of unweighted rows already counted per distinct score: {@code positives[i]} positive
   * and {@code negatives[i]} negative rows score exactly {@code thresholds[i]}. The result equals {@link
   * #of(double[], boolean[])} of those rows; a score with no rows is not a curve point and is dropped. This
   * is how a histogram of rows becomes a curve without sorting again: the bootstrap counts each replicate's
   * draws per point of the full curve and builds the replicate's curve here. O(k) time; the arrays are
   * read, not kept.
   *
   * @param thresholds finite, strictly descending
   * @param positives positive rows per threshold, each {@code >= 0}
   * @param negatives negative rows per threshold, each {@code >= 0}
   * @throws IllegalArgumentException naming the first bad index and value, if the lengths differ, or if a
   *     class totals more than {@link Integer#MAX_VALUE} rows
   */
  public static Curve ofCounts(double[] thresholds, int[] positives, int[] negatives) {
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(positives, "positives");
    Objects.requireNonNull(negatives, "negatives");
    int k = thresholds.length;
    if (positives.length != k || negatives.length != k) {
      throw new IllegalArgumentException("positives and negatives must have one count per threshold: "
          + k + " thresholds, " + positives.length + " positives, " + negatives.length + " negatives");
    }
    // Two passes, each reading as little as it can (at 10^6 points both are memory-bound): the first
    // reads only the counts, to size the result; the second checks each threshold as it copies it, and
    // the thresholds after the last occupied one are checked on their own.
    int points = 0;
    int last = -1;
    long totalPositives = 0;
    long totalNegatives = 0;
    for (int i = 0; i < k; i++) {
      int p = positives[i];
      int n = negatives[i];
      if ((p | n) < 0) {
        throw new IllegalArgumentException("counts must be >= 0, but at index " + i + " positives = "
            + p + " and negatives = " + n);
      }
      totalPositives += p;
      totalNegatives += n;
      int occupied = occupied(p, n);
      points += occupied;
      last = occupied == 1 ? i : last;
    }
    if (totalPositives > Integer.MAX_VALUE || totalNegatives > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a class may count at most " + Integer.MAX_VALUE
          + " rows, but positives total " + totalPositives + " and negatives " + totalNegatives);
    }
    double[] t = new double[points];
    int[] tp = new int[points];
    int[] fp = new int[points];
    int cumTp = 0;
    int cumFp = 0;
    int point = 0;
    double previous = Double.POSITIVE_INFINITY;
    // Branch-free compaction: every index up to the last occupied one writes its slot, and the slot
    // advances only past an occupied index, so an empty index is overwritten by the next occupied one.
    // A branch here is taken at random (a bootstrap replicate leaves about 37 % of scores empty) and its
    // mispredictions cost more than the extra stores; stopping at `last` keeps every store in bounds.
    for (int i = 0; i <= last; i++) {
      double threshold = thresholds[i];
      if (!(threshold < previous) || threshold == Double.NEGATIVE_INFINITY) {
        throw badThreshold(thresholds, i);
      }
      previous = threshold;
      int p = positives[i];
      int n = negatives[i];
      cumTp += p;
      cumFp += n;
      t[point] = threshold + 0.0; // -0.0 becomes 0.0, as in CurveBuilder#add
      tp[point] = cumTp;
      fp[point] = cumFp;
      point += occupied(p, n);
    }
    for (int i = last + 1; i < k; i++) {
      if (!(thresholds[i] < previous) || thresholds[i] == Double.NEGATIVE_INFINITY) {
        throw badThreshold(thresholds, i);
      }
      previous = thresholds[i];
    }
    return new Curve(t, new Cumulative.Counts(tp), new Cumulative.Counts(fp), cumTp, cumFp, false);
  }

  /**
   * Builds a weighted curve from its columns: {@code truePositives[i]} and {@code falsePositives[i]} are
   * the weights of the positive and negative rows with {@code score >= thresholds[i]}, each the exact
   * sum rounded once to a double, as {@link CurveBuilder} computes them ({@link ExactSum}). P and N are
   * the last point's TP and FP. This is how an engine that sums the weights elsewhere, in another order
   * (setpoint-spark's per-partition prefix sums), hands over a curve equal bit for bit to {@link
   * #of(double[], boolean[], double[])} of the same rows. O(k); the arrays are copied.
   *
   * @param thresholds finite, strictly descending
   * @param truePositives cumulative positive weight per threshold: finite, {@code >= 0}, non-decreasing
   * @param falsePositives cumulative negative weight per threshold: finite, {@code >= 0}, non-decreasing
   * @throws IllegalArgumentException naming the first bad index and value, or if the lengths differ
   */
  public static Curve ofCumulativeWeights(double[] thresholds, double[] truePositives,
      double[] falsePositives) {
    int k = thresholds.length;
    if (truePositives.length != k || falsePositives.length != k) {
      throw new IllegalArgumentException("truePositives and falsePositives must have one value per "
          + "threshold: " + k + " thresholds, " + truePositives.length + " truePositives, "
          + falsePositives.length + " falsePositives");
    }
    double[] t = new double[k];
    double previous = Double.POSITIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      if (!(thresholds[i] < previous) || thresholds[i] == Double.NEGATIVE_INFINITY) {
        throw badThreshold(thresholds, i);
      }
      previous = thresholds[i];
      t[i] = thresholds[i] + 0.0; // -0.0 becomes 0.0, as in CurveBuilder#add
    }
    requireCumulative("truePositives", truePositives);
    requireCumulative("falsePositives", falsePositives);
    double p = k == 0 ? 0 : truePositives[k - 1];
    double n = k == 0 ? 0 : falsePositives[k - 1];
    if (!Double.isFinite(p + n)) {
      throw new IllegalArgumentException("the weights sum to more than the largest double (positive"
          + " weight " + p + ", negative weight " + n + ")");
    }
    return new Curve(t, new Cumulative.Weights(truePositives.clone()),
        new Cumulative.Weights(falsePositives.clone()), p, n, true);
  }

  private static void requireCumulative(String name, double[] values) {
    double previous = 0;
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] >= previous) || values[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(name + " must be finite, >= 0 and non-decreasing, but "
            + name + "[" + i + "] = " + values[i] + (i > 0 ? " follows " + values[i - 1] : ""));
      }
      previous = values[i];
    }
  }

  /** 1 if a score has rows, 0 if not, without a branch: the sign bit of {@code -(p | n)}. */
  private static int occupied(int positives, int negatives) {
    return -(positives | negatives) >>> 31;
  }

  /** The error for the first threshold that is not finite or not below its predecessor. */
  private static IllegalArgumentException badThreshold(double[] thresholds, int i) {
    double t = thresholds[i];
    if (!Double.isFinite(t)) {
      return new IllegalArgumentException("thresholds[" + i + "] must be finite, was " + t);
    }
    return new IllegalArgumentException("thresholds must be strictly descending, but thresholds["
        + i + "] = " + t + " follows " + thresholds[i - 1]);
  }

  private static void addAt(CurveBuilder builder, int index, double score, boolean label,
      double weight) {
    try {
      builder.add(score, label, weight);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("row " + index + ": " + e.getMessage(), e);
    }
  }

  private static void requireSameLength(String name, int expected, int actual) {
    if (expected != actual) {
      throw new IllegalArgumentException(
          name + " must have one entry per score: " + expected + " scores but " + actual + " " + name);
    }
  }

  /** The number of points k, that is, of distinct scores among rows of non-zero weight. */
  public int size() {
    return thresholds.length;
  }

  /** Whether any row had a weight other than 1. */
  public boolean isWeighted() {
    return weighted;
  }

  /** P, the total positive weight. */
  public double positives() {
    return positives;
  }

  /** N, the total negative weight. */
  public double negatives() {
    return negatives;
  }

  /** The threshold of point {@code i}, the {@code i}-th largest distinct score ({@code i} from 0). */
  public double threshold(int i) {
    return thresholds[i];
  }

  /** TP at point {@code i}: the positive weight with {@code score >= threshold(i)}. */
  public double truePositives(int i) {
    return tp.get(i);
  }

  /** FP at point {@code i}: the negative weight with {@code score >= threshold(i)}. */
  public double falsePositives(int i) {
    return fp.get(i);
  }

  /** The confusion matrix at point {@code i}. */
  public Confusion confusion(int i) {
    double t = tp.get(i);
    double f = fp.get(i);
    return new Confusion(t, f, remainder(positives, t), remainder(negatives, f));
  }

  /** {@code total - part}, clamped at 0 against float64 cancellation in weighted sums. */
  private static double remainder(double total, double part) {
    return Math.max(0.0, total - part);
  }

  /**
   * The index of the last point whose threshold is {@code >= t}, or -1 if every score is below
   * {@code t}. Binary search over the descending thresholds: O(log k).
   *
   * @throws IllegalArgumentException if {@code t} is NaN
   */
  public int indexAt(double t) {
    if (Double.isNaN(t)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
    int lo = 0;
    int hi = thresholds.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (thresholds[mid] >= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * The operating point of the rule {@code score >= t} for any threshold {@code t}, not only the curve's
   * own: rows scoring exactly {@code t} are flagged. A {@code t} above every score flags nothing.
   *
   * @throws IllegalArgumentException if {@code t} is NaN
   */
  public OperatingPoint at(double t) {
    int i = indexAt(t);
    Confusion confusion = i < 0 ? new Confusion(0, 0, positives, negatives) : confusion(i);
    return new OperatingPoint(t, confusion);
  }

  /**
   * Average precision, the step sum {@code AP = Σ_k (R_k − R_{k−1}) · P_k} over the curve points with
   * {@code R_0 = 0}, no interpolation; equal to scikit-learn's {@code average_precision_score}
   * ({@code docs/definitions.md#average-precision}).
   *
   * <p>Computed as {@code (1/P) Σ_k ΔTP_k · TP_k / (TP_k + FP_k)}: the same sum with the division by P
   * done once. Every point has {@code TP_k + FP_k > 0} because points come from rows of non-zero weight.
   * O(k).
   *
   * @throws IllegalStateException if there are no positives (the error says so)
   */
  public double averagePrecision() {
    requireClass("average precision", true, false);
    double sum = 0;
    double previousTp = 0;
    for (int i = 0; i < thresholds.length; i++) {
      double t = tp.get(i);
      double deltaTp = t - previousTp;
      if (deltaTp != 0) {
        sum += deltaTp * (t / (t + fp.get(i)));
      }
      previousTp = t;
    }
    return sum / positives;
  }

  /**
   * ROC AUC, the trapezoid area under the ROC points from (0, 0) to (1, 1); equal to the Mann-Whitney
   * statistic with ties counted ½ and to scikit-learn's {@code roc_auc_score}
   * ({@code docs/definitions.md#roc-auc}).
   *
   * <p>Computed as {@code Σ_k ΔFP_k · (TP_k + TP_{k−1}) / (2·P·N)}. For unweighted data every term is an
   * integer and the sum is exact while {@code 2·P·N < 2^53} (P·N up to 4.5·10^15, e.g. 10^6 positives
   * and 10^8 negatives), so the only rounding is the final division. O(k).
   *
   * @throws IllegalStateException if there are no positives or no negatives (the error says which)
   */
  public double rocAuc() {
    requireClass("ROC AUC", true, true);
    // Weights may be any finite values: with every weight near 1e-169, P·N underflows to 0 (AUC 0/0);
    // near 1e156 it overflows. Scaling the TP column and P by 2^-exponent(P), and FP and N by
    // 2^-exponent(N), brings P and N into [1, 2). A power of two changes no significand, so the
    // quotient is bit for bit the unscaled one whenever that did not overflow or underflow, and integer
    // counts stay exact. (Found by a helper's property test on branch `goldens`.)
    double tpScale = Math.scalb(1.0, -Math.getExponent(positives));
    double fpScale = Math.scalb(1.0, -Math.getExponent(negatives));
    double twiceArea = 0;
    double previousTp = 0;
    double previousFp = 0;
    for (int i = 0; i < thresholds.length; i++) {
      double t = tp.get(i) * tpScale;
      double f = fp.get(i) * fpScale;
      twiceArea += (f - previousFp) * (t + previousTp);
      previousTp = t;
      previousFp = f;
    }
    return twiceArea / (2 * (positives * tpScale) * (negatives * fpScale));
  }

  /**
   * The precision-recall curve: the curve points in descending threshold, preceded by scikit-learn's
   * end point (threshold +∞, recall 0, precision 1), which exists for plotting and AP only
   * ({@code docs/definitions.md#pr-curve}).
   */
  public PrCurve prCurve() {
    int k = thresholds.length;
    double[] t = new double[k + 1];
    double[] precision = new double[k + 1];
    double[] recall = new double[k + 1];
    t[0] = Double.POSITIVE_INFINITY;
    precision[0] = 1.0;
    recall[0] = 0.0;
    for (int i = 0; i < k; i++) {
      double tpi = tp.get(i);
      t[i + 1] = thresholds[i];
      precision[i + 1] = Confusion.ratio(tpi, tpi + fp.get(i));
      recall[i + 1] = Confusion.ratio(tpi, positives);
    }
    return new PrCurve(t, precision, recall);
  }

  /**
   * The ROC curve: the point (FPR 0, TPR 0) at threshold +∞, then one point per distinct score in
   * descending threshold. Nothing is dropped ({@code roc_curve(drop_intermediate=False)} in
   * scikit-learn terms). FPR is undefined (NaN) without negatives, TPR without positives.
   */
  public RocCurve rocCurve() {
    int k = thresholds.length;
    double[] t = new double[k + 1];
    double[] fpr = new double[k + 1];
    double[] tpr = new double[k + 1];
    t[0] = Double.POSITIVE_INFINITY;
    fpr[0] = Confusion.ratio(0, negatives);
    tpr[0] = Confusion.ratio(0, positives);
    for (int i = 0; i < k; i++) {
      t[i + 1] = thresholds[i];
      fpr[i + 1] = Confusion.ratio(fp.get(i), negatives);
      tpr[i + 1] = Confusion.ratio(tp.get(i), positives);
    }
    return new RocCurve(t, fpr, tpr);
  }

  /**
   * This curve as it would be at a deployment prevalence π' different from the sample's: every positive
   * count is scaled by {@code π'·T/P} and every negative count by {@code (1−π')·T/N}, keeping the total
   * weight T = P + N. Recall, FPR and the thresholds are unchanged; precision becomes {@code
   * TPR·π' / (TPR·π' + FPR·(1−π'))} and counts are expected counts per T rows at the new base rate
   * ({@code docs/definitions.md#deployment-prevalence}). O(k).
   *
   * @param prevalence π', in (0, 1)
   * @throws IllegalArgumentException if π' is not in (0, 1)
   * @throws IllegalStateException if the curve lacks positives or negatives
   */
  public Curve atPrevalence(double prevalence) {
    if (!(prevalence > 0 && prevalence < 1)) {
      throw new IllegalArgumentException("prevalence must be in (0, 1), was " + prevalence);
    }
    requireClass("reweighting to a deployment prevalence", true, true);
    double total = positives + negatives;
    double a = prevalence * total / positives;
    double b = (1 - prevalence) * total / negatives;
    int k = thresholds.length;
    double[] scaledTp = new double[k];
    double[] scaledFp = new double[k];
    for (int i = 0; i < k; i++) {
      scaledTp[i] = tp.get(i) * a;
      scaledFp[i] = fp.get(i) * b;
    }
    return new Curve(thresholds, new Cumulative.Weights(scaledTp), new Cumulative.Weights(scaledFp),
        positives * a, negatives * b, true);
  }

  private void requireClass(String metric, boolean needsPositives, boolean needsNegatives) {
    boolean noPositives = needsPositives && !(positives > 0);
    boolean noNegatives = needsNegatives && !(negatives > 0);
    if (noPositives || noNegatives) {
      String missing = noPositives && noNegatives ? "no rows at all"
          : noPositives ? "no positives" : "no negatives";
      throw new IllegalStateException(metric + " needs "
          + (needsNegatives ? "both positives and negatives" : "positives")
          + ", but the data has " + missing
          + " (positive weight " + positives + ", negative weight " + negatives + ")");
    }
  }

  @Override
  public String toString() {
    return "Curve[points=" + thresholds.length + ", positives=" + positives
        + ", negatives=" + negatives + (weighted ? ", weighted" : "") + "]";
  }

  /**
   * The precision-recall curve in descending threshold. Index 0 is scikit-learn's end point (threshold
   * +∞, precision 1, recall 0), kept for plotting and AP only; index {@code i + 1} is curve point
   * {@code i}. Arrays are copied in and out; two curves are equal when every array is equal element
   * by element.
   */
  public static final class PrCurve extends ThresholdColumns {

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

  /**
   * The ROC curve in descending threshold. Index 0 is (FPR 0, TPR 0) at threshold +∞; index {@code
   * i + 1} is curve point {@code i}; the last point is (1, 1). Arrays are copied in and out; two curves
   * are equal when every array is equal element by element.
   */
  public static final class RocCurve extends ThresholdColumns {

    /**
     * Copies the arrays and checks they have one entry per threshold.
     *
     * @param thresholds descending; {@code thresholds[0] = +Infinity}
     * @param falsePositiveRate FPR at each threshold (NaN without negatives)
     * @param truePositiveRate TPR at each threshold (NaN without positives)
     */
    public RocCurve(double[] thresholds, double[] falsePositiveRate, double[] truePositiveRate) {
      super("falsePositiveRate", "truePositiveRate", thresholds, falsePositiveRate,
          truePositiveRate);
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
}

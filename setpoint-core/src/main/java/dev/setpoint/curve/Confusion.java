package dev.setpoint.curve;

/**
 * The weighted confusion matrix at one threshold, under the decision rule {@code score >= t}.
 *
 * <p>Counts are sums of weights (plain counts when every weight is 1). Each derived metric states its
 * formula and its value when the denominator is zero: <em>undefined</em>, returned as {@link Double#NaN},
 * which never satisfies a constraint ({@code docs/definitions.md#undefined-values}).
 *
 * @param truePositives TP, the positive weight with {@code score >= t}
 * @param falsePositives FP, the negative weight with {@code score >= t}
 * @param falseNegatives FN = P − TP
 * @param trueNegatives TN = N − FP
 */
public record Confusion(
    double truePositives, double falsePositives, double falseNegatives, double trueNegatives) {

  /** Validates that every count is finite and {@code >= 0}. */
  public Confusion {
    requireCount("truePositives", truePositives);
    requireCount("falsePositives", falsePositives);
    requireCount("falseNegatives", falseNegatives);
    requireCount("trueNegatives", trueNegatives);
  }

  private static void requireCount(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
    }
  }

  /** P = TP + FN, the total positive weight. */
  public double positives() {
    return truePositives + falseNegatives;
  }

  /** N = FP + TN, the total negative weight. */
  public double negatives() {
    return falsePositives + trueNegatives;
  }

  /** TP + FP, the weight flagged positive. */
  public double flagged() {
    return truePositives + falsePositives;
  }

  /** P + N, the total weight. */
  public double total() {
    return positives() + negatives();
  }

  /**
   * Precision {@code TP / (TP + FP)}; undefined (NaN) when nothing is flagged.
   * See {@code docs/definitions.md#precision}.
   */
  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /**
   * Recall (true positive rate) {@code TP / P}; undefined (NaN) when there are no positives.
   * See {@code docs/definitions.md#recall}.
   */
  public double recall() {
    return ratio(truePositives, positives());
  }

  /**
   * False positive rate {@code FP / N}; undefined (NaN) when there are no negatives.
   * See {@code docs/definitions.md#false-positive-rate}.
   */
  public double falsePositiveRate() {
    return ratio(falsePositives, negatives());
  }

  /**
   * Specificity (true negative rate) {@code TN / N}; undefined (NaN) when there are no negatives.
   */
  public double specificity() {
    return ratio(trueNegatives, negatives());
  }

  /**
   * F-beta {@code (1+β²)TP / ((1+β²)TP + β²FN + FP)}; undefined (NaN) when TP = FN = FP = 0.
   * See {@code docs/definitions.md#f-beta}.
   *
   * @param beta the weight of recall relative to precision, finite and {@code > 0}
   */
  public double fBeta(double beta) {
    if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("beta must be finite and > 0, was " + beta);
    }
    double b2 = beta * beta;
    double numerator = (1 + b2) * truePositives;
    return ratio(numerator, numerator + b2 * falseNegatives + falsePositives);
  }

  /** F1, the harmonic mean of precision and recall: {@link #fBeta(double) fBeta(1)}. */
  public double f1() {
    return fBeta(1.0);
  }

  /**
   * Flag rate {@code (TP + FP) / (P + N)}; undefined (NaN) when the total weight is zero.
   * See {@code docs/definitions.md#flag-rate}.
   */
  public double flagRate() {
    return ratio(flagged(), total());
  }

  /** {@code numerator / denominator}, or NaN when the denominator is zero (never ±Infinity). */
  static double ratio(double numerator, double denominator) {
    return denominator == 0 ? Double.NaN : numerator / denominator;
  }
}

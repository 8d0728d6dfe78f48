package dev.setpoint.calibrate;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A calibration set after validation: the rows of non-zero weight, with {@code -0.0} turned into
 * {@code 0.0}, and the class totals. Every fitting method starts here, so inputs are checked once, at
 * the edge, with the same messages as {@code Curve.of} ("row 3: score must be finite, was NaN"); the
 * fitting code trusts what it receives.
 *
 * <p>Rows of weight 0 are dropped, as in the curve engine and in scikit-learn's {@code
 * IsotonicRegression}: they cannot change a weighted fit, and they must not create an isotonic knot.
 */
final class Rows {

  final double[] scores;
  final boolean[] labels;
  final double[] weights;
  final double positives;
  final double negatives;
  final double minScore;
  final double maxScore;

  private Rows(double[] scores, boolean[] labels, double[] weights, double positives,
      double negatives, double minScore, double maxScore) {
    this.scores = scores;
    this.labels = labels;
    this.weights = weights;
    this.positives = positives;
    this.negatives = negatives;
    this.minScore = minScore;
    this.maxScore = maxScore;
  }

  /**
   * Validates and copies a calibration set.
   *
   * @param method the method's name for messages, e.g. "Platt scaling"
   * @param weights {@code null} for unweighted rows
   * @throws IllegalArgumentException naming the first bad row and value, a length mismatch, or a
   *     missing class
   */
  static Rows of(String method, double[] scores, boolean[] labels, double @Nullable [] weights) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(labels, "labels");
    requireSameLength("labels", scores.length, labels.length);
    if (weights != null) {
      requireSameLength("weights", scores.length, weights.length);
    }
    int kept = 0;
    for (int i = 0; i < scores.length; i++) {
      requireFiniteScore(i, scores[i]);
      if (weights != null) {
        double w = weights[i];
        if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
          throw new IllegalArgumentException("row " + i + ": weight must be finite and >= 0, was " + w);
        }
        if (w == 0) {
          continue;
        }
      }
      kept++;
    }
    double[] s = new double[kept];
    boolean[] y = new boolean[kept];
    double[] w = new double[kept];
    double positives = 0;
    double negatives = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int j = 0;
    for (int i = 0; i < scores.length; i++) {
      double weight = weights == null ? 1.0 : weights[i];
      if (weight == 0) {
        continue;
      }
      // -0.0 + 0.0 == +0.0: one representation per tied value, as in CurveBuilder#add.
      double score = scores[i] + 0.0;
      s[j] = score;
      y[j] = labels[i];
      w[j] = weight;
      if (labels[i]) {
        positives += weight;
      } else {
        negatives += weight;
      }
      min = Math.min(min, score);
      max = Math.max(max, score);
      j++;
    }
    Rows rows = new Rows(s, y, w, positives, negatives, min, max);
    rows.requireBothClasses(method);
    return rows;
  }

  static void requireFiniteScore(int index, double score) {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("row " + index + ": score must be finite, was " + score);
    }
  }

  static void requireSameLength(String name, int expected, int actual) {
    if (expected != actual) {
      throw new IllegalArgumentException(
          name + " must have one entry per score: " + expected + " scores but " + actual + " " + name);
    }
  }

  /** The number of rows of non-zero weight. */
  int size() {
    return scores.length;
  }

  /** Whether every kept row has the same score. */
  boolean singleScore() {
    return minScore == maxScore;
  }

  private void requireBothClasses(String method) {
    boolean noPositives = !(positives > 0);
    boolean noNegatives = !(negatives > 0);
    if (noPositives || noNegatives) {
      String missing = noPositives && noNegatives ? "no rows of non-zero weight"
          : noPositives ? "no positives" : "no negatives";
      throw new IllegalArgumentException(method + " needs both positives and negatives, but the data "
          + "has " + missing + " (positive weight " + positives + ", negative weight " + negatives
          + ")");
    }
  }
}

package dev.setpoint.curve;

import java.util.Arrays;

/**
 * The textbook O(n·k) reference: for every distinct score t, sum the weights with {@code score >= t} by
 * class; AP and AUC from those points by their defining formulas, and AUC again by the O(n²) pairwise
 * Mann-Whitney count with ties ½. Slow and obviously right, for property tests on small inputs.
 */
final class NaiveCurve {

  final double[] thresholds;
  final double[] tp;
  final double[] fp;
  final double positives;
  final double negatives;
  private final double[] scores;
  private final boolean[] labels;
  private final double[] weights;

  NaiveCurve(double[] scores, boolean[] labels, double[] weights) {
    this.scores = scores;
    this.labels = labels;
    this.weights = weights;
    double p = 0;
    double n = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i]) {
        p += weights[i];
      } else {
        n += weights[i];
      }
    }
    positives = p;
    negatives = n;
    thresholds = Arrays.stream(indicesWithWeight()).mapToDouble(i -> scores[i] + 0.0).distinct()
        .boxed().sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue).toArray();
    tp = new double[thresholds.length];
    fp = new double[thresholds.length];
    for (int k = 0; k < thresholds.length; k++) {
      double[] counts = countsAt(thresholds[k]);
      tp[k] = counts[0];
      fp[k] = counts[1];
    }
  }

  private int[] indicesWithWeight() {
    return java.util.stream.IntStream.range(0, scores.length).filter(i -> weights[i] != 0).toArray();
  }

  /** {TP, FP} of the rule score >= t, by a full scan. */
  double[] countsAt(double t) {
    double tpSum = 0;
    double fpSum = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= t) {
        if (labels[i]) {
          tpSum += weights[i];
        } else {
          fpSum += weights[i];
        }
      }
    }
    return new double[] {tpSum, fpSum};
  }

  /** AP = Σ (R_k − R_{k−1}) · P_k over the points. */
  double averagePrecision() {
    double ap = 0;
    double previousRecall = 0;
    for (int k = 0; k < thresholds.length; k++) {
      double recall = tp[k] / positives;
      ap += (recall - previousRecall) * (tp[k] / (tp[k] + fp[k]));
      previousRecall = recall;
    }
    return ap;
  }

  /** Trapezoid area under (FPR, TPR) from (0, 0). */
  double rocAucTrapezoid() {
    double area = 0;
    double x0 = 0;
    double y0 = 0;
    for (int k = 0; k < thresholds.length; k++) {
      double x = fp[k] / negatives;
      double y = tp[k] / positives;
      area += (x - x0) * (y + y0) / 2;
      x0 = x;
      y0 = y;
    }
    return area;
  }

  /** P(score+ > score−) + ½ P(tie), weighted, over all pairs. */
  double rocAucPairwise() {
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!labels[i]) {
        continue;
      }
      for (int j = 0; j < scores.length; j++) {
        if (labels[j]) {
          continue;
        }
        double w = weights[i] * weights[j];
        if (scores[i] > scores[j]) {
          sum += w;
        } else if (scores[i] == scores[j]) {
          sum += w / 2;
        }
      }
    }
    return sum / (positives * negatives);
  }
}

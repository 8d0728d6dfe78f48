package dev.setpoint.select;

import dev.setpoint.curve.Curve;

/**
 * Maximise F-beta over the curve's thresholds ({@code docs/definitions.md#f-beta}). Syntax: {@code f1},
 * {@code fbeta=0.5}.
 *
 * <p>One pass over the k curve points, O(k). Ties go to the highest threshold; the lowest tied threshold
 * is reported as the plateau. Without positives F-beta is 0 or undefined everywhere, so the answer is
 * {@code Infeasible} rather than an arbitrary threshold.
 *
 * @param beta the weight of recall relative to precision, finite and {@code > 0}; 1 for F1
 */
record MaxFBeta(double beta) implements Objective {

  /** Validates beta. */
  MaxFBeta {
    if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("beta must be finite and > 0, was " + beta);
    }
  }

  @Override
  public Measure measure() {
    return Measure.F_BETA;
  }

  @Override
  public Selection select(Curve curve) {
    return Scan.withoutPositives(curve, () -> "F" + Scan.fmt(beta)
        + " is 0 or undefined at every threshold").orElseGet(() -> {
          Scan.Best best = Scan.max(curve, i -> curve.confusion(i).fBeta(beta));
          return best.feasible(curve, best.value());
        });
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, c -> c.fBeta(beta));
  }

  @Override
  public String syntax() {
    return beta == 1.0 ? "f1" : "fbeta=" + Scan.plain(beta);
  }

  @Override
  public String valueName() {
    return beta == 1 ? "F1" : "F" + Scan.significant(beta, 6);
  }

  /** F-beta grows with TP and falls with FP: each box's best is a corner. */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    return Cells.atCorners(positives, negatives, false, c -> c.fBeta(beta));
  }
}

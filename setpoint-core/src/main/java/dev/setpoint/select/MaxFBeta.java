package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;

/**
 * The objective "maximise F-beta" over the curve's thresholds ({@code docs/definitions.md#f-beta}).
 *
 * <p>One pass over the k curve points, O(k). Points where F-beta is undefined (TP = FN = FP = 0) are
 * never chosen. Ties go to the highest threshold; the lowest tied threshold is reported as the plateau.
 *
 * @param beta the weight of recall relative to precision, finite and {@code > 0}; 1 for F1
 */
public record MaxFBeta(double beta) {

  /** Validates beta. */
  public MaxFBeta {
    if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("beta must be finite and > 0, was " + beta);
    }
  }

  /** Selects the threshold with the largest F-beta. */
  public Selection select(Curve curve) {
    if (curve.size() == 0) {
      return new Selection.Infeasible(
          "the data has no rows of non-zero weight, so there is no threshold to choose");
    }
    if (!(curve.positives() > 0)) {
      // F-beta is 0 wherever anything is flagged: every threshold "ties", and choosing one is noise.
      return new Selection.Infeasible("the data has no positives, so F" + beta
          + " is 0 or undefined at every threshold");
    }
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    int lowestTied = -1;
    for (int i = 0; i < curve.size(); i++) {
      double value = curve.confusion(i).fBeta(beta);
      if (value > bestValue) {
        best = i;
        bestValue = value;
        lowestTied = i;
      } else if (value == bestValue) {
        lowestTied = i; // descending thresholds: a later equal point is a lower tied threshold
      }
    }
    Confusion confusion = curve.confusion(best);
    return new Selection.Feasible(new OperatingPoint(curve.threshold(best), confusion),
        curve.threshold(lowestTied), bestValue);
  }
}

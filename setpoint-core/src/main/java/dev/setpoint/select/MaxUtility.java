package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;

/**
 * Maximise expected utility {@code tp·TP + fp·FP + fn·FN + tn·TN}: the same decision as {@link MinCost}
 * with the signs turned, for teams that think in value ("a caught fraud saves 120, a review costs 4").
 * Syntax: {@code utility:tp=120,fp=-4}. "Flag nothing" is a candidate. The objective value is the
 * utility.
 *
 * @param tp utility of a true positive
 * @param fp utility of a false positive (usually negative)
 * @param fn utility of a false negative (usually negative or 0)
 * @param tn utility of a true negative
 */
record MaxUtility(double tp, double fp, double fn, double tn) implements Objective {

  /** Validates that every utility is finite and that they can tell thresholds apart. */
  MaxUtility {
    for (double u : new double[] {tp, fp, fn, tn}) {
      if (!Double.isFinite(u)) {
        throw new IllegalArgumentException("utilities must be finite, was " + u);
      }
    }
    MinCost.distinguishes("utilities", fn, fp, tp, tn);
  }

  @Override
  public Measure measure() {
    return Measure.UTILITY;
  }

  /** The total utility of a confusion matrix. */
  double utility(Confusion c) {
    return tp * c.truePositives() + fp * c.falsePositives() + fn * c.falseNegatives()
        + tn * c.trueNegatives();
  }

  @Override
  public Selection select(Curve curve) {
    return MinCost.lowest(curve, c -> -utility(c), true);
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, this::utility);
  }

  @Override
  public String syntax() {
    return MinCost.syntax("utility:tp=" + Scan.plain(tp) + ",fp=" + Scan.plain(fp),
        "fn", fn, "tn", tn);
  }

  /** The utility is linear in the counts: the most over "flag nothing" and each box's best corner. */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    return Cells.linear(positives, negatives, tp - fn > 0, fp - tn > 0, this::utility);
  }
}

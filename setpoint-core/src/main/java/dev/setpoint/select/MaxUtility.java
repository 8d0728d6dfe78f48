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
public record MaxUtility(double tp, double fp, double fn, double tn) implements Objective {

  /** Validates like {@link MinCost}. */
  public MaxUtility {
    new MinCost(-fn, -fp, -tp, -tn); // same checks, same messages
  }

  /** The total utility of a confusion matrix. */
  public double utility(Confusion c) {
    return tp * c.truePositives() + fp * c.falsePositives() + fn * c.falseNegatives()
        + tn * c.trueNegatives();
  }

  @Override
  public Selection select(Curve curve) {
    if (curve.size() == 0) {
      return Scan.empty();
    }
    return MinCost.lowest(curve, c -> -utility(c), true);
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, this::utility);
  }

  @Override
  public String syntax() {
    StringBuilder sb = new StringBuilder("utility:");
    String sep = "";
    for (String[] cell : new String[][] {{"tp", Scan.plain(tp)}, {"fp", Scan.plain(fp)},
        {"fn", Scan.plain(fn)}, {"tn", Scan.plain(tn)}}) {
      if (!cell[1].equals("0")) {
        sb.append(sep).append(cell[0]).append('=').append(cell[1]);
        sep = ",";
      }
    }
    return sb.toString();
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Curve;
import java.util.Objects;

/**
 * Minimise expected cost when costs differ per example: a missed fraud costs its transaction amount, a
 * needless review costs the analyst's time ({@code docs/definitions.md#example-costs}).
 *
 * <p>The costs come as a second curve over the same rows, the <em>cost curve</em>: each positive row
 * weighs the cost of missing it, each negative row the cost of flagging it. Then the cost of the rule
 * {@code score >= t} is {@code (P_c − TP_c(t)) + FP_c(t)} in the cost curve's sums — missed positives'
 * costs plus flagged negatives' costs — one pass over its points, plus "flag nothing" (cost {@code
 * P_c}). The chosen threshold is a cost-curve point (or +∞); the confusion matrix reported is the count
 * curve's at that threshold, so counts stay counts. Rows of zero cost do not create cost-curve points,
 * and need not: between two cost points the cost is constant, and the highest threshold of a plateau is
 * always a cost point. Ties go to the higher threshold.
 */
public final class ExampleCosts {

  private ExampleCosts() {}

  /**
   * Chooses the threshold of least total cost.
   *
   * @param counts the curve of the rows with their ordinary weights (counts)
   * @param costs the cost curve of the same rows: positives weigh their miss cost, negatives their
   *     flag cost
   */
  public static Selection select(Curve counts, Curve costs) {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(costs, "costs");
    if (counts.size() == 0) {
      return Scan.empty();
    }
    double missAll = costs.positives();
    // Largest value = least cost; "flag nothing" is above every point, so it is compared first.
    Scan.Best best = Scan.max(costs, i -> -(missAll - costs.truePositives(i) + costs.falsePositives(i)));
    double nothing = missAll;
    if (!best.found() || nothing <= -best.value()) {
      double lowestTied = best.found() && nothing == -best.value()
          ? costs.threshold(best.lowestTied()) : Double.POSITIVE_INFINITY;
      return new Selection.Feasible(counts.at(Double.POSITIVE_INFINITY), lowestTied, nothing);
    }
    double threshold = costs.threshold(best.best());
    return new Selection.Feasible(counts.at(threshold), costs.threshold(best.lowestTied()),
        -best.value());
  }
}

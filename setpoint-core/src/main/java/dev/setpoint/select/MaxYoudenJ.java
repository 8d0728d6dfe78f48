package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;

/**
 * Maximise Youden's J = recall − false positive rate (= sensitivity + specificity − 1), the point of the
 * ROC curve farthest above the diagonal. Syntax: {@code youden}. Needs both classes.
 */
record MaxYoudenJ() implements Objective {

  @Override
  public Measure measure() {
    return Measure.YOUDENS_J;
  }

  @Override
  public Selection select(Curve curve) {
    return Scan.withoutBothClasses(curve, "Youden's J needs both positives and negatives, but the data "
        + "has").orElseGet(() -> {
          Scan.Best best = Scan.max(curve, i -> j(curve.confusion(i)));
          return best.feasible(curve, best.value());
        });
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, MaxYoudenJ::j);
  }

  @Override
  public String syntax() {
    return "youden";
  }

  /** J grows with TP and falls with FP: each box's best is a corner. */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    return Cells.atCorners(positives, negatives, true, MaxYoudenJ::j);
  }

  private static double j(Confusion c) {
    return c.recall() - c.falsePositiveRate();
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Curve;

/**
 * Maximise Youden's J = recall − false positive rate (= sensitivity + specificity − 1), the point of the
 * ROC curve farthest above the diagonal. Syntax: {@code youden}. Needs both classes.
 */
public record MaxYoudenJ() implements Objective {

  @Override
  public Selection select(Curve curve) {
    if (curve.size() == 0) {
      return Scan.empty();
    }
    if (!(curve.positives() > 0 && curve.negatives() > 0)) {
      return new Selection.Infeasible("Youden's J needs both positives and negatives, but the data has "
          + (curve.positives() > 0 ? "no negatives" : "no positives"));
    }
    Scan.Best best = Scan.max(curve, i -> curve.confusion(i).recall()
        - curve.confusion(i).falsePositiveRate());
    return best.feasible(curve, best.value());
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, c -> c.recall() - c.falsePositiveRate());
  }

  @Override
  public String syntax() {
    return "youden";
  }
}

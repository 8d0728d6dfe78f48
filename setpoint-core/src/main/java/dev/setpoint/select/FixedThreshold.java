package dev.setpoint.select;

import dev.setpoint.curve.Curve;

/**
 * A threshold stated outright: {@code score >= threshold} is flagged. Syntax: {@code threshold=0.5}.
 * Always feasible; the objective value is the threshold itself. Useful to report the confusion matrix of
 * the rule in production today next to the alternatives.
 *
 * @param threshold any non-NaN value; it need not be a curve point
 */
public record FixedThreshold(double threshold) implements Objective {

  /** Validates the threshold. */
  public FixedThreshold {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
  }

  @Override
  public Selection select(Curve curve) {
    return new Selection.Feasible(curve.at(threshold), threshold, threshold);
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, c -> threshold);
  }

  @Override
  public String syntax() {
    return "threshold=" + threshold;
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Curve;
import java.util.OptionalDouble;

/**
 * A threshold stated outright: {@code score >= threshold} is flagged. Syntax: {@code threshold=0.5}.
 * Always feasible; the objective value is the threshold itself. Useful to report the confusion matrix of
 * the rule in production today next to the alternatives.
 *
 * @param threshold any non-NaN value; it need not be a curve point
 */
record FixedThreshold(double threshold) implements Objective {

  /** Validates the threshold. */
  FixedThreshold {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
  }

  @Override
  public Measure measure() {
    return Measure.THRESHOLD;
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

  @Override
  public OptionalDouble fixedThreshold() {
    return OptionalDouble.of(threshold);
  }

  /** Refuses: a stated threshold chooses nothing, so there is no optimum to bound. */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    throw new IllegalArgumentException(syntax() + " chooses nothing, so it has no optimum to bound");
  }
}

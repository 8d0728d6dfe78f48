package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import java.util.Optional;

/**
 * The obviously-right reference for the constrained objectives: at every distinct threshold, compute
 * the objective and feasibility from the confusion matrix obtained by {@link Curve#at} (the rule
 * {@code score >= t} applied afresh), then take the best with the highest-threshold tie rule, written as
 * plainly as possible: collect the best value first, then the first and last thresholds having it.
 */
final class BruteForce {

  private BruteForce() {}

  static Selection select(Objective objective, Curve curve) {
    if (objective instanceof MaxRateAtFloor m && m.floor().rate() == Objective.Constraint.Rate.PRECISION) {
      double p = m.floor().floor();
      return best(curve, c -> c.precision() >= p ? c.recall() : Double.NaN,
          () -> nearestPrecision(curve, p));
    }
    if (objective instanceof MaxFBeta f) {
      return best(curve, c -> c.fBeta(f.beta()), null);
    }
    if (objective instanceof MaxRateAtFloor m) { // a recall floor
      double r = m.floor().floor();
      return best(curve, c -> c.recall() >= r ? c.precision() : Double.NaN, null);
    }
    if (objective instanceof MaxYoudenJ) {
      return best(curve, c -> c.recall() - c.falsePositiveRate(), null);
    }
    throw new IllegalArgumentException("no brute-force reference for " + objective.syntax());
  }

  private static Selection best(Curve curve, java.util.function.ToDoubleFunction<Confusion> value,
      java.util.function.Supplier<Selection> infeasible) {
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < curve.size(); i++) {
      double v = value.applyAsDouble(curve.at(curve.threshold(i)).confusion());
      if (!Double.isNaN(v) && v > bestValue) {
        bestValue = v;
      }
    }
    if (bestValue == Double.NEGATIVE_INFINITY) {
      return infeasible.get();
    }
    double highest = Double.NaN;
    double lowest = Double.NaN;
    for (int i = 0; i < curve.size(); i++) {
      double t = curve.threshold(i);
      if (value.applyAsDouble(curve.at(t).confusion()) == bestValue) {
        highest = Double.isNaN(highest) ? t : highest;
        lowest = t;
      }
    }
    return new Selection.Feasible(curve.at(highest), lowest, bestValue);
  }

  private static Selection nearestPrecision(Curve curve, double target) {
    int nearest = 0;
    for (int i = 1; i < curve.size(); i++) {
      Confusion c = curve.at(curve.threshold(i)).confusion();
      Confusion n = curve.at(curve.threshold(nearest)).confusion();
      if (c.precision() > n.precision() || (c.precision() == n.precision() && c.recall() > n.recall())) {
        nearest = i;
      }
    }
    OperatingPoint p = curve.at(curve.threshold(nearest));
    Confusion c = p.confusion();
    return new Selection.Infeasible("no threshold reaches precision " + Scan.fmt(target)
        + "; the highest precision is " + Scan.rate(c.precision()) + " (recall "
        + Scan.rate(c.recall()) + ", threshold " + p.threshold() + ")", Optional.of(p));
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;

/**
 * Maximise precision subject to recall ≥ r. Syntax: {@code precision@recall>=0.8}.
 *
 * <p>Recall only grows as the threshold falls, so the feasible points are the lower part of the curve;
 * precision is not monotone there, so all of them are checked (O(k)). Ties in precision go to the highest
 * threshold. With positives present, flagging everything reaches recall 1, so any r in (0, 1] is
 * feasible.
 *
 * @param minRecall r, in (0, 1]
 */
public record PrecisionAtRecall(double minRecall) implements Objective {

  /** Validates r. */
  public PrecisionAtRecall {
    if (!(minRecall > 0 && minRecall <= 1)) {
      throw new IllegalArgumentException("recall target must be in (0, 1], was " + minRecall);
    }
  }

  @Override
  public Selection select(Curve curve) {
    if (curve.size() == 0) {
      return Scan.empty();
    }
    if (!(curve.positives() > 0)) {
      return new Selection.Infeasible("the data has no positives, so recall is undefined");
    }
    Scan.Best best = Scan.max(curve, i -> {
      Confusion c = curve.confusion(i);
      return c.recall() >= minRecall ? c.precision() : Double.NaN;
    });
    return best.feasible(curve, best.value());
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, c -> c.precision());
  }

  @Override
  public String syntax() {
    return "precision@recall>=" + Scan.plain(minRecall);
  }
}

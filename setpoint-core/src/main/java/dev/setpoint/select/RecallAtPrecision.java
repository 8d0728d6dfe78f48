package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import java.util.Optional;

/**
 * Maximise recall subject to precision ≥ p. Syntax: {@code recall@precision>=0.95}.
 *
 * <p>Precision is not monotone in the threshold, so every curve point is checked (O(k)); a point with
 * undefined precision never qualifies ({@code docs/definitions.md#undefined-values}). The constraint is
 * {@code TP / (TP + FP) >= p} with the division correctly rounded. Among points with the largest recall
 * (the same TP) the highest threshold wins: fewer false positives for the same catch.
 *
 * <p>Infeasible when no point reaches p; the answer then names the highest precision that is reachable,
 * with its recall and threshold, and carries that point as the nearest.
 *
 * @param minPrecision p, in (0, 1]
 */
public record RecallAtPrecision(double minPrecision) implements Objective {

  /** Validates p. */
  public RecallAtPrecision {
    if (!(minPrecision > 0 && minPrecision <= 1)) {
      throw new IllegalArgumentException("precision target must be in (0, 1], was " + minPrecision);
    }
  }

  @Override
  public Selection select(Curve curve) {
    if (curve.size() == 0) {
      return Scan.empty();
    }
    if (!(curve.positives() > 0)) {
      return new Selection.Infeasible("the data has no positives, so no threshold reaches precision "
          + Scan.fmt(minPrecision));
    }
    Scan.Best best = Scan.max(curve, i -> {
      Confusion c = curve.confusion(i);
      return c.precision() >= minPrecision ? c.recall() : Double.NaN;
    });
    if (best.found()) {
      return best.feasible(curve, best.value());
    }
    // Nearest: the highest precision anywhere; among equal precision, the larger recall.
    int nearest = 0;
    Confusion c = curve.confusion(0);
    for (int i = 1; i < curve.size(); i++) {
      Confusion candidate = curve.confusion(i);
      if (candidate.precision() > c.precision()
          || (candidate.precision() == c.precision() && candidate.recall() > c.recall())) {
        nearest = i;
        c = candidate;
      }
    }
    return new Selection.Infeasible("no threshold reaches precision " + Scan.fmt(minPrecision)
        + "; the highest precision is " + Scan.rate(c.precision()) + " (recall "
        + Scan.rate(c.recall()) + ", threshold " + curve.threshold(nearest) + ")",
        Optional.of(new OperatingPoint(curve.threshold(nearest), c)));
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, c -> c.recall());
  }

  @Override
  public String syntax() {
    return "recall@precision>=" + Scan.plain(minPrecision);
  }
}

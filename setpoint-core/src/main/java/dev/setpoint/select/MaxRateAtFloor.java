package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * Maximise one rate while the other holds a floor: recall subject to precision ≥ p ({@code
 * recall@precision>=0.95}), or precision subject to recall ≥ r ({@code precision@recall>=0.8}). The two
 * are one rule with the rates swapped, so they are one objective.
 *
 * <p>Neither rate is monotone in the threshold together with the other, so every curve point is checked
 * (O(k)); a point where the held rate is undefined never qualifies ({@code
 * docs/definitions.md#undefined-values}). The floor is {@code TP / (TP + FP) >= p} (or {@code TP / P >=
 * r}) with the division correctly rounded. Among points with the largest maximised rate the highest
 * threshold wins: for recall, the same TP with fewer false positives.
 *
 * <p>Infeasible when no point reaches the floor; the answer then names the highest value of the held
 * rate that is reachable, with the other rate and the threshold, and carries that point as the
 * nearest. Only a precision floor can be out of reach: with positives present, flagging everything
 * reaches recall 1.
 *
 * @param floor the rate held and its floor, in (0, 1]
 */
record MaxRateAtFloor(Constraint floor) implements Objective {

  /** Checks presence; the constraint validated its floor. */
  MaxRateAtFloor {
    Objects.requireNonNull(floor, "floor");
  }

  /** Recall for a precision floor, precision for a recall floor. */
  @Override
  public Measure measure() {
    return held() == Constraint.Rate.PRECISION ? Measure.RECALL : Measure.PRECISION;
  }

  @Override
  public Selection select(Curve curve) {
    return Scan.withoutPositives(curve, () -> held() == Constraint.Rate.PRECISION
        ? "no threshold reaches precision " + Scan.fmt(floor.floor()) : "recall is undefined")
        .orElseGet(() -> choose(curve));
  }

  /** The choice on a curve with positives. */
  private Selection choose(Curve curve) {
    Scan.Best best = Scan.max(curve, i -> allowed(curve.confusion(i)));
    if (best.found()) {
      return best.feasible(curve, best.value());
    }
    // Nearest: the highest held rate anywhere; among equal ones, the larger maximised rate.
    int nearest = 0;
    Confusion c = curve.confusion(0);
    for (int i = 1; i < curve.size(); i++) {
      Confusion candidate = curve.confusion(i);
      if (heldRate(candidate) > heldRate(c)
          || (heldRate(candidate) == heldRate(c) && maximised(candidate) > maximised(c))) {
        nearest = i;
        c = candidate;
      }
    }
    String held = held().label();
    String other = measure().label();
    return new Selection.Infeasible("no threshold reaches " + held + " " + Scan.fmt(floor.floor())
        + "; the highest " + held + " is " + Scan.rate(heldRate(c)) + " (" + other + " "
        + Scan.rate(maximised(c)) + ", threshold " + curve.threshold(nearest) + ")",
        Optional.of(new OperatingPoint(curve.threshold(nearest), c)));
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, this::maximised);
  }

  @Override
  public String syntax() {
    String value = Scan.plain(floor.floor());
    return held() == Constraint.Rate.PRECISION ? "recall@precision>=" + value
        : "precision@recall>=" + value;
  }

  @Override
  public Optional<Constraint> constraint() {
    return Optional.of(floor);
  }

  /**
   * The maximised rate grows with TP and falls (or stays) with FP, and the floor is easiest there too:
   * each box's best is a corner.
   */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    return Cells.atCorners(positives, negatives, false, this::allowed);
  }

  private Constraint.Rate held() {
    return floor.rate();
  }

  private double heldRate(Confusion c) {
    return held() == Constraint.Rate.PRECISION ? c.precision() : c.recall();
  }

  private double maximised(Confusion c) {
    return held() == Constraint.Rate.PRECISION ? c.recall() : c.precision();
  }

  /** The maximised rate of counts whose held rate reaches the floor; NaN (not allowed) below it. */
  private double allowed(Confusion c) {
    return heldRate(c) >= floor.floor() ? maximised(c) : Double.NaN;
  }
}

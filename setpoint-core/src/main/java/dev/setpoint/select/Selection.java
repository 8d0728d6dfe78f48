package dev.setpoint.select;

import dev.setpoint.curve.OperatingPoint;
import java.util.Objects;
import java.util.Optional;

/** The outcome of choosing an operating point: {@link Feasible} or {@link Infeasible}. */
public sealed interface Selection {

  /**
   * A chosen operating point.
   *
   * @param point the chosen threshold (the highest among ties) and its confusion matrix
   * @param lowestTiedThreshold the lowest curve threshold with the same objective value; equal to the
   *     chosen threshold when there is no plateau
   * @param objectiveValue the objective's value at the chosen point
   */
  record Feasible(OperatingPoint point, double lowestTiedThreshold, double objectiveValue)
      implements Selection {

    /** Validates that the plateau does not lie above the chosen threshold. */
    public Feasible {
      Objects.requireNonNull(point, "point");
      if (!(lowestTiedThreshold <= point.threshold())) {
        throw new IllegalArgumentException("lowestTiedThreshold " + lowestTiedThreshold
            + " must be <= the chosen threshold " + point.threshold());
      }
    }

    /** The chosen threshold. */
    public double threshold() {
      return point.threshold();
    }
  }

  /**
   * No threshold meets the objective.
   *
   * @param reason a plain sentence saying why, with numbers: "no threshold reaches precision 0.95; the
   *     highest precision is 0.912 (recall 0.031, threshold 0.988)"
   * @param nearest the achievable point closest to the target, when there is one (for a precision
   *     target: the highest precision reachable, with its recall and threshold)
   */
  record Infeasible(String reason, Optional<OperatingPoint> nearest) implements Selection {

    /** Validates that a reason is given. */
    public Infeasible {
      if (Objects.requireNonNull(reason, "reason").isBlank()) {
        throw new IllegalArgumentException("reason must not be blank");
      }
      Objects.requireNonNull(nearest, "nearest");
    }

    /** Infeasible with no achievable point to offer (no data, no positives). */
    public Infeasible(String reason) {
      this(reason, Optional.empty());
    }
  }
}

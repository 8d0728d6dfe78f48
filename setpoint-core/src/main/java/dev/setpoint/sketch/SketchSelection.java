package dev.setpoint.sketch;

import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.Objects;

/**
 * An objective's answer on a {@link ScoreSketch}, with what it proves about the exact answer
 * ({@code docs/definitions.md#sketch-bounds}).
 *
 * <p>{@code atEdge} is the objective run on the sketch's {@link ScoreSketch#curve() curve}: a chosen
 * threshold is a bin edge (or the lowest score), where the counts and rates reported are exact — the
 * rule {@code score >= threshold} flags exactly those rows. What the sketch may cost is optimality:
 * {@code exact} bounds the objective value the exact engine ({@link dev.setpoint.curve.Curve} of every
 * row and the same objective) would reach.
 *
 * @param objective the objective
 * @param atEdge its selection on the sketch's curve
 * @param exact what the exact engine's answer can be
 */
public record SketchSelection(Objective objective, Selection atEdge, ExactBound exact) {

  /** Validates that nothing is missing and that a feasible edge implies a feasible exact answer. */
  public SketchSelection {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(atEdge, "atEdge");
    Objects.requireNonNull(exact, "exact");
    if (atEdge instanceof Selection.Feasible && !(exact instanceof ExactBound.Feasible)) {
      throw new IllegalArgumentException("a feasible edge is a threshold the exact engine also "
          + "considers, so its answer is feasible too, not " + exact);
    }
  }
}

package dev.setpoint.sketch;

import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Interval;
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

  /**
   * What a {@link ScoreSketch} proves about the answer the exact engine would give for the same objective
   * on the same rows ({@code docs/definitions.md#sketch-bounds}). The value is the objective's own value
   * ({@link dev.setpoint.select.Selection.Feasible#objectiveValue()}): the recall for {@code
   * recall@precision} and budgets, the precision for {@code precision@recall}, F-beta, the total cost,
   * the utility, Youden's J.
   *
   * <p>Bounds are computed in float64 from the same weight sums as the engine's, in another order: with
   * integer weights (below 2^53) the counts are exact and only the final divisions round; with
   * fractional weights the sums may differ from the engine's in their last bits, so a bound holds to a
   * relative 1e-12.
   */
  public sealed interface ExactBound {

    /**
     * The exact engine is feasible too (the sketch's edge is a threshold it also considers), and its
     * optimal value lies in {@code value}: one end is the sketch's own answer, the other the best value
     * any threshold inside any bin could reach.
     *
     * @param value where the exact optimum lies; undefined when the objective value is (a budget's
     *     recall without positives)
     */
    record Feasible(Interval value) implements ExactBound {
      /** Validates that the interval is given. */
      public Feasible {
        Objects.requireNonNull(value, "value");
      }
    }

    /**
     * The sketch finds no feasible edge, but a threshold inside some bin might be feasible, so the exact
     * engine might be; if it is, its value lies in {@code value}.
     *
     * @param value where the exact optimum would lie if there is one; undefined when its value would be
     *     (a budget's recall without positives)
     */
    record MaybeFeasible(Interval value) implements ExactBound {
      /** Validates that the interval is given. */
      public MaybeFeasible {
        Objects.requireNonNull(value, "value");
      }
    }

    /** No threshold, at an edge or inside a bin, can meet the objective: the exact engine is infeasible. */
    record Infeasible() implements ExactBound {}
  }
}

package dev.setpoint.sketch;

import dev.setpoint.stats.Interval;
import java.util.Objects;

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

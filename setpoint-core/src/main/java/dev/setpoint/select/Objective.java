package dev.setpoint.select;

import dev.setpoint.curve.Curve;

/**
 * A stated rule for choosing an operating point on an exact curve: "max recall while precision ≥ 0.95",
 * "a false negative costs 10× a false positive", "analysts can review 500 cases a day".
 *
 * <p>Every objective is one pass over the curve's k points (O(k)), never over the rows, and answers with
 * a {@link Selection}: {@code Feasible} with the chosen point, or {@code Infeasible} with the reason and
 * the nearest achievable point. Among points with the same objective value the highest threshold wins
 * ({@code docs/definitions.md#selection-ties}). Objectives are immutable values; {@link #syntax()} gives
 * the compact form that {@link ObjectiveParser} reads back.
 */
public sealed interface Objective
    permits FixedThreshold, MaxFBeta, RecallAtPrecision, PrecisionAtRecall, MinCost, MaxUtility,
        FlagBudget, MaxYoudenJ, AtPrevalence {

  /** Chooses the operating point on the curve. */
  Selection select(Curve curve);

  /**
   * This objective read at a threshold it did not necessarily choose: the counts of {@code score >= t}
   * on the curve and the objective's value there, its constraint not checked. A segment that inherits
   * its parent's threshold reports its own rows this way ({@code docs/definitions.md#segment-fallback});
   * a {@link AtPrevalence deployment prevalence} reweights the counts as {@link #select} does.
   *
   * @param curve the rows to read
   * @param threshold the threshold, any non-NaN value ({@code +∞} flags nothing)
   * @return a feasible selection at exactly {@code threshold} (no plateau)
   */
  Selection.Feasible at(Curve curve, double threshold);

  /** The compact syntax of this objective, e.g. {@code recall@precision>=0.95}. */
  String syntax();
}

package dev.setpoint.stats;

import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.Arrays;
import java.util.Objects;

/**
 * The replicates of a {@link Bootstrap}: per replicate, the objective's chosen threshold and the
 * metrics there, and percentile intervals over them ({@code docs/definitions.md#bootstrap}).
 *
 * <p>An infeasible replicate has no values (NaN for every statistic) and is counted in {@link
 * #infeasible()}. A feasible replicate may still have an undefined metric — precision when its choice flags
 * nothing, e.g. a cost objective choosing "flag nothing" (threshold +∞) — which is NaN as well. Intervals
 * are over the defined values only; {@link #defined} says how many there were.
 *
 * <p><b>Percentile interval</b> at confidence c over B defined values sorted ascending: with {@code m =
 * max(1, round(B·(1 − c)/2))}, the interval is [m-th smallest, m-th largest]. For B = 1,000 and c = 0.95,
 * m = 25: [v₍₂₅₎, v₍₉₇₆₎]. Rounding, not ceiling: {@code 1 − 0.95} is 0.05000000000000004 in binary, and
 * a ceiling would turn 25.00000000000002 into 26. Always an observed value, so +∞ thresholds need no
 * interpolation.
 */
public final class BootstrapResult {

  /** What each replicate records. */
  public enum Statistic {
    /** The chosen threshold ({@code +Infinity} for "flag nothing"). */
    THRESHOLD,
    /** Precision at the chosen threshold, on the replicate. */
    PRECISION,
    /** Recall at the chosen threshold, on the replicate. */
    RECALL,
    /** False positive rate at the chosen threshold, on the replicate. */
    FALSE_POSITIVE_RATE,
    /** Flag rate at the chosen threshold, on the replicate. */
    FLAG_RATE,
    /** The objective's value, as its {@code Selection.Feasible} reports it. */
    OBJECTIVE_VALUE
  }

  private final Objective objective;
  private final long seed;
  private final Selection estimate;
  private final double[][] values;
  private final boolean[] infeasible;
  private final int infeasibleCount;

  BootstrapResult(Objective objective, long seed, Selection estimate, double[][] values,
      boolean[] infeasible) {
    this.objective = objective;
    this.seed = seed;
    this.estimate = estimate;
    this.values = values;
    this.infeasible = infeasible;
    int count = 0;
    for (boolean b : infeasible) {
      count += b ? 1 : 0;
    }
    this.infeasibleCount = count;
  }

  /** The objective that was bootstrapped. */
  public Objective objective() {
    return objective;
  }

  /** The master seed. */
  public long seed() {
    return seed;
  }

  /** The number of replicates B. */
  public int replicates() {
    return infeasible.length;
  }

  /** The objective's selection on all the rows: the point estimate. */
  public Selection estimate() {
    return estimate;
  }

  /** How many replicates were infeasible. */
  public int infeasible() {
    return infeasibleCount;
  }

  /** Whether replicate {@code r} was infeasible. */
  public boolean isInfeasible(int r) {
    return infeasible[r];
  }

  /** The statistic's value in each replicate, in replicate order; NaN where infeasible or undefined. */
  public double[] values(Statistic statistic) {
    return values[Objects.requireNonNull(statistic, "statistic").ordinal()].clone();
  }

  /** How many replicates have a defined (non-NaN) value of the statistic. */
  public int defined(Statistic statistic) {
    int count = 0;
    for (double v : values[statistic.ordinal()]) {
      count += Double.isNaN(v) ? 0 : 1;
    }
    return count;
  }

  /**
   * The percentile interval of the statistic (rule in the class comment); {@link Interval#UNDEFINED}
   * when no replicate has a defined value.
   *
   * @param confidence in (0, 1)
   * @throws IllegalArgumentException if confidence is not in (0, 1)
   */
  public Interval interval(Statistic statistic, double confidence) {
    Objects.requireNonNull(statistic, "statistic");
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    double[] sorted = Arrays.stream(values[statistic.ordinal()]).filter(v -> !Double.isNaN(v))
        .sorted().toArray();
    int b = sorted.length;
    if (b == 0) {
      return Interval.UNDEFINED;
    }
    int m = (int) Math.max(1, Math.round(b * (1 - confidence) / 2));
    return new Interval(sorted[m - 1], sorted[b - m]);
  }

  @Override
  public String toString() {
    return "BootstrapResult[" + objective.syntax() + ", replicates=" + replicates() + ", infeasible="
        + infeasibleCount + ", seed=" + seed + "]";
  }
}

package dev.setpoint.stats;

/**
 * A closed interval {@code [lower, upper]} for a proportion or a bootstrapped statistic.
 *
 * <p>An interval is <em>undefined</em> when both bounds are NaN: a binomial interval with no trials (a
 * precision with nothing flagged), or a bootstrap interval with no defined replicate value. It contains
 * nothing ({@code docs/definitions.md#undefined-values}). Otherwise {@code lower <= upper}; the bounds may be
 * infinite (a bootstrapped threshold of "flag nothing" is {@code +Infinity}).
 *
 * @param lower the lower bound, or NaN when undefined
 * @param upper the upper bound, or NaN when undefined
 */
public record Interval(double lower, double upper) {

  /** The undefined interval: both bounds NaN. */
  public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

  /** Validates that both bounds are NaN, or neither is and {@code lower <= upper}. */
  public Interval {
    boolean lowerNaN = Double.isNaN(lower);
    if (lowerNaN != Double.isNaN(upper)) {
      throw new IllegalArgumentException(
          "bounds must both be NaN (undefined) or both be numbers, were [" + lower + ", " + upper + "]");
    }
    if (!lowerNaN && !(lower <= upper)) {
      throw new IllegalArgumentException(
          "lower bound (" + lower + ") must be <= upper bound (" + upper + ")");
    }
  }

  /** Whether the bounds are numbers (not the undefined interval). */
  public boolean isDefined() {
    return !Double.isNaN(lower);
  }

  /** Whether {@code lower <= value <= upper}; false for NaN and for the undefined interval. */
  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }

  /** {@code upper − lower}; NaN when undefined. */
  public double width() {
    return upper - lower;
  }
}

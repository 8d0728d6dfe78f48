package dev.setpoint.policy.tally;

/**
 * The rows of a cell (or of an action, a segment, a whole tally), as sums of row weights: the rows,
 * those of them that carry a label, and the positives among those. When every row weighs 1 (the
 * decision service's log) each is a count, exact up to 2^53.
 *
 * @param rows the weight of the rows
 * @param labelled the weight of the rows that have a label, {@code <= rows}
 * @param positives the weight of the rows labelled positive, {@code <= labelled}
 */
public record Counts(double rows, double labelled, double positives) {

  /** No rows. */
  public static final Counts ZERO = new Counts(0, 0, 0);

  /**
   * Validates that each sum is finite and {@code 0 <= positives <= labelled <= rows}. Sums of the same
   * non-negative weights in the same order keep this order in floating point too (rounding is
   * monotone), so a tally's counts always pass.
   */
  public Counts {
    if (!(positives >= 0) || !(labelled >= positives) || !(rows >= labelled)
        || rows == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("counts must be finite with 0 <= positives <= labelled <= "
          + "rows, were rows " + rows + ", labelled " + labelled + ", positives " + positives);
    }
  }

  /** The weight of the rows labelled negative: {@code labelled - positives}. */
  public double negatives() {
    return labelled - positives;
  }

  /**
   * The realised precision of the labelled rows, {@code positives / labelled}; NaN when no row is
   * labelled (undefined, never 0: {@code docs/definitions.md#undefined-values}).
   */
  public double precision() {
    return labelled > 0 ? positives / labelled : Double.NaN;
  }

  /** These counts and {@code other}'s, summed field by field. */
  public Counts plus(Counts other) {
    return new Counts(rows + other.rows, labelled + other.labelled, positives + other.positives);
  }
}

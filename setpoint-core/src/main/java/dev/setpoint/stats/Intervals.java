package dev.setpoint.stats;

import dev.setpoint.curve.Confusion;
import java.util.Objects;

/**
 * Binomial confidence intervals for precision and recall at a fixed threshold
 * ({@code docs/definitions.md#binomial-intervals}).
 *
 * <ul>
 *   <li>precision: {@code k = TP} successes out of {@code n = TP + FP} flagged — undefined (NaN bounds)
 *       when nothing is flagged;
 *   <li>recall: {@code k = TP} out of {@code n = P} positives — undefined without positives.
 * </ul>
 *
 * <p>Valid for a threshold fixed in advance, on unit-weight i.i.d. rows. A threshold <em>chosen</em> on the
 * same rows makes the interval optimistic (the selection effect); choose on one set and report on another,
 * or use {@link GuaranteedPrecision}.
 *
 * <p><em>Weighted data is refused.</em> A binomial interval needs counts of independent rows; a sum of
 * weights is not one (ten rows of weight 0.1 carry the information of ten rows, not of one). Counts that
 * are whole numbers are accepted and read as row counts, which is right for unweighted data and for
 * frequency weights (a weight of 3 = three identical rows) and wrong for importance weights that happen
 * to be whole: that distinction is the caller's to make, since a {@link Confusion} does not record it.
 * Anything else — a fractional count — is an {@link IllegalArgumentException} naming the count. We do not
 * substitute a Kish effective sample size: it has no exact coverage and would hide the problem.
 */
public final class Intervals {

  private Intervals() {}

  /**
   * The interval for precision {@code TP / (TP + FP)}.
   *
   * @throws IllegalArgumentException if TP or FP is not a whole number, or confidence is not in (0, 1)
   */
  public static Interval precision(Confusion confusion, IntervalMethod method, double confidence) {
    Trials trials = Rate.PRECISION.trials(confusion, method);
    return method.interval(trials.successes(), trials.trials(), confidence);
  }

  /**
   * The one-sided lower confidence bound on precision: precision ≥ bound with the given confidence
   * ({@link IntervalMethod#lowerBound}); NaN when nothing is flagged.
   *
   * @throws IllegalArgumentException if TP or FP is not a whole number, or confidence is not in (0, 1)
   */
  public static double precisionLowerBound(Confusion confusion, IntervalMethod method,
      double confidence) {
    Trials trials = Rate.PRECISION.trials(confusion, method);
    return method.lowerBound(trials.successes(), trials.trials(), confidence);
  }

  /**
   * The one-sided lower confidence bound on recall: recall ≥ bound with the given confidence
   * ({@link IntervalMethod#lowerBound}); NaN when there are no positives.
   *
   * @throws IllegalArgumentException if TP or FN is not a whole number, or confidence is not in (0, 1)
   */
  public static double recallLowerBound(Confusion confusion, IntervalMethod method,
      double confidence) {
    Trials trials = Rate.RECALL.trials(confusion, method);
    return method.lowerBound(trials.successes(), trials.trials(), confidence);
  }

  /**
   * The interval for recall {@code TP / P}.
   *
   * @throws IllegalArgumentException if TP or FN is not a whole number, or confidence is not in (0, 1)
   */
  public static Interval recall(Confusion confusion, IntervalMethod method, double confidence) {
    Trials trials = Rate.RECALL.trials(confusion, method);
    return method.interval(trials.successes(), trials.trials(), confidence);
  }

  /** {@code k} successes out of {@code n} trials, as the interval methods take them. */
  private record Trials(long successes, long trials) {}

  /**
   * The two rates: {@code k = TP} out of {@code n = TP + FP} for precision, {@code n = TP + FN = P} for
   * recall.
   */
  private enum Rate {
    PRECISION("precision", "FP") {
      @Override
      double others(Confusion confusion) {
        return confusion.falsePositives();
      }
    },
    RECALL("recall", "FN") {
      @Override
      double others(Confusion confusion) {
        return confusion.falseNegatives();
      }
    };

    private final String metric;
    private final String othersName;

    Rate(String metric, String othersName) {
      this.metric = metric;
      this.othersName = othersName;
    }

    abstract double others(Confusion confusion);

    /** The trials, after checking the arguments: whole counts (named when not), a method. */
    Trials trials(Confusion confusion, IntervalMethod method) {
      Objects.requireNonNull(confusion, "confusion");
      Objects.requireNonNull(method, "method");
      long tp = whole(metric, "TP", confusion.truePositives());
      long others = whole(metric, othersName, others(confusion));
      return new Trials(tp, tp + others);
    }
  }

  /** The count as a long, or an error naming it when it is fractional (weighted data). */
  static long whole(String metric, String name, double count) {
    // 2^53: beyond it doubles are all whole, so wholeness says nothing about where they came from.
    if (count != Math.rint(count) || count > 0x1p53) {
      throw new IllegalArgumentException("a " + metric + " interval needs whole row counts, but " + name
          + " = " + count + "; weighted data has no binomial count "
          + "(docs/definitions.md#binomial-intervals)");
    }
    return (long) count;
  }
}

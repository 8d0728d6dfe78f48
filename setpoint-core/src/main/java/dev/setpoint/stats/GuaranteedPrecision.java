package dev.setpoint.stats;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.select.Selection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Guaranteed selection (Learn-then-Test): the lowest threshold whose population precision is at least
 * {@code p} with probability {@code 1 − δ}, certified on a calibration set by fixed-sequence testing
 * ({@code docs/definitions.md#guaranteed-selection}).
 *
 * <p><b>What is guaranteed.</b> Rows are drawn i.i.d. from the population the threshold will face, with
 * unit weight, and the sequence of thresholds {@code t₁ > t₂ > … > t_K} is fixed before the calibration
 * rows are seen. Then, over the draw of the calibration set, with probability at least {@code 1 − δ}
 * <em>every</em> certified threshold — so in particular the one returned — has population precision
 * {@code P(Y = 1 | score >= t) >= p}. It is a statement about the population, not about the next k
 * flags (those still vary around it), and it does not transfer to a different prevalence.
 *
 * <p><b>The test.</b> At each {@code t_j}, from the top, with {@code m = TP + FP} calibration rows
 * flagged: reject H₀ "precision(t_j) &lt; p" when the exact binomial p-value {@code P(X >= TP)}, {@code X ~
 * Binomial(m, p)}, is at most δ ({@link #pValue}); stop at the first threshold that is not rejected. The
 * answer is the lowest threshold passed — the most recall among the certified — or, among thresholds
 * passed with the same TP, the highest ({@code docs/definitions.md#selection-ties}). Its objective value is
 * its calibration recall. Passing at {@code t_j} is the same as the one-sided {@code 1 − δ}
 * Clopper-Pearson lower bound being {@code >= p}.
 *
 * <p><b>Why a sequence fixed in advance, and not the calibration set's own scores.</b> Walking the
 * calibration scores from the top would start at a threshold that flags one row, whose p-value is at
 * least {@code p > δ}; the walk would stop there and certify nothing. Starting lower, at "the first
 * calibration score with enough rows above it", makes the start depend on the calibration data and the
 * fixed-order argument no longer applies. So the sequence comes from elsewhere: {@link
 * #thresholdSequence} builds it from a separate validation set, starting where about {@code 2·m_min}
 * calibration rows are expected to be flagged ({@link #minimumFlagged()}), as {@code
 * shared/notes/constrained_training.md} §4.3 prescribes.
 *
 * <p><b>Not an {@link dev.setpoint.select.Objective}.</b> An objective chooses on one curve; a guarantee
 * needs two data sets (a validation set for the sequence, a calibration set for the test), and on one
 * curve it could only walk that curve's own scores, which is not valid (above).
 *
 * <p>Implementation notes.
 *
 * <ol>
 *   <li>The p-value is {@code P(X >= k) = I_p(k, m − k + 1)}, the regularised incomplete beta function
 *       (Commons Statistics' Beta CDF), accurate in the far tail where {@code 1 − CDF} would cancel.
 *   <li>Counts come from {@link Curve#at(double)}, a binary search: O(K log k) for a sequence of K
 *       thresholds; the walk usually stops long before K.
 *   <li>When nothing is certified, the reason reports the best one-sided lower bound in the sequence.
 *       Thresholds whose observed precision does not exceed the best bound so far are skipped (a lower
 *       bound never exceeds the estimate), so few Beta quantiles are computed.
 * </ol>
 *
 * <p>[1] A. N. Angelopoulos, S. Bates, E. J. Candès, M. I. Jordan, L. Lei, "Learn then Test: Calibrating
 * Predictive Algorithms to Achieve Risk Control" (2021), fixed-sequence testing. [2] MAPIE {@code
 * mapie/risk_control}: binary-loss p-values.
 *
 * @param minPrecision p, the precision to guarantee, in (0, 1)
 * @param delta δ, the probability the guarantee may fail, in (0, 1)
 */
public record GuaranteedPrecision(double minPrecision, double delta) implements Guarantee {

  /** How many {@code m_min} the first threshold of a sequence should be expected to flag (note §4.3). */
  static final int START_MARGIN = 2;

  /** Validates p and δ. */
  public GuaranteedPrecision {
    checkTarget("precision", minPrecision, delta);
  }

  /**
   * Checks a guarantee's target rate and δ, as every {@link Guarantee} does: both in (0, 1); a target
   * of 1 is refused with the reason.
   *
   * @param metric the rate's name, {@code precision} or {@code recall}
   * @throws IllegalArgumentException naming the value otherwise
   */
  static void checkTarget(String metric, double target, double delta) {
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException(metric + " target must be in (0, 1), was " + target
          + (target == 1 ? "; " + metric + " 1 can never be certified from a sample" : ""));
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), was " + delta);
    }
  }

  /** {@code precision}. */
  @Override
  public String metric() {
    return "precision";
  }

  /** p. */
  @Override
  public double target() {
    return minPrecision;
  }

  /** {@code learn-then-test}. */
  @Override
  public String method() {
    return "learn-then-test";
  }

  /** The one-sided {@code 1 − δ} Clopper-Pearson lower bound on precision from the counts. */
  @Override
  public double lowerBound(Confusion calibration) {
    return Intervals.precisionLowerBound(calibration, IntervalMethod.CLOPPER_PEARSON, 1 - delta);
  }

  /**
   * The exact one-sided binomial p-value of H₀ "precision &lt; p" at a threshold that flags {@code
   * flagged} rows of which {@code truePositives} are positives: {@code P(X >= truePositives)} for {@code
   * X ~ Binomial(flagged, p)}. It is 1 when nothing is flagged or no positive is.
   *
   * @throws IllegalArgumentException naming the values, if the counts are inconsistent or p is not in (0,
   *     1)
   */
  public static double pValue(long truePositives, long flagged, double minPrecision) {
    IntervalMethod.requireCounts("truePositives", truePositives, "flagged", flagged);
    if (!(minPrecision > 0 && minPrecision < 1)) {
      throw new IllegalArgumentException("precision target must be in (0, 1), was " + minPrecision);
    }
    return tail(truePositives, flagged, minPrecision);
  }

  /** {@code P(Binomial(m, p) >= k)} = {@code I_p(k, m − k + 1)}; trusts {@code 0 <= k <= m}. */
  static double tail(long k, long m, double p) {
    return k == 0 ? 1.0 : BetaDistribution.of((double) k, m - k + 1.0).cumulativeProbability(p);
  }

  /**
   * {@code m_min}, the fewest flagged calibration rows that can certify p at δ: even with no false
   * positive the p-value is {@code p^m}, so {@code m_min = ⌈ln δ / ln p⌉} (59 for p = 0.95, δ = 0.05).
   */
  public int minimumFlagged() {
    return fewestTrials(minPrecision, delta);
  }

  /**
   * The least m with {@code p^m <= δ}, {@code ⌈ln δ / ln p⌉} settled on {@code p^m} itself (the
   * logarithms round); {@link Integer#MAX_VALUE} when that is out of reach.
   */
  static int fewestTrials(double p, double delta) {
    double m = Math.ceil(Math.log(delta) / Math.log(p));
    if (!(m < Integer.MAX_VALUE)) {
      return Integer.MAX_VALUE;
    }
    int result = (int) m;
    while (result > 1 && Math.pow(p, result - 1) <= delta) {
      result--;
    }
    while (Math.pow(p, result) > delta) {
      result++;
    }
    return result;
  }

  /**
   * The threshold sequence of {@code shared/notes/constrained_training.md} §4.3, from a validation set
   * that shares no rows with the calibration set: the validation curve's distinct scores in descending
   * order, starting at the highest one whose validation flag rate × {@code calibrationRows} reaches
   * {@code 2·m_min} (so the first test has a fair chance to pass), or at the lowest score if none does.
   *
   * @param validation any curve (weights are fine here: only its scores and flag rates are used)
   * @param calibrationRows the number of calibration rows the sequence will be tested on, {@code > 0}
   * @throws IllegalArgumentException if the validation curve is empty or calibrationRows is not positive
   */
  public double[] thresholdSequence(Curve validation, long calibrationRows) {
    Objects.requireNonNull(validation, "validation");
    if (validation.size() == 0) {
      throw new IllegalArgumentException("the validation curve has no points to build a sequence from");
    }
    if (calibrationRows <= 0) {
      throw new IllegalArgumentException("calibrationRows (" + calibrationRows + ") must be > 0");
    }
    double wanted = (double) START_MARGIN * minimumFlagged();
    int start = validation.size() - 1;
    for (int i = 0; i < validation.size(); i++) {
      if (validation.confusion(i).flagRate() * calibrationRows >= wanted) {
        start = i;
        break;
      }
    }
    double[] sequence = new double[validation.size() - start];
    for (int i = 0; i < sequence.length; i++) {
      sequence[i] = validation.threshold(start + i);
    }
    return sequence;
  }

  /**
   * The whole pipeline of §4.3: {@link #thresholdSequence} from {@code validation}, tested on {@code
   * calibration} ({@link #select(Curve, double[])}). The two curves must come from disjoint rows.
   */
  @Override
  public Selection select(Curve validation, Curve calibration) {
    Objects.requireNonNull(calibration, "calibration");
    long rows = (long) (calibration.positives() + calibration.negatives());
    return select(calibration, thresholdSequence(validation, Math.max(1, rows)));
  }

  /**
   * Tests the thresholds in the given order on the calibration curve and returns the lowest one passed;
   * {@code Infeasible} when the first threshold already fails, with the reason and, as the nearest
   * point, the threshold of the sequence with the best one-sided lower bound on precision.
   *
   * @param calibration the curve of unit-weight i.i.d. calibration rows
   * @param thresholds strictly descending, not NaN, fixed without looking at the calibration rows
   * @throws IllegalArgumentException if the calibration curve is weighted, or the thresholds are empty,
   *     NaN or not strictly descending (the message names the first bad index)
   */
  public Selection select(Curve calibration, double[] thresholds) {
    Objects.requireNonNull(calibration, "calibration");
    requireSequence(thresholds);
    if (calibration.isWeighted()) {
      throw new IllegalArgumentException("guaranteed selection needs unweighted calibration rows, each "
          + "an independent draw; this curve is weighted (docs/definitions.md#guaranteed-selection)");
    }
    int passed = -1;
    for (int j = 0; j < thresholds.length; j++) {
      Confusion c = calibration.at(thresholds[j]).confusion();
      if (pValueOf(c) <= delta) {
        passed = j;
      } else {
        break;
      }
    }
    if (passed < 0) {
      return notCertified(calibration, thresholds);
    }
    Confusion lowest = calibration.at(thresholds[passed]).confusion();
    int chosen = passed;
    while (chosen > 0
        && calibration.at(thresholds[chosen - 1]).confusion().truePositives() == lowest.truePositives()) {
      chosen--;
    }
    OperatingPoint point = calibration.at(thresholds[chosen]);
    return new Selection.Feasible(point, thresholds[passed], point.confusion().recall());
  }

  private double pValueOf(Confusion c) {
    long tp = (long) c.truePositives();
    return tail(tp, tp + (long) c.falsePositives(), minPrecision);
  }

  private Selection.Infeasible notCertified(Curve calibration, double[] thresholds) {
    Confusion first = calibration.at(thresholds[0]).confusion();
    long m = (long) first.flagged();
    StringBuilder reason = new StringBuilder("no threshold certifies precision ≥ ")
        .append(fmt(minPrecision)).append(" at δ = ").append(fmt(delta)).append(" with ")
        .append((long) calibration.positives()).append(" positives in ")
        .append((long) (calibration.positives() + calibration.negatives()))
        .append(" calibration rows; the sequence stops at its first threshold, ").append(thresholds[0])
        .append(", which flags ").append(m).append(m == 1 ? " row" : " rows");
    if (m > 0) {
      reason.append(" with ").append((long) first.falsePositives()).append(" false positive")
          .append(first.falsePositives() == 1 ? "" : "s").append(" (p-value ")
          .append(fmt(pValueOf(first))).append(" > δ)");
    }
    int needed = minimumFlagged();
    if (m < needed) {
      reason.append("; certifying needs at least ").append(needed)
          .append(" flagged rows even with no false positive");
    }
    // Nearest: the best one-sided 1 − δ Clopper-Pearson lower bound anywhere in the sequence.
    int best = -1;
    double bestBound = Double.NEGATIVE_INFINITY;
    double previousTp = -1;
    double previousFp = -1;
    for (int j = 0; j < thresholds.length; j++) {
      Confusion c = calibration.at(thresholds[j]).confusion();
      if (c.flagged() == 0 || (c.truePositives() == previousTp && c.falsePositives() == previousFp)
          || !(c.precision() > bestBound)) {
        continue;
      }
      previousTp = c.truePositives();
      previousFp = c.falsePositives();
      double bound = IntervalMethod.CLOPPER_PEARSON.computeLower((long) c.truePositives(),
          (long) c.flagged(), 1 - delta);
      if (bound > bestBound) {
        bestBound = bound;
        best = j;
      }
    }
    if (best < 0) {
      return new Selection.Infeasible(reason.append("; no threshold of the sequence flags any ")
          .append("calibration row").toString());
    }
    OperatingPoint nearest = calibration.at(thresholds[best]);
    reason.append("; the best one-sided ").append(fmt(100 * (1 - delta)))
        .append(" % lower bound on precision is ").append(fmt(bestBound)).append(" at threshold ")
        .append(thresholds[best]).append(" (").append((long) nearest.confusion().flagged())
        .append(" flagged, precision ").append(fmt(nearest.confusion().precision())).append(")");
    return new Selection.Infeasible(reason.toString(), Optional.of(nearest));
  }

  private static void requireSequence(double[] thresholds) {
    Objects.requireNonNull(thresholds, "thresholds");
    if (thresholds.length == 0) {
      throw new IllegalArgumentException("the threshold sequence is empty");
    }
    for (int j = 0; j < thresholds.length; j++) {
      if (Double.isNaN(thresholds[j])) {
        throw new IllegalArgumentException("thresholds[" + j + "] is NaN");
      }
      if (j > 0 && !(thresholds[j] < thresholds[j - 1])) {
        throw new IllegalArgumentException("thresholds must be strictly descending, but thresholds["
            + j + "] = " + thresholds[j] + " follows " + thresholds[j - 1]);
      }
    }
  }

  /** 4 significant digits, as selection reasons print them. */
  static String fmt(double value) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", value)).stripTrailingZeros()
        .toPlainString();
  }
}

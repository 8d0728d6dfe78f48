package dev.setpoint.stats;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.select.Selection;
import java.util.Objects;
import java.util.Optional;

/**
 * Guaranteed recall: the highest threshold whose population recall is at least {@code r} with
 * probability {@code 1 − δ}, chosen on a calibration set ({@code
 * docs/definitions.md#guaranteed-recall}). The deployable form of {@code precision@recall>=r}: the
 * highest such threshold flags the fewest rows, so it keeps the most precision.
 *
 * <p><b>The rule.</b> With P calibration positives, let {@code k} be the least count with {@code P(X >=
 * k) <= δ} for {@code X ~ Binomial(P, r)}; the answer is the highest threshold that flags at least
 * {@code k} calibration positives — the k-th highest positive score. Equivalently: the highest
 * threshold whose one-sided {@code 1 − δ} Clopper-Pearson lower bound on recall, from its TP out of P,
 * is at least r.
 *
 * <p><b>What is guaranteed, and why no validation set is needed.</b> For unit-weight positives drawn
 * i.i.d. from the population: let {@code t*} be the highest threshold with population recall {@code
 * P(score >= t* | Y = 1) >= r} (it exists: recall is left-continuous and non-increasing in t). The
 * answer has recall below r only if it lies above {@code t*}, that is only if at least k of the P
 * positives score above {@code t*}; each does with probability {@code P(score > t* | Y = 1) <= r}, so
 * that has probability at most {@code P(X >= k) <= δ}. The argument holds for thresholds taken from the
 * calibration scores themselves and for any score distribution, ties included, so unlike {@link
 * GuaranteedPrecision} it needs no sequence fixed in advance. Negatives play no part; the objective
 * value reported is the calibration precision at the threshold.
 *
 * <p>At least {@code ⌈ln δ / ln r⌉} positives are needed ({@link #minimumPositives()}): flagging all of
 * them leaves {@code P(X >= P) = r^P}. With fewer, nothing is certified.
 *
 * @param minRecall r, the recall to guarantee, in (0, 1)
 * @param delta δ, the probability the guarantee may fail, in (0, 1)
 */
public record GuaranteedRecall(double minRecall, double delta) implements Guarantee {

  /** Validates r and δ. */
  public GuaranteedRecall {
    GuaranteedPrecision.checkTarget("recall", minRecall, delta);
  }

  /** {@code recall}. */
  @Override
  public String metric() {
    return "recall";
  }

  /** r. */
  @Override
  public double target() {
    return minRecall;
  }

  /** {@code order-statistic}: the k-th highest positive score. */
  @Override
  public String method() {
    return "order-statistic";
  }

  /** The one-sided {@code 1 − δ} Clopper-Pearson lower bound on recall from the counts. */
  @Override
  public double lowerBound(Confusion calibration) {
    return Intervals.recallLowerBound(calibration, IntervalMethod.CLOPPER_PEARSON, 1 - delta);
  }

  /** The fewest calibration positives that can certify r at δ: {@code ⌈ln δ / ln r⌉} (29 for 0.9, 0.05). */
  public int minimumPositives() {
    return GuaranteedPrecision.fewestTrials(minRecall, delta);
  }

  /**
   * How many of {@code positives} calibration positives the threshold must flag: the least k with
   * {@code P(Binomial(positives, r) >= k) <= δ}, or -1 when even {@code k = positives} does not reach it
   * (fewer than {@link #minimumPositives()}). Binary search: the tail falls as k grows.
   */
  public long positivesNeeded(long positives) {
    if (positives < 1 || GuaranteedPrecision.tail(positives, positives, minRecall) > delta) {
      return -1;
    }
    long lo = 1;
    long hi = positives;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (GuaranteedPrecision.tail(mid, positives, minRecall) <= delta) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** As {@link #select(Curve)}: the validation curve is not needed. */
  @Override
  public Selection select(Curve validation, Curve calibration) {
    return select(calibration);
  }

  /**
   * The highest threshold of the calibration curve that flags at least {@link #positivesNeeded} of its
   * positives; {@code Infeasible} with the counts when the curve has fewer positives than {@link
   * #minimumPositives()}, the nearest point then being the highest threshold that flags every positive.
   *
   * @param calibration the curve of unit-weight i.i.d. calibration rows
   * @throws IllegalArgumentException if the curve is weighted
   */
  public Selection select(Curve calibration) {
    Objects.requireNonNull(calibration, "calibration");
    if (calibration.isWeighted()) {
      throw new IllegalArgumentException("guaranteed selection needs unweighted calibration rows, each "
          + "an independent draw; this curve is weighted (docs/definitions.md#guaranteed-recall)");
    }
    long positives = (long) calibration.positives();
    long needed = positivesNeeded(positives);
    if (needed < 0) {
      String reason = "no threshold certifies recall ≥ " + GuaranteedPrecision.fmt(minRecall)
          + " at δ = " + GuaranteedPrecision.fmt(delta) + ": the calibration rows hold " + positives
          + (positives == 1 ? " positive" : " positives") + ", and certifying needs at least "
          + minimumPositives() + " (even flagging every one, P(recall < "
          + GuaranteedPrecision.fmt(minRecall) + ") could be "
          + GuaranteedPrecision.fmt(Math.pow(minRecall, (double) positives)) + " > δ)";
      if (positives == 0) {
        return new Selection.Infeasible(reason);
      }
      // Nearest: the highest threshold that flags every positive (calibration recall 1).
      return new Selection.Infeasible(reason, Optional.of(highestFlagging(calibration, positives)));
    }
    OperatingPoint point = highestFlagging(calibration, needed);
    return new Selection.Feasible(point, point.threshold(), point.confusion().precision());
  }

  /** The highest threshold of the curve flagging at least {@code positives}: TP grows down the curve. */
  private static OperatingPoint highestFlagging(Curve calibration, long positives) {
    int lo = 0;
    int hi = calibration.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (calibration.truePositives(mid) >= positives) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return new OperatingPoint(calibration.threshold(lo), calibration.confusion(lo));
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Two thresholds chosen jointly: <b>block</b> rows scoring {@code >= block}, send rows in {@code [review,
 * block)} to analysts, <b>allow</b> the rest. The block band must be precise (precision ≥ p); the review
 * band must fit the analysts' capacity; within those, catch as many positives as possible in block +
 * review together ({@code docs/definitions.md#bands}).
 *
 * <p>Algorithm, O(k): for each candidate block point i (precision ≥ p) the review threshold goes as low
 * as the capacity allows — the last point j ≥ i with {@code flagged(j) − flagged(i) ≤ capacity} — and
 * catches TP(j). Both pointers only move down the curve, so one pass suffices. Ties in caught positives go
 * to the highest block threshold, then to the highest review threshold (no review spent without a
 * catch).
 *
 * @param minBlockPrecision p, the precision the block band must reach, in (0, 1]
 * @param reviewCapacity the review band's budget, a flag budget objective: flags ({@code
 *     budget:flags<=K}), a flag rate ({@code budget:rate<=X}), or flags per day at a volume ({@code
 *     budget:flags<=K/day,volume=V/day}); not at a deployment prevalence
 */
public record Bands(double minBlockPrecision, Objective reviewCapacity) {

  /** Validates p and that the capacity is a plain flag budget. */
  public Bands {
    if (!(minBlockPrecision > 0 && minBlockPrecision <= 1)) {
      throw new IllegalArgumentException(
          "block precision target must be in (0, 1], was " + minBlockPrecision);
    }
    if (!(Objects.requireNonNull(reviewCapacity, "reviewCapacity") instanceof FlagBudget)) {
      throw new IllegalArgumentException("the review capacity must be a budget (flags<=K, rate<=X or "
          + "flags<=K/day,volume=V/day), was '" + reviewCapacity.syntax() + "'");
    }
  }

  /**
   * One band's expected content on the data.
   *
   * @param weight rows (weight) in the band
   * @param positives positives in the band
   * @param negatives negatives in the band
   */
  public record Band(double weight, double positives, double negatives) {
    /** Positives / weight; NaN for an empty band. */
    public double precision() {
      return weight == 0 ? Double.NaN : positives / weight;
    }
  }

  /** The outcome: {@link Chosen} or {@link Impossible}. */
  public sealed interface Result permits Chosen, Impossible {}

  /**
   * The chosen thresholds and what each band holds.
   *
   * @param block the block threshold
   * @param review the review threshold, {@code <= block}; equal when the review band is empty
   * @param blocked rows at or above {@code block}
   * @param reviewed rows in {@code [review, block)}
   * @param allowed rows below {@code review}
   * @param caughtRecall the share of positives blocked or reviewed
   */
  public record Chosen(double block, double review, Band blocked, Band reviewed, Band allowed,
      double caughtRecall) implements Result {}

  /**
   * No block threshold reaches the precision target.
   *
   * @param reason why, with the highest precision reachable
   * @param nearest the single-threshold selection that explains it
   */
  public record Impossible(String reason, Selection.Infeasible nearest) implements Result {}

  /** Chooses the two thresholds on the curve. */
  public Result choose(Curve curve) {
    Selection single = Objective.recallAtPrecision(minBlockPrecision).select(curve);
    if (single instanceof Selection.Infeasible inf) {
      return new Impossible("the block band cannot reach precision " + Scan.fmt(minBlockPrecision)
          + ": " + inf.reason(), inf);
    }
    int k = curve.size();
    double total = curve.positives() + curve.negatives();
    double capacity = ((FlagBudget) reviewCapacity).cap(total);
    int bestBlock = -1;
    int bestReview = -1;
    double bestCaught = -1;
    int j = 0;
    for (int i = 0; i < k; i++) {
      Confusion atBlock = curve.confusion(i);
      if (!(atBlock.precision() >= minBlockPrecision)) {
        continue;
      }
      double limit = atBlock.flagged() + capacity;
      if (j < i) {
        j = i;
      }
      while (j + 1 < k && flagged(curve, j + 1) <= limit) {
        j++;
      }
      double caught = curve.truePositives(j);
      if (caught > bestCaught) {
        bestCaught = caught;
        bestBlock = i;
        bestReview = j;
      }
    }
    // Highest review threshold with the same catch: walk up while TP does not drop.
    int review = bestReview;
    while (review > bestBlock && curve.truePositives(review - 1) == bestCaught) {
      review--;
    }
    return at(curve, curve.threshold(bestBlock), curve.threshold(review));
  }

  /**
   * The bands of two given thresholds, chosen by hand rather than by an objective: rows scoring {@code
   * >= block} are blocked, rows in {@code [review, block)} reviewed, the rest allowed; each band's weight,
   * positives and negatives are differences of the confusion matrices at the two thresholds ({@link
   * Curve#at}, so any threshold works, not only the curve's own). {@code block = +∞} blocks nothing;
   * {@code review = block} reviews nothing. O(log k).
   *
   * <p><i>Example</i> (the scores of {@code docs/definitions.md#bands}): with block 0.75 and review 0.55,
   * 0.9+ and 0.8+ are blocked (precision 1), 0.7− and 0.6+ reviewed, and the other 5 rows allowed.
   *
   * @throws IllegalArgumentException if a threshold is NaN, or {@code review > block}
   */
  public static Chosen at(Curve curve, double block, double review) {
    Objects.requireNonNull(curve, "curve");
    if (Double.isNaN(block) || Double.isNaN(review)) {
      throw new IllegalArgumentException("thresholds must not be NaN, were block " + block
          + " and review " + review);
    }
    if (review > block) {
      throw new IllegalArgumentException("the review threshold (" + review
          + ") must be <= the block threshold (" + block + ")");
    }
    Confusion hi = curve.at(block).confusion();
    Confusion lo = curve.at(review).confusion();
    Band blocked = new Band(hi.flagged(), hi.truePositives(), hi.falsePositives());
    Band reviewed = new Band(lo.flagged() - hi.flagged(), lo.truePositives() - hi.truePositives(),
        lo.falsePositives() - hi.falsePositives());
    Band allowed = new Band(lo.falseNegatives() + lo.trueNegatives(), lo.falseNegatives(),
        lo.trueNegatives());
    return new Chosen(block, review, blocked, reviewed, allowed, lo.recall());
  }

  /**
   * A segment's bands, counted on its own rows.
   *
   * @param bands its own choice, or the default's thresholds read on its rows
   * @param reason why it uses the default's thresholds; empty when they are its own
   */
  public record InSegment(Chosen bands, Optional<String> reason) {

    /** Copies nothing; checks presence. */
    public InSegment {
      Objects.requireNonNull(bands, "bands");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The bands a segment uses: {@code own} when it could be chosen on the segment's rows; when it is
   * impossible there, the default's thresholds read on the segment's rows ({@link #at}) — its own
   * blocked, reviewed and allowed rows at those thresholds, never the default's — with the reason
   * ({@code docs/definitions.md#segment-fallback}).
   *
   * @param segment the segment, for the reason
   * @param curve the segment's rows
   * @param own the bands chosen on the segment's rows
   * @param defaults the default's bands (chosen on all rows)
   */
  public static InSegment inSegment(SegmentKey segment, Curve curve, Result own, Chosen defaults) {
    if (own instanceof Chosen c) {
      return new InSegment(c, Optional.empty());
    }
    return new InSegment(at(curve, defaults.block(), defaults.review()), Optional.of(segment.label()
        + ": " + ((Impossible) own).reason() + "; using the default's thresholds"));
  }

  private static double flagged(Curve curve, int i) {
    return curve.truePositives(i) + curve.falsePositives(i);
  }
}

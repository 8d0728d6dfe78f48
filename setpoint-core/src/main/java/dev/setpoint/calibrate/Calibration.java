package dev.setpoint.calibrate;

import java.util.Objects;
import java.util.function.Function;

/**
 * A fitted map from raw scores to calibrated probabilities: {@link PlattScaling} or {@link
 * IsotonicCalibration}. Instances are immutable and safe to share between threads.
 *
 * <p>Besides {@link #apply(double)}, every calibration moves thresholds between the two scales over a
 * given set of scores ({@code docs/definitions.md#threshold-transfer}):
 *
 * <ul>
 *   <li>{@link #toRawThreshold} — for "flag when calibrated {@code >= t_prob}", the raw threshold
 *       {@code t_raw} with {@code raw >= t_raw ⇔ calibrated >= t_prob} on every given score: the lowest
 *       score whose calibrated value reaches {@code t_prob};
 *   <li>{@link #toCalibratedThreshold} — the reverse: for "flag when {@code raw >= t_raw}", the lowest
 *       calibrated value among the flagged scores.
 * </ul>
 *
 * <p>Both check the equivalence on every score rather than assume it, so the answer is exact in
 * floating point: a monotone non-decreasing calibration always has a raw threshold, while the reverse
 * fails when {@code t_raw} cuts through a flat step (two scores on either side with the same calibrated
 * value), and a decreasing calibration (Platt with A &gt; 0) has neither, except trivially. Then the
 * result is {@link ThresholdTransfer.NotEquivalent}, naming the two scores that cannot be separated.
 * Either way, one pass of O(n) calls of {@link #apply(double)} ({@link Cut}) and no allocation per score.
 */
public sealed interface Calibration permits PlattScaling, IsotonicCalibration {

  /**
   * The calibrated probability of a raw score.
   *
   * @throws IllegalArgumentException if the score is NaN or infinite
   */
  double apply(double score);

  /**
   * The calibrated probability of each score, in order.
   *
   * @throws IllegalArgumentException naming the index and value of the first NaN or infinite score
   */
  default double[] apply(double[] scores) {
    Objects.requireNonNull(scores, "scores");
    double[] calibrated = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      Rows.requireFiniteScore(i, scores[i]);
      calibrated[i] = apply(scores[i]);
    }
    return calibrated;
  }

  /**
   * The raw threshold equivalent, on {@code scores}, to flagging calibrated values {@code >=
   * probabilityThreshold}: the lowest score whose calibrated value reaches it, or {@code +Infinity} when
   * none does ({@code docs/definitions.md#threshold-transfer}). On a flat step of the calibration that
   * is the lowest score of the step.
   *
   * @param probabilityThreshold any value but NaN; at or below every calibrated value flags every score
   * @param scores finite raw scores, at least one, e.g. the calibration set or a recent day of traffic
   * @return {@link ThresholdTransfer.Equivalent} with the raw threshold and the number flagged, or
   *     {@link ThresholdTransfer.NotEquivalent} when the calibration decreases across the boundary
   * @throws IllegalArgumentException if the threshold is NaN, {@code scores} is empty, or a score is not
   *     finite (naming its index)
   */
  default ThresholdTransfer toRawThreshold(double probabilityThreshold, double[] scores) {
    return transfer("probabilityThreshold", probabilityThreshold, scores, true,
        cut -> "no raw threshold flags exactly the scores calibrated to >= " + probabilityThreshold
            + ": score " + cut.lowestFlagged() + " is calibrated to " + cut.lowestFlaggedCut()
            + " but the score " + cut.highestUnflagged() + ", not lower, only to "
            + cut.highestUnflaggedCut() + " (the calibration decreases there)");
  }

  /**
   * The calibrated threshold equivalent, on {@code scores}, to flagging raw scores {@code >=
   * rawThreshold}: the lowest calibrated value among the flagged scores, or {@code +Infinity} when no
   * score is flagged ({@code docs/definitions.md#threshold-transfer}).
   *
   * @param rawThreshold any value but NaN
   * @param scores finite raw scores, at least one
   * @return {@link ThresholdTransfer.Equivalent} with the probability threshold and the number flagged,
   *     or {@link ThresholdTransfer.NotEquivalent} when an unflagged score is calibrated at least as high
   *     as a flagged one (the raw threshold cuts through a flat step, or the calibration decreases)
   * @throws IllegalArgumentException if the threshold is NaN, {@code scores} is empty, or a score is not
   *     finite (naming its index)
   */
  default ThresholdTransfer toCalibratedThreshold(double rawThreshold, double[] scores) {
    return transfer("rawThreshold", rawThreshold, scores, false,
        cut -> "no probability threshold flags exactly the scores >= " + rawThreshold + ": score "
            + cut.highestUnflaggedCut() + " (not flagged) is calibrated to " + cut.highestUnflagged()
            + ", not below flagged score " + cut.lowestFlaggedCut() + " (" + cut.lowestFlagged()
            + "); " + (cut.highestUnflagged() == cut.lowestFlagged()
                ? "the raw threshold cuts through a flat step of the calibration"
                : "the calibration decreases there"));
  }

  /**
   * Both directions of a transfer: checks the threshold and the scores, cuts {@code scores} at {@code
   * threshold} (on the calibrated side when {@code onCalibrated}), and answers the equivalent
   * threshold when the cut separates the flagged scores from the rest, else {@code whyNot}'s reason.
   */
  private ThresholdTransfer transfer(String name, double threshold, double[] scores,
      boolean onCalibrated, Function<Cut, String> whyNot) {
    requireThreshold(name, threshold);
    requireScores(scores);
    Cut cut = Cut.of(this, scores, threshold, onCalibrated);
    if (cut.separates()) {
      return new ThresholdTransfer.Equivalent(cut.lowestFlagged(), cut.flagged());
    }
    return new ThresholdTransfer.NotEquivalent(whyNot.apply(cut));
  }

  private static void requireThreshold(String name, double threshold) {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException(name + " must not be NaN");
    }
  }

  private static void requireScores(double[] scores) {
    Objects.requireNonNull(scores, "scores");
    if (scores.length == 0) {
      throw new IllegalArgumentException("scores must not be empty: a threshold is transferred over "
          + "the scores it will be applied to");
    }
    for (int i = 0; i < scores.length; i++) {
      Rows.requireFiniteScore(i, scores[i]);
    }
  }

  /**
   * The outcome of moving a threshold between raw scores and calibrated probabilities over a set of scores
   * ({@code docs/definitions.md#threshold-transfer}): {@link Equivalent} or {@link NotEquivalent}.
   */
  sealed interface ThresholdTransfer {

    /**
     * A threshold on the other scale that flags exactly the same scores.
     *
     * @param threshold the equivalent threshold; {@code +Infinity} when the given rule flags none of the
     *     scores
     * @param flagged how many of the scores both rules flag
     */
    record Equivalent(double threshold, int flagged) implements ThresholdTransfer {

      /** Validates that the threshold is not NaN and the count is not negative. */
      public Equivalent {
        if (Double.isNaN(threshold)) {
          throw new IllegalArgumentException("threshold must not be NaN");
        }
        if (flagged < 0) {
          throw new IllegalArgumentException("flagged must be >= 0, was " + flagged);
        }
      }
    }

    /**
     * No threshold on the other scale flags exactly the same scores: the calibration maps a lower score to
     * a calibrated value at least as high as a higher score's, across the boundary.
     *
     * @param reason a sentence naming the two scores and their calibrated values
     */
    record NotEquivalent(String reason) implements ThresholdTransfer {

      /** Validates that a reason is given. */
      public NotEquivalent {
        if (Objects.requireNonNull(reason, "reason").isBlank()) {
          throw new IllegalArgumentException("reason must not be blank");
        }
      }
    }
  }
}

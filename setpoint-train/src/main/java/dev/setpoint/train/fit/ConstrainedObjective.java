package dev.setpoint.train.fit;

import dev.setpoint.select.Objective;
import dev.setpoint.select.PrecisionAtRecall;
import dev.setpoint.select.RecallAtPrecision;

/**
 * A setpoint written as a constrained problem over per-example 0-1 losses, the form every Lagrangian
 * training method works from ({@code constrained_training.md} §1–3). With {@code FN} the positives
 * missed (logit below 0) and {@code FP} the negatives flagged (logit at or above 0), out of a batch of
 * {@code n} rows holding {@code P} positives:
 *
 * <pre>
 * minimise   a⁺·FN + a⁻·FP
 * subject to c⁺·FN + c⁻·FP − c₀·P ≤ 0
 * </pre>
 *
 * <table>
 *   <caption>The two setpoints</caption>
 *   <tr><th>objective</th><th>a⁺</th><th>a⁻</th><th>c⁺</th><th>c⁻</th><th>c₀</th><th>constraint</th></tr>
 *   <tr><td>{@code recall@precision>=α}</td><td>1</td><td>0</td><td>1−α</td><td>α</td><td>1−α</td>
 *       <td>{@code α·FP − (1−α)·TP ≤ 0}, i.e. precision ≥ α</td></tr>
 *   <tr><td>{@code precision@recall>=r}</td><td>0</td><td>1</td><td>1</td><td>0</td><td>1−r</td>
 *       <td>{@code FN − (1−r)·P ≤ 0}, i.e. recall ≥ r</td></tr>
 * </table>
 *
 * <p>Maximising recall is minimising FN; at a fixed recall, maximising precision is minimising FP. The
 * Lagrangian {@code (a⁺ + λc⁺)·FN + (a⁻ + λc⁻)·FP − λc₀·P} is a class-weighted 0-1 loss, so replacing
 * the 0-1 losses by cross-entropy gives {@link #lagrangian}, weighted cross-entropy with weights {@code
 * w⁺ = a⁺ + λc⁺} and {@code w⁻ = a⁻ + λc⁻}.
 *
 * <p>{@link #hardViolation} measures the <em>true</em> constraint with hard counts at logit 0 (flag iff
 * {@code z >= 0}, {@code docs/definitions.md#decision-rule}). It is written as {@code mass · (target −
 * metric)}, which equals {@code (c⁺·FN + c⁻·FP − c₀·P)/n} but whose sign is exactly the sign of {@code
 * target − metric} with the metric divided as {@code docs/definitions.md#precision} divides it: the
 * cross-multiplied form rounds ({@code 0.9·1 − 0.1·9} is {@code 2.2e-16}, not 0, in binary floating
 * point) and would call a batch at precision exactly 0.9 a violation of {@code precision >= 0.9}.
 */
sealed interface ConstrainedObjective {

  /** Maximise recall subject to precision ≥ α. */
  record MaxRecall(double minPrecision) implements ConstrainedObjective {

    /** Validates α. */
    public MaxRecall {
      if (!(minPrecision > 0 && minPrecision <= 1)) {
        throw new IllegalArgumentException("precision target must be in (0, 1], was " + minPrecision);
      }
    }

    @Override
    public double target() {
      return minPrecision;
    }

    @Override
    public String metric() {
      return "precision";
    }

    @Override
    public double objectiveWeight(boolean positive) {
      return positive ? 1 : 0;
    }

    @Override
    public double constraintWeight(boolean positive) {
      return positive ? 1 - minPrecision : minPrecision;
    }

    @Override
    public double constraintPrior() {
      return 1 - minPrecision;
    }

    /**
     * {@code (flagged/n)·(α − TP/flagged)}: positive exactly when the batch's precision at logit 0 is
     * below α; 0 when nothing is flagged (the cross-multiplied constraint {@code α·FP ≤ (1−α)·TP} holds
     * as {@code 0 ≤ 0}: an empty flag set is not a precision shortfall that a larger λ, which flags
     * less, could mend).
     */
    @Override
    public double hardViolation(double[] logits, boolean[] labels, int count) {
      int flagged = 0;
      int truePositives = 0;
      for (int i = 0; i < count; i++) {
        if (logits[i] >= 0) {
          flagged++;
          if (labels[i]) {
            truePositives++;
          }
        }
      }
      if (flagged == 0) {
        return 0;
      }
      double precision = (double) truePositives / flagged;
      return (double) flagged / count * (minPrecision - precision);
    }

    @Override
    public String syntax() {
      return new RecallAtPrecision(minPrecision).syntax();
    }
  }

  /** Maximise precision subject to recall ≥ r. */
  record MaxPrecision(double minRecall) implements ConstrainedObjective {

    /** Validates r. */
    public MaxPrecision {
      if (!(minRecall > 0 && minRecall <= 1)) {
        throw new IllegalArgumentException("recall target must be in (0, 1], was " + minRecall);
      }
    }

    @Override
    public double target() {
      return minRecall;
    }

    @Override
    public String metric() {
      return "recall";
    }

    @Override
    public double objectiveWeight(boolean positive) {
      return positive ? 0 : 1;
    }

    @Override
    public double constraintWeight(boolean positive) {
      return positive ? 1 : 0;
    }

    @Override
    public double constraintPrior() {
      return 1 - minRecall;
    }

    /**
     * {@code (P/n)·(r − TP/P)}: positive exactly when the batch's recall at logit 0 is below r; 0 when
     * the batch has no positives (recall is undefined and the constraint {@code FN ≤ (1−r)·P} holds as
     * {@code 0 ≤ 0}).
     */
    @Override
    public double hardViolation(double[] logits, boolean[] labels, int count) {
      int positives = 0;
      int truePositives = 0;
      for (int i = 0; i < count; i++) {
        if (labels[i]) {
          positives++;
          if (logits[i] >= 0) {
            truePositives++;
          }
        }
      }
      if (positives == 0) {
        return 0;
      }
      double recall = (double) truePositives / positives;
      return (double) positives / count * (minRecall - recall);
    }

    @Override
    public String syntax() {
      return new PrecisionAtRecall(minRecall).syntax();
    }
  }

  /**
   * The constrained form of a training objective.
   *
   * @throws IllegalArgumentException naming the objective, if it is neither {@code recall@precision>=P}
   *     nor {@code precision@recall>=R}
   */
  static ConstrainedObjective of(Objective objective) {
    if (objective instanceof RecallAtPrecision r) {
      return new MaxRecall(r.minPrecision());
    }
    if (objective instanceof PrecisionAtRecall p) {
      return new MaxPrecision(p.minRecall());
    }
    throw new IllegalArgumentException("training supports recall@precision>=P and "
        + "precision@recall>=R, was '" + objective.syntax() + "'");
  }

  /** The constraint's target: α for precision, r for recall. */
  double target();

  /** The constrained metric's name: {@code precision} or {@code recall}. */
  String metric();

  /** {@code a⁺} (for a positive) or {@code a⁻}: the objective's weight on a 0-1 loss. */
  double objectiveWeight(boolean positive);

  /** {@code c⁺} (for a positive) or {@code c⁻}: the constraint's weight on a 0-1 loss. */
  double constraintWeight(boolean positive);

  /** {@code c₀}: the constraint's allowance per positive. */
  double constraintPrior();

  /**
   * The true constraint on a batch, with hard counts at logit 0; positive exactly when the batch's
   * metric is below the target. Needs no gradient: only its value drives a multiplier.
   */
  double hardViolation(double[] logits, boolean[] labels, int count);

  /** The objective in {@code setpoint choose} syntax. */
  String syntax();

  /**
   * The Lagrangian with cross-entropy in place of the 0-1 losses, less its constant: weighted
   * cross-entropy with {@code w⁺ = a⁺ + λc⁺}, {@code w⁻ = a⁻ + λc⁻}.
   *
   * @param multiplier λ, finite and ≥ 0
   */
  default WeightedCrossEntropy lagrangian(double multiplier) {
    if (!(multiplier >= 0 && Double.isFinite(multiplier))) {
      throw new IllegalArgumentException("multiplier must be finite and >= 0, was " + multiplier);
    }
    return new WeightedCrossEntropy(objectiveWeight(true) + multiplier * constraintWeight(true),
        objectiveWeight(false) + multiplier * constraintWeight(false));
  }
}

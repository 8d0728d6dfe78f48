package dev.setpoint.train.fit;

import dev.setpoint.select.Objective;
import java.util.Objects;

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
record ConstrainedObjective(Objective.Constraint constraint) {

  /** Checks presence; the constraint validated its floor. */
  ConstrainedObjective {
    Objects.requireNonNull(constraint, "constraint");
  }

  /**
   * The constrained form of a training objective: the rate it holds at a floor ({@link
   * Objective#constraint()}).
   *
   * @throws IllegalArgumentException naming the objective, if it is neither {@code recall@precision>=P}
   *     nor {@code precision@recall>=R}
   */
  static ConstrainedObjective of(Objective objective) {
    return new ConstrainedObjective(objective.constraint().orElseThrow(() ->
        new IllegalArgumentException("training supports recall@precision>=P and "
            + "precision@recall>=R, was '" + objective.syntax() + "'")));
  }

  /** The constraint's target: α for precision, r for recall. */
  double target() {
    return constraint.floor();
  }

  /** The constrained metric's name: {@code precision} or {@code recall}. */
  String metric() {
    return constraint.rate().label();
  }

  /** {@code a⁺} (for a positive) or {@code a⁻}: the objective's weight on a 0-1 loss. */
  double objectiveWeight(boolean positive) {
    return switch (constraint.rate()) {
      case PRECISION -> positive ? 1 : 0; // maximise recall: minimise FN
      case RECALL -> positive ? 0 : 1; // maximise precision at a fixed recall: minimise FP
    };
  }

  /** {@code c⁺} (for a positive) or {@code c⁻}: the constraint's weight on a 0-1 loss. */
  double constraintWeight(boolean positive) {
    double floor = constraint.floor();
    return switch (constraint.rate()) {
      case PRECISION -> positive ? 1 - floor : floor;
      case RECALL -> positive ? 1 : 0;
    };
  }

  /** {@code c₀}: the constraint's allowance per positive, {@code 1 − α} or {@code 1 − r}. */
  double constraintPrior() {
    return 1 - constraint.floor();
  }

  /**
   * The true constraint on a batch, with hard counts at logit 0; positive exactly when the batch's
   * metric is below the target. Needs no gradient: only its value drives a multiplier.
   *
   * <p>For precision {@code (flagged/n)·(α − TP/flagged)}, 0 when nothing is flagged (the
   * cross-multiplied constraint {@code α·FP ≤ (1−α)·TP} holds as {@code 0 ≤ 0}: an empty flag set is
   * not a precision shortfall that a larger λ, which flags less, could mend). For recall {@code
   * (P/n)·(r − TP/P)}, 0 when the batch has no positives (recall is undefined and the constraint
   * {@code FN ≤ (1−r)·P} holds as {@code 0 ≤ 0}).
   */
  double hardViolation(double[] logits, boolean[] labels, int count) {
    int flagged = 0;
    int positives = 0;
    int truePositives = 0;
    for (int i = 0; i < count; i++) {
      boolean flag = logits[i] >= 0;
      flagged += flag ? 1 : 0;
      positives += labels[i] ? 1 : 0;
      truePositives += flag && labels[i] ? 1 : 0;
    }
    int denominator = switch (constraint.rate()) {
      case PRECISION -> flagged;
      case RECALL -> positives;
    };
    if (denominator == 0) {
      return 0;
    }
    double metric = (double) truePositives / denominator;
    return (double) denominator / count * (constraint.floor() - metric);
  }

  /** The objective in {@code setpoint choose} syntax. */
  String syntax() {
    return constraint.objective().syntax();
  }

  /**
   * The Lagrangian with cross-entropy in place of the 0-1 losses, less its constant: weighted
   * cross-entropy with {@code w⁺ = a⁺ + λc⁺}, {@code w⁻ = a⁻ + λc⁻}.
   *
   * @param multiplier λ, finite and ≥ 0
   */
  WeightedCrossEntropy lagrangian(double multiplier) {
    if (!(multiplier >= 0 && Double.isFinite(multiplier))) {
      throw new IllegalArgumentException("multiplier must be finite and >= 0, was " + multiplier);
    }
    return new WeightedCrossEntropy(objectiveWeight(true) + multiplier * constraintWeight(true),
        objectiveWeight(false) + multiplier * constraintWeight(false));
  }
}

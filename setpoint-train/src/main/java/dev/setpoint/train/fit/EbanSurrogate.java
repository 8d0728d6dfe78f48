package dev.setpoint.train.fit;

import dev.setpoint.train.model.Logistic;
import java.util.Objects;

/**
 * Eban et al.'s surrogate Lagrangian (global objectives, cross-entropy form) at a fixed multiplier λ
 * ({@code constrained_training.md} §1, code form), for either setpoint of {@link ConstrainedObjective}:
 *
 * <pre>
 * loss_i = y_i·(a⁺ + λc⁺)·softplus(−z_i) + (1−y_i)·(a⁻ + λc⁻)·softplus(z_i) − λ·c₀·π·ln 2
 * </pre>
 *
 * averaged over the batch. For {@code recall@precision>=α} that is global objectives'
 * {@code recall_at_precision_loss}: {@code y·(1 + λ(1−α))·softplus(−z) + (1−y)·λα·softplus(z) −
 * λ(1−α)·π·ln 2}; for {@code precision@recall>=r} its {@code precision_at_recall_loss}: {@code
 * y·λ·softplus(−z) + (1−y)·softplus(z) − λ(1−r)·π·ln 2}. The softplus terms divided by ln 2 bound the
 * 0-1 losses, so the λ-term is the Lagrangian of the <em>surrogate</em> constraint, which is stricter
 * than the true one; the decision is at logit 0 (the model's bias plays the threshold b).
 *
 * <p>{@link #multiplierGradient} is {@code ∂loss/∂λ}; the trainer ascends it with a cap, because the
 * surrogate constraint can stay violated while the true one holds and λ would then grow without bound
 * (§1, caveat).
 *
 * @param objective the setpoint
 * @param lambda the current multiplier λ, finite and ≥ 0
 * @param prior the training prevalence π, in (0, 1)
 */
record EbanSurrogate(ConstrainedObjective objective, double lambda, double prior)
    implements Loss {

  private static final double LN2 = Math.log(2);

  /** Validates the parameters. */
  public EbanSurrogate {
    Objects.requireNonNull(objective, "objective");
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException("multiplier must be finite and >= 0, was " + lambda);
    }
    if (!(prior > 0 && prior < 1)) {
      throw new IllegalArgumentException("prior must be in (0, 1), was " + prior);
    }
  }

  @Override
  public double evaluate(double[] logits, boolean[] labels, int count, double[] gradient) {
    return objective.lagrangian(lambda).evaluate(logits, labels, count, gradient)
        - lambda * objective.constraintPrior() * prior * LN2;
  }

  /**
   * {@code ∂loss/∂λ} on the batch: {@code mean_i[c⁺·y_i·softplus(−z_i) + c⁻·(1−y_i)·softplus(z_i)] −
   * c₀·π·ln 2}; positive exactly when the surrogate constraint is violated.
   */
  public double multiplierGradient(double[] logits, boolean[] labels, int count) {
    double cp = objective.constraintWeight(true);
    double cn = objective.constraintWeight(false);
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += labels[i] ? cp * Logistic.softplus(-logits[i]) : cn * Logistic.softplus(logits[i]);
    }
    return sum / count - objective.constraintPrior() * prior * LN2;
  }

  @Override
  public String name() {
    return "eban-" + objective.syntax();
  }
}

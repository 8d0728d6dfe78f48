package dev.setpoint.train.loss;

/**
 * Eban et al.'s recall-at-precision surrogate (global objectives, cross-entropy form) at a fixed
 * multiplier λ ({@code constrained_training.md} §1, code form):
 *
 * <pre>
 * loss_i = y_i·(1 + λ(1−α))·softplus(−z_i) + (1−y_i)·λα·softplus(z_i) − λ(1−α)·π·ln 2
 * </pre>
 *
 * averaged over the batch. The softplus terms divided by ln 2 bound the 0-1 losses, so the λ-term is the
 * Lagrangian of the surrogate constraint {@code (1−α)·tp_l ≥ α·fp_u}; the decision is at logit 0 (the
 * model's bias plays the threshold b). {@link #multiplierGradient} is {@code ∂loss/∂λ}; ascent on it,
 * projected onto {@code [0, cap]}, is {@link #ascend}. The cap is needed: the surrogate constraint is
 * stricter than the true one and λ can grow without bound (§1, caveat).
 *
 * @param alpha the precision target α, in (0, 1)
 * @param lambda the current multiplier λ, finite and ≥ 0
 * @param prior the training prevalence π, in (0, 1)
 */
public record RecallAtPrecisionSurrogate(double alpha, double lambda, double prior) implements Loss {

  private static final double LN2 = Math.log(2);

  /** Validates the parameters. */
  public RecallAtPrecisionSurrogate {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("precision target must be in (0, 1), was " + alpha);
    }
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException("multiplier must be finite and >= 0, was " + lambda);
    }
    if (!(prior > 0 && prior < 1)) {
      throw new IllegalArgumentException("prior must be in (0, 1), was " + prior);
    }
  }

  @Override
  public double evaluate(double[] logits, boolean[] labels, int count, double[] gradient) {
    double wp = 1 + lambda * (1 - alpha);
    double wn = lambda * alpha;
    return WeightedCrossEntropy.evaluate(wp, wn, logits, labels, count, gradient)
        - lambda * (1 - alpha) * prior * LN2;
  }

  /**
   * {@code ∂loss/∂λ} on the batch: {@code mean_i[(1−α)·y_i·softplus(−z_i) + α·(1−y_i)·softplus(z_i)]
   * − (1−α)·π·ln 2}; positive exactly when the surrogate constraint is violated.
   */
  public double multiplierGradient(double[] logits, boolean[] labels, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += labels[i] ? (1 - alpha) * Logistic.softplus(-logits[i])
          : alpha * Logistic.softplus(logits[i]);
    }
    return sum / count - (1 - alpha) * prior * LN2;
  }

  /**
   * One projected ascent step on λ: {@code λ ← min(cap, max(0, λ + rate·∂loss/∂λ))}.
   *
   * @param rate the dual step, finite and &gt; 0
   * @param cap the largest multiplier allowed, finite and ≥ 0
   */
  public RecallAtPrecisionSurrogate ascend(double multiplierGradient, double rate, double cap) {
    if (!(rate > 0 && Double.isFinite(rate))) {
      throw new IllegalArgumentException("dual step must be finite and > 0, was " + rate);
    }
    if (!(cap >= 0 && Double.isFinite(cap))) {
      throw new IllegalArgumentException("multiplier cap must be finite and >= 0, was " + cap);
    }
    double next = Math.min(cap, Math.max(0, lambda + rate * multiplierGradient));
    return new RecallAtPrecisionSurrogate(alpha, next, prior);
  }

  @Override
  public String name() {
    return "eban-recall@precision>=" + alpha;
  }
}

package dev.setpoint.train.fit;

import java.util.Objects;

/**
 * The model player's loss in the proxy-Lagrangian game (Cotter, Jiang and Sridharan, ALT 2019;
 * TFCO's {@code ProxyLagrangianOptimizer}; {@code constrained_training.md} §2): with the λ-player's
 * mixture {@code (p₀, p₁)}, {@code p₀ + p₁ = 1},
 *
 * <pre>
 * loss = p₀·objectivẽ + p₁·g̃
 * objectivẽ = mean_i[a⁺·y_i·ℓ⁺(z_i) + a⁻·(1−y_i)·ℓ⁻(z_i)]
 * g̃         = mean_i[c⁺·y_i·ℓ⁺(z_i) + c⁻·(1−y_i)·ℓ⁻(z_i)] − c₀·P/B
 * ℓ⁺(z) = softplus(−z)/ln 2,  ℓ⁻(z) = softplus(z)/ln 2
 * </pre>
 *
 * where {@code ℓ⁺ ≥ 1[z < 0]} and {@code ℓ⁻ ≥ 1[z ≥ 0]} bound the 0-1 losses, so {@code g̃} is an
 * upper-bounding proxy of the true constraint ({@link ConstrainedObjective}) and {@code objectivẽ} of
 * the objective. Only the model step sees this loss; the λ-player's step uses the true constraint with
 * hard counts ({@link ConstrainedObjective#hardViolation}). The gradient is that of weighted
 * cross-entropy with {@code w± = (p₀a± + p₁c±)/ln 2}.
 *
 * @param objective the setpoint
 * @param constraintShare {@code p₁}, in [0, 1]
 */
record ProxyLagrangianLoss(ConstrainedObjective objective, double constraintShare)
    implements Loss {

  private static final double LN2 = Math.log(2);

  /** Validates the share. */
  public ProxyLagrangianLoss {
    Objects.requireNonNull(objective, "objective");
    if (!(constraintShare >= 0 && constraintShare <= 1)) {
      throw new IllegalArgumentException("constraint share must be in [0, 1], was " + constraintShare);
    }
  }

  @Override
  public double evaluate(double[] logits, boolean[] labels, int count, double[] gradient) {
    double p1 = constraintShare;
    double p0 = 1 - p1;
    double wp = (p0 * objective.objectiveWeight(true) + p1 * objective.constraintWeight(true)) / LN2;
    double wn = (p0 * objective.objectiveWeight(false) + p1 * objective.constraintWeight(false)) / LN2;
    int positives = 0;
    for (int i = 0; i < count; i++) {
      if (labels[i]) {
        positives++;
      }
    }
    return WeightedCrossEntropy.evaluate(wp, wn, logits, labels, count, gradient)
        - p1 * objective.constraintPrior() * positives / count;
  }

  @Override
  public String name() {
    return "proxy-lagrangian-" + objective.syntax();
  }
}

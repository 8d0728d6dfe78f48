package dev.setpoint.train.fit;

import dev.setpoint.train.model.Logistic;

/**
 * Cross-entropy with a fixed weight per class: a positive costs {@code w⁺·softplus(-z)}, a negative
 * {@code w⁻·softplus(z)}, averaged over the batch (divided by B, not by the sum of weights).
 *
 * <p>Its pointwise minimiser flags x iff {@code η(x) ≥ w⁻ / (w⁺ + w⁻)}, so raising the negative weight
 * moves the model's decision boundary toward higher precision ({@code constrained_training.md} §3).
 *
 * @param positiveWeight w⁺, finite and ≥ 0
 * @param negativeWeight w⁻, finite and ≥ 0; not both 0
 */
record WeightedCrossEntropy(double positiveWeight, double negativeWeight) implements Loss {

  /** Validates the weights. */
  public WeightedCrossEntropy {
    if (!(positiveWeight >= 0 && Double.isFinite(positiveWeight))) {
      throw new IllegalArgumentException("positive weight must be finite and >= 0, was " + positiveWeight);
    }
    if (!(negativeWeight >= 0 && Double.isFinite(negativeWeight))) {
      throw new IllegalArgumentException("negative weight must be finite and >= 0, was " + negativeWeight);
    }
    if (positiveWeight == 0 && negativeWeight == 0) {
      throw new IllegalArgumentException("positive and negative weight cannot both be 0");
    }
  }

  @Override
  public double evaluate(double[] logits, boolean[] labels, int count, double[] gradient) {
    return evaluate(positiveWeight, negativeWeight, logits, labels, count, gradient);
  }

  @Override
  public String name() {
    return "weighted-bce(pos=" + positiveWeight + ",neg=" + negativeWeight + ")";
  }

  /** Shared with {@link BinaryCrossEntropy}: trusts its arguments. */
  static double evaluate(double wp, double wn, double[] logits, boolean[] labels, int count,
      double[] gradient) {
    double sum = 0;
    double inv = 1.0 / count;
    for (int i = 0; i < count; i++) {
      double z = logits[i];
      if (labels[i]) {
        sum += wp * Logistic.softplus(-z);
        gradient[i] = -wp * Logistic.sigmoid(-z) * inv; // σ(z) − 1 without cancellation
      } else {
        sum += wn * Logistic.softplus(z);
        gradient[i] = wn * Logistic.sigmoid(z) * inv;
      }
    }
    return sum * inv;
  }
}

package dev.setpoint.train.fit;

import dev.setpoint.train.model.Logistic;

/**
 * The naive "re-weight the loss by the batch's recall" answer, implemented faithfully as a baseline
 * ({@code constrained_training.md} §3, "why the original fails"). It is the common Keras recipe
 *
 * <pre>{@code
 * recall = K.sum(K.round(y_true * y_pred)) / (K.sum(y_true) + K.epsilon())
 * loss   = binary_crossentropy(y_true, y_pred) * (1 + (1 - recall))
 * }</pre>
 *
 * on logits: {@code r̂ = Σ_i y_i·rint(σ(z_i)) / (P + 1e-7)} (half-even rounding, so a row is counted
 * iff {@code σ(z) > 0.5}; a batch without positives has r̂ = 0), and {@code loss = (2 − r̂)·BCE}, the
 * batch-mean binary cross-entropy.
 *
 * <p>What it does: {@code rint(σ(z))} is piecewise constant, so its derivative is 0 wherever it exists
 * and r̂ contributes nothing to the gradient; the gradient is BCE's scaled by the per-batch constant
 * {@code 2 − r̂ ∈ [1, 2]}. That changes only the step length, and Adam divides by the running root mean
 * square of the gradient, so most of even that cancels. The precision target appears nowhere: this
 * optimises BCE, noisily. (Central differences agree with {@link #evaluate}'s gradient away from
 * {@code z = 0}, which is the point: the rounding is invisible to the gradient.)
 */
record RoundedRecallReweighting() implements Loss {

  /** Keras's {@code K.epsilon()}. */
  private static final double EPSILON = 1e-7;

  @Override
  public double evaluate(double[] logits, boolean[] labels, int count, double[] gradient) {
    double positives = 0;
    double caught = 0;
    for (int i = 0; i < count; i++) {
      if (labels[i]) {
        positives++;
        caught += Math.rint(Logistic.sigmoid(logits[i]));
      }
    }
    double recall = caught / (positives + EPSILON);
    double factor = 1 + (1 - recall);
    return WeightedCrossEntropy.evaluate(factor, factor, logits, labels, count, gradient);
  }

  @Override
  public String name() {
    return "naive_reweight";
  }
}

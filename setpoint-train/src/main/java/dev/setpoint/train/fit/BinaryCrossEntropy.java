package dev.setpoint.train.fit;

/**
 * Binary cross-entropy on logits: a positive costs {@code softplus(-z)}, a negative {@code softplus(z)};
 * the derivatives are {@code σ(z) − 1} and {@code σ(z)}. Equal to the negative log-likelihood of the
 * logistic model, averaged over the batch.
 */
record BinaryCrossEntropy() implements Loss {

  @Override
  public double evaluate(double[] logits, boolean[] labels, int count, double[] gradient) {
    return WeightedCrossEntropy.evaluate(1, 1, logits, labels, count, gradient);
  }

  @Override
  public String name() {
    return "bce";
  }
}

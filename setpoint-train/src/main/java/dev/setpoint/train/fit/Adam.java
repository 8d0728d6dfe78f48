package dev.setpoint.train.fit;

/**
 * Adam (Kingma and Ba, 2015, Algorithm 1) over one flat parameter vector, with the bias-corrected
 * moments and the defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. Deterministic: no randomness, and the same
 * order of floating-point operations on every call.
 */
final class Adam {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final double learningRate;
  private final double[] m;
  private final double[] v;
  private double beta1Power = 1;
  private double beta2Power = 1;

  Adam(int size, double learningRate) {
    this.learningRate = learningRate;
    this.m = new double[size];
    this.v = new double[size];
  }

  /** One step: {@code theta -= lr · m̂ / (sqrt(v̂) + ε)}. */
  void step(double[] theta, double[] gradient) {
    beta1Power *= BETA1;
    beta2Power *= BETA2;
    double c1 = 1 - beta1Power;
    double c2 = 1 - beta2Power;
    for (int k = 0; k < theta.length; k++) {
      double g = gradient[k];
      m[k] = BETA1 * m[k] + (1 - BETA1) * g;
      v[k] = BETA2 * v[k] + (1 - BETA2) * g * g;
      theta[k] -= learningRate * (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPSILON);
    }
  }
}

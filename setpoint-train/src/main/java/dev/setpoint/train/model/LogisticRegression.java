package dev.setpoint.train.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Logistic regression parameters: logit {@code z = w·x + b} on standardised features; the
 * {@link DenseNetwork} with no hidden layer, whose parameter vector is {@code [w₁ … w_d, b]}.
 *
 * @param weights one finite weight per feature
 * @param bias the finite intercept
 */
public record LogisticRegression(double[] weights, double bias) implements Model {

  /** Validates and copies the weights. */
  public LogisticRegression {
    Objects.requireNonNull(weights, "weights");
    for (int j = 0; j < weights.length; j++) {
      if (!Double.isFinite(weights[j])) {
        throw new IllegalArgumentException("weight " + j + " must be finite, was " + weights[j]);
      }
    }
    if (!Double.isFinite(bias)) {
      throw new IllegalArgumentException("bias must be finite, was " + bias);
    }
    weights = weights.clone();
  }

  /** The number of features. */
  @Override
  public int features() {
    return weights.length;
  }

  @Override
  public Network network() {
    return new DenseNetwork(weights.length, List.of());
  }

  @Override
  public double[] parameterVector() {
    double[] theta = Arrays.copyOf(weights, weights.length + 1);
    theta[weights.length] = bias;
    return theta;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The logit of one standardised row. */
  public double logit(double[] x) {
    double z = bias;
    for (int j = 0; j < weights.length; j++) {
      z += weights[j] * x[j];
    }
    return z;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogisticRegression m && Arrays.equals(weights, m.weights)
        && Double.compare(bias, m.bias) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weights) + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "LogisticRegression[weights=" + Arrays.toString(weights) + ", bias=" + bias + "]";
  }
}

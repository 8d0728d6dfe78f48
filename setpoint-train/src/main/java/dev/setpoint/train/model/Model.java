package dev.setpoint.train.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted model's parameters: what a model file holds and what scores rows. Each kind is a network
 * ({@link #network()}) with a fixed parameter vector ({@link #parameterVector()}), so scoring runs the
 * very forward pass that training ran.
 */
public sealed interface Model {

  /** The number of input features. */
  int features();

  /** The network these parameters belong to. */
  Network network();

  /** A copy of θ in the network's layout ({@link DenseNetwork}). */
  double[] parameterVector();

  /**
   * Logistic regression parameters: logit {@code z = w·x + b} on standardised features; the
   * {@link DenseNetwork} with no hidden layer, whose parameter vector is {@code [w₁ … w_d, b]}.
   *
   * @param weights one finite weight per feature
   * @param bias the finite intercept
   */
  record LogisticRegression(double[] weights, double bias) implements Model {

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

  /**
   * Multilayer perceptron parameters: one or more ReLU hidden layers and a linear output unit whose value
   * is the logit ({@link DenseNetwork} gives the maths and the layout of the parameter vector).
   *
   * @param features the number of inputs
   * @param hidden the hidden layers' widths from the input, at least one layer, each at least 1
   * @param parameters θ in {@link DenseNetwork}'s layout, every entry finite
   */
  record MultilayerPerceptron(int features, List<Integer> hidden, double[] parameters)
      implements Model {

    /** Validates the shape and the parameters and copies them. */
    public MultilayerPerceptron {
      hidden = List.copyOf(hidden);
      if (hidden.isEmpty()) {
        throw new IllegalArgumentException("a multilayer perceptron needs at least one hidden layer");
      }
      int expected = new DenseNetwork(features, hidden).parameterCount();
      Objects.requireNonNull(parameters, "parameters");
      if (parameters.length != expected) {
        throw new IllegalArgumentException("a perceptron of " + features + " features and hidden layers "
            + hidden + " has " + expected + " parameters, was given " + parameters.length);
      }
      for (int k = 0; k < parameters.length; k++) {
        if (!Double.isFinite(parameters[k])) {
          throw new IllegalArgumentException("parameter " + k + " must be finite, was " + parameters[k]);
        }
      }
      parameters = parameters.clone();
    }

    @Override
    public double[] parameters() {
      return parameters.clone();
    }

    @Override
    public Network network() {
      return new DenseNetwork(features, hidden);
    }

    @Override
    public double[] parameterVector() {
      return parameters.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MultilayerPerceptron m && features == m.features && hidden.equals(m.hidden)
          && Arrays.equals(parameters, m.parameters);
    }

    @Override
    public int hashCode() {
      return Objects.hash(features, hidden, Arrays.hashCode(parameters));
    }

    @Override
    public String toString() {
      return "MultilayerPerceptron[features=" + features + ", hidden=" + hidden + ", parameters="
          + Arrays.toString(parameters) + "]";
    }
  }
}

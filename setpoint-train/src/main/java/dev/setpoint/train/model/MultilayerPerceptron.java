package dev.setpoint.train.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Multilayer perceptron parameters: one or more ReLU hidden layers and a linear output unit whose value
 * is the logit ({@link DenseNetwork} gives the maths and the layout of the parameter vector).
 *
 * @param features the number of inputs
 * @param hidden the hidden layers' widths from the input, at least one layer, each at least 1
 * @param parameters θ in {@link DenseNetwork}'s layout, every entry finite
 */
public record MultilayerPerceptron(int features, List<Integer> hidden, double[] parameters)
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

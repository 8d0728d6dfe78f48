package dev.setpoint.train.model;

/**
 * A fitted model's parameters: what a model file holds and what scores rows. Each kind is a network
 * ({@link #network()}) with a fixed parameter vector ({@link #parameterVector()}), so scoring runs the
 * very forward pass that training ran.
 */
public sealed interface Model permits LogisticRegression, MultilayerPerceptron {

  /** The number of input features. */
  int features();

  /** The network these parameters belong to. */
  Network network();

  /** A copy of θ in the network's layout ({@link DenseNetwork}). */
  double[] parameterVector();
}

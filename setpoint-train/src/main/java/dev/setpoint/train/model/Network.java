package dev.setpoint.train.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A differentiable model of one logit per row over a flat parameter vector θ: the seam between the
 * trainer and an architecture. The trainer owns θ (Adam steps it as one vector), the rows and the loss;
 * a network only maps rows to logits ({@link #forward}) and logit gradients to a parameter gradient
 * ({@link #backward}). The loss contract stays "logits in, {@code ∂loss/∂z} out"
 * ({@link dev.setpoint.train.fit.Loss}), so every loss trains every network.
 *
 * <p>Rows are addressed indirectly: batch position {@code k} is the row {@code rows[k]} of the row-major
 * matrix {@code x} ({@link #features()} values a row), so a shuffled batch needs no copy of its rows. A
 * call covers the positions {@code [from, to)}; several calls on disjoint ranges, each with its own
 * {@link Scratch}, may run at the same time on one θ (θ is only read).
 *
 * <p>Order of floating-point operations: a call's arithmetic depends only on θ and on its rows, never on
 * which thread runs it, so the same inputs give the same bits (Java evaluates floating point strictly in
 * program order, JLS §15.4).
 */
public sealed interface Network permits DenseNetwork {

  /**
   * Logistic regression ({@code hidden} empty) or a ReLU perceptron with the given hidden widths from
   * the input.
   *
   * @param features the number of inputs, at least 1
   * @param hidden the hidden layers' widths, each at least 1
   */
  static Network dense(int features, List<Integer> hidden) {
    return new DenseNetwork(features, hidden);
  }

  /** The number of input features. */
  int features();

  /** The length of θ. */
  int parameterCount();

  /**
   * Which entries of θ are weights (under the L2 penalty) rather than biases (never penalised); a fresh
   * array of {@link #parameterCount()} flags.
   */
  boolean[] weightMask();

  /** Writes the starting parameters into {@code theta}, drawing from {@code random} only. */
  void initialize(double[] theta, SplittableRandom random);

  /** Working memory for calls covering at most {@code capacity} positions; not shared between threads. */
  Scratch scratch(int capacity);

  /**
   * Writes {@code logits[k]} for {@code k} in {@code [from, to)} and keeps in {@code scratch} what
   * {@link #backward} needs; {@code to − from} must not exceed the scratch's capacity.
   */
  void forward(double[] theta, double[] x, int[] rows, int from, int to, double[] logits,
      Scratch scratch);

  /**
   * Adds {@code Σ_k dz[k] · ∂z_k/∂θ} over {@code k} in {@code [from, to)} to {@code gradient}, in
   * increasing {@code k}; {@code scratch} must hold the {@link #forward} of the same θ and positions.
   */
  void backward(double[] theta, double[] x, int[] rows, int from, int to, double[] dz,
      Scratch scratch, double[] gradient);

  /** The deployable model with parameters θ (copied). */
  Model model(double[] theta);

  /**
   * Per-call working memory: the hidden activations of up to {@link #capacity()} positions and two
   * vectors for the backward pass. Created by {@link Network#scratch}.
   */
  final class Scratch {
    final int capacity;
    final double[][] activations;
    final double[] delta;
    final double[] previous;

    Scratch(int capacity, int[] hidden) {
      if (capacity < 1) {
        throw new IllegalArgumentException("scratch capacity must be >= 1, was " + capacity);
      }
      this.capacity = capacity;
      this.activations = new double[hidden.length][];
      int widest = 1;
      for (int l = 0; l < hidden.length; l++) {
        activations[l] = new double[capacity * hidden[l]];
        widest = Math.max(widest, hidden[l]);
      }
      this.delta = new double[widest];
      this.previous = new double[widest];
    }

    /** The number of positions one call may cover. */
    public int capacity() {
      return capacity;
    }
  }
}

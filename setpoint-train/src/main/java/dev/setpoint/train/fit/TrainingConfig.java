package dev.setpoint.train.fit;

import dev.setpoint.select.Objective;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What to train and for how long.
 *
 * @param method the training method: a fixed loss, a Lagrangian method or a naive baseline
 * @param objective the setpoint: {@code recall@precision>=P} or {@code precision@recall>=R}; it
 *     chooses the epoch on validation (exact, on the core curve) and is the constrained methods' target
 * @param maxEpochs the epoch budget, at least 1
 * @param batchSize examples per Adam step, at least 1
 * @param learningRate Adam's step size, finite and &gt; 0
 * @param l2 the L2 penalty {@code (l2/2)·‖w‖²} on weights (not the biases), finite and ≥ 0
 * @param patience stop after this many epochs without a better validation result, at least 1
 * @param seed seeds the split, the batch order and the initial weights
 * @param maxSeconds the time budget: training stops after the epoch during which it is passed; empty
 *     for none, else finite and &gt; 0
 * @param hidden the hidden layers' widths from the input (ReLU, each at least 1); empty for logistic
 *     regression
 * @param threads the number of threads, and of shards each batch is cut into, at least 1; the weights
 *     are bit-identical for the same seed and thread count, not across thread counts
 */
public record TrainingConfig(TrainingMethod method, Objective objective, int maxEpochs, int batchSize,
    double learningRate, double l2, int patience, long seed, OptionalDouble maxSeconds,
    List<Integer> hidden, int threads) {

  /** Validates every setting, naming the bad value. */
  public TrainingConfig {
    Objects.requireNonNull(method, "method");
    ConstrainedObjective.of(Objects.requireNonNull(objective, "objective"));
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + maxEpochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be finite and > 0, was " + learningRate);
    }
    if (!(l2 >= 0 && Double.isFinite(l2))) {
      throw new IllegalArgumentException("l2 must be finite and >= 0, was " + l2);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, was " + patience);
    }
    Objects.requireNonNull(maxSeconds, "maxSeconds");
    if (maxSeconds.isPresent() && !(maxSeconds.getAsDouble() > 0
        && Double.isFinite(maxSeconds.getAsDouble()))) {
      throw new IllegalArgumentException("max seconds must be finite and > 0, was "
          + maxSeconds.getAsDouble());
    }
    hidden = List.copyOf(Objects.requireNonNull(hidden, "hidden"));
    for (int width : hidden) {
      if (width < 1) {
        throw new IllegalArgumentException("hidden layer widths must be >= 1, were " + hidden);
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
  }

  /** Logistic regression (no hidden layer) on one thread, without a time budget. */
  public TrainingConfig(TrainingMethod method, Objective objective, int maxEpochs, int batchSize,
      double learningRate, double l2, int patience, long seed) {
    this(method, objective, maxEpochs, batchSize, learningRate, l2, patience, seed,
        OptionalDouble.empty(), List.of(), 1);
  }

  /**
   * Defaults: logistic regression on one thread, 200 epochs, batches of 256, learning rate 0.01, l2
   * 1e-4, patience 20, no time budget.
   */
  public static TrainingConfig defaults(TrainingMethod method, Objective objective, long seed) {
    return new TrainingConfig(method, objective, 200, 256, 0.01, 1e-4, 20, seed);
  }

  /**
   * Checks that training can aim at the objective: {@code recall@precision>=P} or {@code
   * precision@recall>=R}; any other objective is refused with a message naming it.
   */
  public static void requireTrainable(Objective objective) {
    ConstrainedObjective.of(objective);
  }

  /** The objective as a constrained problem. */
  ConstrainedObjective constrained() {
    return ConstrainedObjective.of(objective);
  }
}

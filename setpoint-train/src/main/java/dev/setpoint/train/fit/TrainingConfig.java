package dev.setpoint.train.fit;

import dev.setpoint.select.RecallAtPrecision;
import dev.setpoint.train.loss.Loss;
import java.util.List;
import java.util.Objects;

/**
 * What to train and for how long.
 *
 * @param loss the training loss
 * @param objective the validation objective that chooses the epoch (exact, on the core curve)
 * @param maxEpochs the epoch budget, at least 1
 * @param batchSize examples per Adam step, at least 1
 * @param learningRate Adam's step size, finite and &gt; 0
 * @param l2 the L2 penalty {@code (l2/2)·‖w‖²} on weights (not the bias), finite and ≥ 0
 * @param patience stop after this many epochs without a better validation result, at least 1
 * @param seed seeds the split, the batch order and the initial weights
 * @param hidden the hidden layers' widths from the input (ReLU, each at least 1); empty for logistic
 *     regression
 * @param threads the number of threads, and of shards each batch is cut into, at least 1; the weights
 *     are bit-identical for the same seed and thread count, not across thread counts
 */
public record TrainingConfig(Loss loss, RecallAtPrecision objective, int maxEpochs, int batchSize,
    double learningRate, double l2, int patience, long seed, List<Integer> hidden, int threads) {

  /** Logistic regression (no hidden layer) on one thread. */
  public TrainingConfig(Loss loss, RecallAtPrecision objective, int maxEpochs, int batchSize,
      double learningRate, double l2, int patience, long seed) {
    this(loss, objective, maxEpochs, batchSize, learningRate, l2, patience, seed, List.of(), 1);
  }

  /** Validates every setting, naming the bad value. */
  public TrainingConfig {
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(objective, "objective");
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

  /**
   * Defaults: logistic regression on one thread, 200 epochs, batches of 256, learning rate 0.01, l2
   * 1e-4, patience 20.
   */
  public static TrainingConfig defaults(Loss loss, RecallAtPrecision objective, long seed) {
    return new TrainingConfig(loss, objective, 200, 256, 0.01, 1e-4, 20, seed);
  }
}

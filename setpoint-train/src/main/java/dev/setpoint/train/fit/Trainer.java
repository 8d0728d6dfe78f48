package dev.setpoint.train.fit;

import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.Standardization;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.fit.EpochReport.ValidationScore;
import dev.setpoint.train.fit.TrainingResult.StopReason;
import dev.setpoint.train.model.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Fits a {@link Network} — logistic regression, or a multilayer perceptron when the configuration names
 * hidden layers — with mini-batch Adam, L2 on the weights (not the biases), exact validation early
 * stopping and best-epoch checkpointing.
 *
 * <p>Implementation notes.
 * <ol>
 *   <li>The standardisation is fitted on the training rows only and applied to the validation rows, so
 *       no validation statistic leaks into the features.
 *   <li>Three independent random streams come from the configuration's seed: the split of the rows
 *       uses {@code new SplittableRandom(seed)} itself; the batch order (a fresh Fisher–Yates shuffle per
 *       epoch) uses its first {@code split()}, the initial weights its second ({@link
 *       Network#initialize}: zero for logistic regression, He for a perceptron). Adding a stream never
 *       shifts another. With the same data, configuration and seed every floating-point operation
 *       happens in the same order, so the weights are bit-identical.
 *   <li>Per batch: the network's forward pass gives the logits; the configuration's {@link
 *       TrainingMethod}, through a {@link MethodRun}, turns them into {@code ∂L/∂z_i} (already carrying
 *       the 1/B) and moves the method's multiplier; the network's backward pass turns those into
 *       {@code Σ_i (∂L/∂z_i)·∂z_i/∂θ}, and {@code l2·θ_k} is added for every weight (not the biases).
 *       A method with an epoch-level step gets the training logits, from the same forward pass, after
 *       each epoch. The network side of the loop never sees the method, so every method trains every
 *       network.
 *   <li>Threads: the forward and backward passes, the validation logits and the epoch's training logits
 *       run on {@code threads} contiguous shards, on a pool created for this run and shut down when it
 *       ends; the method's step, the reduction of the shards' gradients (in shard order) and the Adam
 *       step run on the calling thread ({@link ShardedNetwork}). The same seed and thread count give
 *       bit-identical weights and multipliers; another thread count sums in another order, so its
 *       weights differ in the last bits.
 *   <li>After each epoch the validation logits are scored exactly ({@link ValidationScore}); an epoch
 *       that is strictly better is copied as the checkpoint, and training stops after {@code patience}
 *       epochs without one, after the epoch in which the time budget is passed (read from the injected
 *       clock), or, for the naive baseline, after the batch whose metric dipped ({@link StopReason}).
 * </ol>
 */
public final class Trainer {

  private final TrainingConfig config;
  private final LongSupplier nanoTime;

  /** A trainer for the given configuration, timed by {@link System#nanoTime}. */
  public Trainer(TrainingConfig config) {
    this(config, System::nanoTime);
  }

  /**
   * A trainer for the given configuration.
   *
   * @param nanoTime the clock of the time budget, in nanoseconds (tests pass a fake one)
   */
  public Trainer(TrainingConfig config, LongSupplier nanoTime) {
    this.config = Objects.requireNonNull(config, "config");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * Trains on {@code split.train()}, choosing the epoch on {@code split.validation()}; the calibration
   * rows are not touched.
   *
   * @param progress receives each epoch's report as it finishes
   */
  public TrainingResult train(StratifiedSplit split, Consumer<EpochReport> progress) {
    Objects.requireNonNull(progress, "progress");
    long started = nanoTime.getAsLong();
    try (ShardPool pool = new ShardPool(config.threads())) {
      return train(split, progress, pool, started);
    }
  }

  private TrainingResult train(StratifiedSplit split, Consumer<EpochReport> progress,
      ShardPool pool, long started) {
    Standardization standardization = Standardization.fit(split.train());
    FeatureMatrix train = standardization.apply(split.train());
    FeatureMatrix validation = standardization.apply(split.validation());
    int n = train.rows();
    int d = train.features();
    double[] x = train.values();
    boolean[] y = train.labels();
    double[] vx = validation.values();
    boolean[] vy = validation.labels();

    Network network = Network.dense(d, config.hidden());
    int p = network.parameterCount();
    double[] theta = new double[p];
    double[] gradient = new double[p];
    boolean[] penalised = network.weightMask();
    int batch = Math.min(config.batchSize(), n);
    ShardedNetwork sharded = new ShardedNetwork(network, pool, batch);
    int[] rows = new int[batch];
    double[] logits = new double[batch];
    boolean[] labels = new boolean[batch];
    double[] dz = new double[batch];
    double[] validationLogits = new double[validation.rows()];
    int[] validationRows = identity(validation.rows());
    int[] order = identity(n);
    // The split (StratifiedSplit) draws from new SplittableRandom(seed); the batch order and the
    // initial weights draw from streams split off it, so the three are independent.
    SplittableRandom seeds = new SplittableRandom(config.seed());
    SplittableRandom random = seeds.split();
    network.initialize(theta, seeds.split());
    Adam adam = new Adam(p, config.learningRate());
    MethodRun run = MethodRun.start(config.method(), config.constrained(),
        (double) train.positives() / n);
    double[] trainingLogits = run.needsTrainingLogits() ? new double[n] : null;
    int[] trainingRows = run.needsTrainingLogits() ? identity(n) : null;
    StopReason stop = new StopReason.EpochBudget(config.maxEpochs());

    List<EpochReport> history = new ArrayList<>();
    ValidationScore best = null;
    double[] bestTheta = theta.clone();
    int bestEpoch = 0;
    for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
      FeatureMatrix.shuffle(order, random);
      double lossSum = 0;
      int batches = 0;
      for (int start = 0; start < n; start += batch) {
        int count = Math.min(batch, n - start);
        for (int k = 0; k < count; k++) {
          rows[k] = order[start + k];
          labels[k] = y[rows[k]];
        }
        sharded.forward(theta, x, rows, count, logits);
        double loss = run.batch(logits, labels, count, dz);
        sharded.gradient(theta, x, rows, count, dz, gradient);
        double penalty = 0;
        for (int k = 0; k < p; k++) {
          if (penalised[k]) {
            gradient[k] += config.l2() * theta[k];
            penalty += theta[k] * theta[k];
          }
        }
        lossSum += loss + 0.5 * config.l2() * penalty;
        batches++;
        adam.step(theta, gradient);
        if (run.stopRequest().isPresent()) {
          stop = new StopReason.BatchDip(epoch, batches, run.stopRequest().get());
          break;
        }
      }
      if (trainingLogits != null && trainingRows != null) {
        sharded.logits(theta, x, trainingRows, n, trainingLogits);
        run.epoch(trainingLogits, y);
      }
      sharded.logits(theta, vx, validationRows, validationRows.length, validationLogits);
      ValidationScore score = ValidationScore.measure(config.objective(), validationLogits, vy);
      boolean improved = best == null || score.betterThan(best);
      if (improved) {
        best = score;
        bestTheta = theta.clone();
        bestEpoch = epoch;
      }
      EpochReport report = new EpochReport(epoch, lossSum / batches, score, improved,
          run.multipliers());
      history.add(report);
      progress.accept(report);
      if (stop instanceof StopReason.BatchDip) {
        break;
      }
      if (epoch - bestEpoch >= config.patience()) {
        stop = new StopReason.Patience(config.patience());
        break;
      }
      double elapsed = (nanoTime.getAsLong() - started) / 1e9;
      if (config.maxSeconds().isPresent() && elapsed > config.maxSeconds().getAsDouble()) {
        stop = new StopReason.TimeBudget(config.maxSeconds().getAsDouble(), elapsed);
        break;
      }
    }
    return new TrainingResult(config, standardization, network.model(bestTheta), bestEpoch,
        history, stop);
  }

  private static int[] identity(int n) {
    int[] rows = new int[n];
    Arrays.setAll(rows, i -> i);
    return rows;
  }
}

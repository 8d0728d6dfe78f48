package dev.setpoint.train.fit;

import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.Standardization;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.model.LogisticRegression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Fits logistic regression with mini-batch Adam, L2, exact validation early stopping and best-epoch
 * checkpointing.
 *
 * <p>Implementation notes.
 * <ol>
 *   <li>The standardisation is fitted on the training rows only and applied to the validation rows, so
 *       no validation statistic leaks into the features.
 *   <li>Parameters start at zero (the problem is convex, so the start only changes the path). The batch
 *       order is a fresh Fisher–Yates shuffle per epoch from a {@link SplittableRandom} split off one
 *       seeded by the configuration's seed (the split of the rows uses the parent's own stream); with the
 *       same data, configuration and seed every floating-point operation
 *       happens in the same order, so the weights are bit-identical.
 *   <li>Parameter gradients: {@code ∂L/∂w_j = Σ_i (∂L/∂z_i)·x_ij + l2·w_j}, {@code ∂L/∂b = Σ_i ∂L/∂z_i};
 *       the loss's per-logit gradient already carries the 1/B.
 *   <li>The per-logit gradient comes from the configuration's {@link TrainingMethod} through a {@link
 *       MethodRun}, which also moves the method's multiplier after each batch (or, for an epoch-level
 *       step, from the training logits after each epoch); the model side of the loop only turns logits
 *       into {@code ∂loss/∂z} and back into parameter gradients.
 *   <li>After each epoch the validation logits are scored exactly ({@link ValidationScore}); an epoch
 *       that is strictly better is copied as the checkpoint, and training stops after {@code patience}
 *       epochs without one, after the epoch in which the time budget is passed (read from the injected
 *       clock), or, for the naive baseline, after the batch whose metric dipped ({@link StopReason}).
 * </ol>
 */
public final class LogisticRegressionTrainer {

  private final TrainingConfig config;
  private final LongSupplier nanoTime;

  /** A trainer for the given configuration, timed by {@link System#nanoTime}. */
  public LogisticRegressionTrainer(TrainingConfig config) {
    this(config, System::nanoTime);
  }

  /**
   * A trainer for the given configuration.
   *
   * @param nanoTime the clock of the time budget, in nanoseconds (tests pass a fake one)
   */
  public LogisticRegressionTrainer(TrainingConfig config, LongSupplier nanoTime) {
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
    Standardization standardization = Standardization.fit(split.train());
    FeatureMatrix train = standardization.apply(split.train());
    FeatureMatrix validation = standardization.apply(split.validation());
    int n = train.rows();
    int d = train.features();
    double[] x = train.values();
    boolean[] y = train.labels();
    double[] vx = validation.values();
    boolean[] vy = validation.labels();

    double[] theta = new double[d + 1]; // weights, then the bias
    double[] gradient = new double[d + 1];
    int batch = Math.min(config.batchSize(), n);
    double[] logits = new double[batch];
    boolean[] labels = new boolean[batch];
    double[] dz = new double[batch];
    double[] validationLogits = new double[validation.rows()];
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    // The split (StratifiedSplit) draws from new SplittableRandom(seed); the batch order draws from a
    // stream split off it, so the two are independent rather than the same sequence.
    SplittableRandom random = new SplittableRandom(config.seed()).split();
    Adam adam = new Adam(d + 1, config.learningRate());
    MethodRun run = MethodRun.start(config.method(), config.constrained(),
        (double) train.positives() / n);
    double[] trainingLogits = run.needsTrainingLogits() ? new double[n] : null;
    StopReason stop = new StopReason.EpochBudget(config.maxEpochs());

    List<EpochReport> history = new ArrayList<>();
    ValidationScore best = null;
    double[] bestTheta = theta.clone();
    int bestEpoch = 0;
    for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
      shuffle(order, random);
      double lossSum = 0;
      int batches = 0;
      for (int start = 0; start < n; start += batch) {
        int count = Math.min(batch, n - start);
        for (int k = 0; k < count; k++) {
          int row = order[start + k];
          logits[k] = logit(theta, x, row * d, d);
          labels[k] = y[row];
        }
        double loss = run.batch(logits, labels, count, dz);
        Arrays.fill(gradient, 0);
        for (int k = 0; k < count; k++) {
          int offset = order[start + k] * d;
          double g = dz[k];
          for (int j = 0; j < d; j++) {
            gradient[j] += g * x[offset + j];
          }
          gradient[d] += g;
        }
        double penalty = 0;
        for (int j = 0; j < d; j++) {
          gradient[j] += config.l2() * theta[j];
          penalty += theta[j] * theta[j];
        }
        lossSum += loss + 0.5 * config.l2() * penalty;
        batches++;
        adam.step(theta, gradient);
        if (run.stopRequest().isPresent()) {
          stop = new StopReason.BatchDip(epoch, batches, run.stopRequest().get());
          break;
        }
      }
      if (trainingLogits != null) {
        for (int i = 0; i < n; i++) {
          trainingLogits[i] = logit(theta, x, i * d, d);
        }
        run.epoch(trainingLogits, y);
      }
      for (int i = 0; i < validationLogits.length; i++) {
        validationLogits[i] = logit(theta, vx, i * d, d);
      }
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
    LogisticRegression parameters =
        new LogisticRegression(Arrays.copyOf(bestTheta, d), bestTheta[d]);
    return new TrainingResult(config, standardization, parameters, bestEpoch, history, stop);
  }

  private static double logit(double[] theta, double[] x, int offset, int d) {
    double z = theta[d];
    for (int j = 0; j < d; j++) {
      z += theta[j] * x[offset + j];
    }
    return z;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

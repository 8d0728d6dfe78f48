package dev.setpoint.bench;

import dev.setpoint.select.Objective;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.fit.Trainer;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.fit.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a training epoch takes: logistic regression and a perceptron with one hidden layer of 32,
 * on 10^5 training rows × 50 features, at 1 and 2 threads.
 *
 * <p>What is timed: one whole {@code Trainer.train} call with an epoch budget of {@code epochs} (early
 * stopping cannot end it sooner: patience equals the budget). A call also fits and applies the
 * standardisation and starts the thread pool, once; each epoch is a pass over the 10^5 training rows in
 * batches of {@code batch} (forward, BCE, backward, L2, Adam) and the exact validation score of 10^4
 * rows (sharded logits, then the curve). So the cost of one epoch in a longer run is
 * {@code (t(epochs=5) − t(epochs=1)) / 4}, and {@code t(epochs=1)} is the cost of a one-epoch run.
 *
 * <p>Data: seeded ({@link #SEED}); 50 standard normal features; label ~ Bernoulli(σ(β·x − 2.5 + x₀x₁))
 * with β_j = 1/√50 · (±1), about 13 % positives. The split is given directly (10^5 train, 10^4
 * validation), so every configuration sees the same rows.
 *
 * <p>Run: {@code mvn -B -q -pl setpoint-bench -am -DskipTests package}, then {@code java -jar
 * setpoint-bench/target/benchmarks.jar TrainingBenchmark -f 1 -wi 3 -i 5} (about 6 minutes); other
 * batch sizes: add {@code -p batch=64,1024}. Results: {@code docs/benchmarks.md}, "Training epochs".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class TrainingBenchmark {

  /** The data's seed. */
  public static final long SEED = 20261124;
  static final int TRAIN_ROWS = 100_000;
  static final int VALIDATION_ROWS = 10_000;
  static final int FEATURES = 50;

  /** {@code lr}: logistic regression; {@code mlp32}: one ReLU hidden layer of 32. */
  @Param({"lr", "mlp32"})
  public String model;

  @Param({"1", "2"})
  public int threads;

  @Param({"1", "5"})
  public int epochs;

  @Param({"256"})
  public int batch;

  private StratifiedSplit split;
  private TrainingConfig config;

  @Setup(Level.Trial)
  public void generate() {
    SplittableRandom random = new SplittableRandom(SEED);
    split = new StratifiedSplit(rows(TRAIN_ROWS, random), rows(VALIDATION_ROWS, random),
        rows(100, random));
    List<Integer> hidden = switch (model) {
      case "lr" -> List.of();
      case "mlp32" -> List.of(32);
      default -> throw new IllegalArgumentException("model must be lr or mlp32, was " + model);
    };
    config = new TrainingConfig(TrainingMethod.bce(),
        Objective.recallAtPrecision(0.9), epochs, batch, 0.01, 1e-4, epochs, 1, OptionalDouble.empty(),
        hidden, threads);
  }

  static FeatureMatrix rows(int n, SplittableRandom random) {
    double[] x = new double[n * FEATURES];
    boolean[] y = new boolean[n];
    double scale = 1 / Math.sqrt(FEATURES);
    for (int i = 0; i < n; i++) {
      double z = -2.5;
      for (int j = 0; j < FEATURES; j++) {
        double v = Math.sqrt(-2 * Math.log1p(-random.nextDouble()))
            * Math.cos(2 * Math.PI * random.nextDouble());
        x[i * FEATURES + j] = v;
        z += (j % 2 == 0 ? scale : -scale) * v;
      }
      z += x[i * FEATURES] * x[i * FEATURES + 1];
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z));
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < FEATURES; j++) {
      names.add("f" + j);
    }
    return new FeatureMatrix(names, x, y);
  }

  @Benchmark
  public TrainingResult train() {
    return new Trainer(config).train(split, r -> { });
  }
}

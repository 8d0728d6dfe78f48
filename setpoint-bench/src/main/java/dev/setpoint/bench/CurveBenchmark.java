package dev.setpoint.bench;

import dev.setpoint.curve.Curve;
import java.util.Arrays;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The exact curve, AP and ROC AUC from primitive arrays, against the floor of sorting the same scores.
 *
 * <ul>
 *   <li>{@code curveApAuc}: {@code Curve.of(scores, labels)} — copy into the builder, split by class, sort,
 *       merge ties into points — then {@code averagePrecision()} and {@code rocAuc()}. Everything a user
 *       pays for from arrays in memory to the two numbers.
 *   <li>{@code arraysSort}: {@code Arrays.sort} of a fresh copy of the same scores (the copy is made in
 *       an untimed per-invocation setup). Any exact curve needs at least this sort, so it is the floor.
 * </ul>
 *
 * <p>Run: {@code setpoint-bench/run.sh} (all benchmarks and the scikit-learn comparison), or directly
 * {@code java -Xmx8g -jar setpoint-bench/target/benchmarks.jar CurveBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class CurveBenchmark {

  @Param({"1000000", "10000000"})
  public int n;

  @Param({"CONTINUOUS", "ROUNDED4"})
  public ScoreData.Kind scores;

  private ScoreData data;
  private double[] copy;

  @Setup(Level.Trial)
  public void generate() {
    data = ScoreData.generate(n, scores, ScoreData.SEED);
    copy = new double[n];
  }

  @Setup(Level.Invocation)
  public void freshCopy() {
    System.arraycopy(data.scores(), 0, copy, 0, n);
  }

  @Benchmark
  public void curveApAuc(Blackhole bh) {
    Curve curve = Curve.of(data.scores(), data.labels());
    bh.consume(curve.averagePrecision());
    bh.consume(curve.rocAuc());
  }

  @Benchmark
  public double[] arraysSort() {
    Arrays.sort(copy);
    return copy;
  }
}

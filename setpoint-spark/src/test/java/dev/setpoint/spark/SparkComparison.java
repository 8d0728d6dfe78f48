package dev.setpoint.spark;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.Curve.PrCurve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.Selection;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The question: on the same 10^7 scored rows, in one local-mode run, how do Setpoint's exact curve on
 * Spark, its sketch on Spark, setpoint-core in memory and Spark MLlib's {@code
 * BinaryClassificationMetrics} (numBins 0 and 1000) compare in wall time, AUC-PR, ROC AUC and the
 * recall they reach at precision >= 0.9 and >= 0.95?
 *
 * <p>Data: row i (0-based) is a pure function of (seed, i) through SplitMix64, so Spark and the driver
 * generate the same rows without moving them: label positive with probability 0.05; score = σ(z − 3.5 +
 * 2.5·label), z standard normal (Box-Muller), rounded to 6 decimals, so about 10^6 distinct scores and
 * many ties. The DataFrame is cached and counted before any timing; in-memory arrays are generated
 * before timing too.
 *
 * <p>What each time covers: the whole answer (curve, AP or AUC-PR, ROC AUC, and both recall-at-precision
 * selections). For Setpoint on Spark that includes its one input-validation pass.
 *
 * <p>Run: {@code setpoint-bench/spark-compare.sh [rows] [seed]} (test scope of setpoint-spark, so MLlib
 * stays out of every shipped jar).
 */
public final class SparkComparison {

  private static final double[] TARGETS = {0.9, 0.95};

  private SparkComparison() {}

  public static void main(String[] args) {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261123L;
    SparkSession spark = SparkSession.builder().appName("setpoint-spark-compare")
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        // 4 range partitions per core instead of the default 200 (AQE, on by default, may coalesce).
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    try {
      // A first, small round pays for class loading, JIT and Spark's code generation in every engine,
      // so the timed round measures the work.
      run(spark, Math.min(n, 100_000), seed + 1, false);
      run(spark, n, seed, true);
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, long n, long seed, boolean print) {
    if (print) {
      System.out.printf(Locale.ROOT, "rows %,d, seed %d, Spark %s, %s, shuffle partitions %s, "
        + "default parallelism %d, max heap %,d MiB%n", n, seed, spark.version(),
        spark.sparkContext().master(), spark.conf().get("spark.sql.shuffle.partitions"),
          spark.sparkContext().defaultParallelism(), Runtime.getRuntime().maxMemory() >> 20);
    }
    Dataset<Row> df = spark.range(n)
        .map((MapFunction<Long, Tuple2<Double, Boolean>>) id -> new Tuple2<>(score(id, seed),
            label(id, seed)), Encoders.tuple(Encoders.DOUBLE(), Encoders.BOOLEAN()))
        .toDF("score", "label").cache();
    long t0 = System.nanoTime();
    long counted = df.count();
    if (print) {
      System.out.printf(Locale.ROOT, "generated and cached %,d rows in %.1f s%n", counted,
          elapsed(t0));
    }

    List<Result> results = new ArrayList<>();
    ScoredColumns columns = ScoredColumns.of("score", "label");

    long start = System.nanoTime();
    Curve exactSpark = SparkCurves.create().curve(df, columns);
    results.add(Result.of("Setpoint exact on Spark", exactSpark, start));
    Curve exact = exactSpark;

    for (int bins : new int[] {1_000, 10_000}) {
      start = System.nanoTime();
      ScoreSketch sketch = SparkCurves.create().sketch(df, columns,
          Binning.logit(1e-6, 1 - 1e-6, bins));
      results.add(Result.of("Setpoint sketch on Spark (logit, " + String.format(Locale.ROOT, "%,d",
          bins) + " bins)", sketch.curve(), start));
    }

    double[] scores = new double[Math.toIntExact(n)];
    boolean[] labels = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = score(i, seed);
      labels[i] = label(i, seed);
    }
    start = System.nanoTime();
    Curve memory = Curve.of(scores, labels);
    results.add(Result.of("setpoint-core in memory", memory, start));
    scores = null;
    labels = null;

    JavaRDD<Tuple2<Object, Object>> pairs = df.javaRDD()
        .map(r -> new Tuple2<>(r.getDouble(0), r.getBoolean(1) ? 1.0 : 0.0));
    for (int bins : new int[] {0, 1_000}) {
      start = System.nanoTime();
      BinaryClassificationMetrics metrics = bins == 0
          ? new BinaryClassificationMetrics(pairs.rdd())
          : new BinaryClassificationMetrics(pairs.rdd(), bins);
      double pr = metrics.areaUnderPR();
      double roc = metrics.areaUnderROC();
      // Recall at precision >= p, as an MLlib user would get it: (threshold, precision) zipped with
      // (threshold, recall), kept where precision >= p, the largest recall (ties: higher threshold).
      JavaPairRDD<Tuple2<Object, Object>, Tuple2<Object, Object>> byThreshold = metrics
          .precisionByThreshold().toJavaRDD().zip(metrics.recallByThreshold().toJavaRDD());
      double[] recallAt = new double[TARGETS.length];
      double[] thresholdAt = new double[TARGETS.length];
      for (int k = 0; k < TARGETS.length; k++) {
        double target = TARGETS[k];
        Tuple2<Double, Double> best = byThreshold
            .filter(t -> (Double) t._1()._2() >= target)
            .map(t -> new Tuple2<>((Double) t._2()._2(), (Double) t._1()._1()))
            .fold(new Tuple2<>(Double.NaN, Double.NaN), SparkComparison::better);
        recallAt[k] = best._1();
        thresholdAt[k] = best._2();
      }
      double secs = elapsed(start);
      results.add(new Result("MLlib BinaryClassificationMetrics, numBins " + bins, secs,
          metrics.thresholds().count(), Double.NaN, pr, roc, recallAt, thresholdAt));
      metrics.unpersist();
    }
    df.unpersist();
    if (!print) {
      return;
    }

    System.out.println();
    System.out.println("| engine | wall time (s) | curve points | AP (step) | AUC-PR trapezoid | ROC AUC "
        + "| recall @ precision >= 0.9 (threshold) | recall @ precision >= 0.95 (threshold) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      System.out.println(r.row());
    }
    System.out.println();
    System.out.println("Differences from the exact answer (Setpoint exact on Spark):");
    Result reference = results.get(0);
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "- %s: AP %s, AUC-PR trapezoid %s, ROC AUC %s, recall@0.9 %s, "
          + "recall@0.95 %s%n", r.engine, diff(r.stepAp, reference.stepAp),
          diff(r.trapezoidPr, reference.trapezoidPr), diff(r.rocAuc, reference.rocAuc),
          diff(r.recallAt[0], reference.recallAt[0]), diff(r.recallAt[1], reference.recallAt[1]));
    }
    System.out.printf(Locale.ROOT, "exact on Spark equals core in memory bit for bit: %s%n",
        sameBits(exact, memory));
  }

  private record Result(String engine, double seconds, long points, double stepAp, double trapezoidPr,
      double rocAuc, double[] recallAt, double[] thresholdAt) {

    static Result of(String engine, Curve curve, long start) {
      double ap = curve.averagePrecision();
      double roc = curve.rocAuc();
      double[] recall = new double[TARGETS.length];
      double[] threshold = new double[TARGETS.length];
      for (int k = 0; k < TARGETS.length; k++) {
        Objective o = ObjectiveParser.parse("recall@precision>=" + TARGETS[k]);
        Selection s = o.select(curve);
        if (s instanceof Selection.Feasible f) {
          recall[k] = f.point().confusion().recall();
          threshold[k] = f.point().threshold();
        } else {
          recall[k] = Double.NaN;
          threshold[k] = Double.NaN;
        }
      }
      double secs = elapsed(start);
      return new Result(engine, secs, curve.size(), ap, trapezoid(curve), roc, recall, threshold);
    }

    String row() {
      return String.format(Locale.ROOT, "| %s | %.1f | %,d | %s | %.6f | %.6f | %.6f (%.6f) | %.6f (%.6f) |",
          engine, seconds, points, Double.isNaN(stepAp) ? "–" : String.format(Locale.ROOT, "%.6f",
              stepAp), trapezoidPr, rocAuc, recallAt[0], thresholdAt[0], recallAt[1], thresholdAt[1]);
    }
  }

  /**
   * MLlib's areaUnderPR rule on our curve: trapezoids between consecutive (recall, precision) points,
   * starting from (0, precision of the first point). Shown so the two AUC-PR columns compare like with
   * like.
   */
  static double trapezoid(Curve curve) {
    PrCurve pr = curve.prCurve();
    double[] recall = pr.recall();
    double[] precision = pr.precision();
    double area = 0;
    double previousRecall = 0;
    double previousPrecision = precision[1];
    for (int i = 1; i < recall.length; i++) {
      area += (recall[i] - previousRecall) * (precision[i] + previousPrecision) / 2;
      previousRecall = recall[i];
      previousPrecision = precision[i];
    }
    return area;
  }

  /** Of two (recall, threshold) pairs, the larger recall, then the higher threshold; NaN is none. */
  private static Tuple2<Double, Double> better(Tuple2<Double, Double> a, Tuple2<Double, Double> b) {
    if (a._1().isNaN()) {
      return b;
    }
    if (b._1().isNaN()) {
      return a;
    }
    int c = Double.compare(a._1(), b._1());
    return c > 0 || (c == 0 && a._2() >= b._2()) ? a : b;
  }

  private static String diff(double value, double reference) {
    if (Double.isNaN(value) || Double.isNaN(reference)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%+.2e", value - reference);
  }

  private static boolean sameBits(Curve a, Curve b) {
    if (a.size() != b.size() || a.positives() != b.positives() || a.negatives() != b.negatives()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (Double.doubleToRawLongBits(a.threshold(i)) != Double.doubleToRawLongBits(b.threshold(i))
          || a.truePositives(i) != b.truePositives(i) || a.falsePositives(i) != b.falsePositives(i)) {
        return false;
      }
    }
    return Double.doubleToRawLongBits(a.averagePrecision())
        == Double.doubleToRawLongBits(b.averagePrecision())
        && Double.doubleToRawLongBits(a.rocAuc()) == Double.doubleToRawLongBits(b.rocAuc());
  }

  private static double elapsed(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  // Row i's values: pure functions of (seed, i), the same on executors and on the driver.

  static boolean label(long id, long seed) {
    return uniform(id, seed, 0) < 0.05;
  }

  static double score(long id, long seed) {
    double u1 = 1 - uniform(id, seed, 1); // (0, 1]
    double u2 = uniform(id, seed, 2);
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    double logit = z - 3.5 + (label(id, seed) ? 2.5 : 0);
    double p = 1 / (1 + Math.exp(-logit));
    return Math.round(p * 1e6) / 1e6;
  }

  private static double uniform(long id, long seed, int stream) {
    return (mix(seed * 0x9E3779B97F4A7C15L + id * 4 + stream) >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

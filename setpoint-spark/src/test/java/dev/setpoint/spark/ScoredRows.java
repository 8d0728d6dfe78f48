package dev.setpoint.spark;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.SegmentedCurves;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Seeded random scored rows with heavy ties, -0.0 beside 0.0, fractional weights and weight-0 rows, and
 * two segment columns (one of them sometimes null); with the in-memory answers to compare against.
 */
record ScoredRows(double[] scores, boolean[] labels, double[] weights, String[] country,
    String[] tier) {

  static final StructType SCHEMA = new StructType()
      .add("score", DataTypes.DoubleType)
      .add("label", DataTypes.IntegerType)
      .add("weight", DataTypes.DoubleType)
      .add("country", DataTypes.StringType)
      .add("tier", DataTypes.StringType);

  enum Weights { ONE, ZERO_OR_ONE, INTEGER, FRACTIONAL }

  static ScoredRows random(SplittableRandom random, int n, Weights kind) {
    double[] s = new double[n];
    boolean[] l = new boolean[n];
    double[] w = new double[n];
    String[] c = new String[n];
    String[] t = new String[n];
    int levels = 2 + random.nextInt(200); // few distinct scores: many ties
    String[] countries = {"DE", "FR", "US", "MT"};
    for (int i = 0; i < n; i++) {
      double u = random.nextInt(levels) / (double) levels;
      s[i] = random.nextInt(20) == 0 ? -0.0 : u * 2 - 0.5; // scores in [-0.5, 1.5), -0.0 and 0.0
      // Positives score higher on average, so curves and objectives are not trivial.
      l[i] = random.nextDouble() < 0.15 + 0.6 * u;
      w[i] = switch (kind) {
        case ONE -> 1.0;
        case ZERO_OR_ONE -> random.nextInt(10) == 0 ? 0.0 : 1.0;
        case INTEGER -> random.nextInt(10) == 0 ? 0.0 : 1 + random.nextInt(5);
        case FRACTIONAL -> random.nextInt(10) == 0 ? 0.0 : random.nextDouble() * 3;
      };
      // MT is rare: its segments fall back to their parents or the default.
      int ci = random.nextInt(100);
      c[i] = countries[ci < 40 ? 0 : ci < 70 ? 1 : ci < 97 ? 2 : 3];
      t[i] = random.nextInt(8) == 0 ? null : random.nextBoolean() ? "gold" : "basic";
    }
    return new ScoredRows(s, l, w, c, t);
  }

  Dataset<Row> frame(SparkSession spark) {
    List<Row> rows = new ArrayList<>(scores.length);
    for (int i = 0; i < scores.length; i++) {
      rows.add(RowFactory.create(scores[i], labels[i] ? 1 : 0, weights[i], country[i], tier[i]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The same rows in another order. */
  ScoredRows shuffled(SplittableRandom random) {
    int n = scores.length;
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int x = p[i];
      p[i] = p[j];
      p[j] = x;
    }
    double[] s = new double[n];
    boolean[] l = new boolean[n];
    double[] w = new double[n];
    String[] c = new String[n];
    String[] t = new String[n];
    for (int i = 0; i < n; i++) {
      s[i] = scores[p[i]];
      l[i] = labels[p[i]];
      w[i] = weights[p[i]];
      c[i] = country[p[i]];
      t[i] = tier[p[i]];
    }
    return new ScoredRows(s, l, w, c, t);
  }

  /** The in-memory curve of every row: CurveBuilder, rows in this order. */
  Curve curve() {
    return Curve.of(scores, labels, weights);
  }

  /** The in-memory curves per (country, tier) with parents, as the CLI builds them. */
  SegmentedCurves segmented() {
    SegmentedCurves sink = new SegmentedCurves(true);
    for (int i = 0; i < scores.length; i++) {
      sink.accept(scores[i], labels[i], weights[i],
          new SegmentKey(List.of(country[i], tier[i] == null ? "" : tier[i])));
    }
    return sink;
  }

  ScoreSketch sketch(Binning binning) {
    ScoreSketch sketch = new ScoreSketch(binning);
    for (int i = 0; i < scores.length; i++) {
      sketch.add(scores[i], labels[i], weights[i]);
    }
    return sketch;
  }
}

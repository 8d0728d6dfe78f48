package dev.setpoint.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.select.Objective;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Setpoint on Spark DataFrames: exact curves, sketches and operating-point selection, overall and per
 * segment, with the same answers as the in-memory engine ({@code setpoint-core}).
 *
 * <ul>
 *   <li>{@link #curve} — the exact {@link Curve}: one point per distinct score, flagged iff {@code score
 *       >= t}, ties never split ({@code docs/definitions.md#curve-points}). Computed by a
 *       range-partitioned sort on score descending with per-partition prefix offsets; equal bit for bit
 *       (thresholds, counts, hence {@link Curve#averagePrecision()} and {@link Curve#rocAuc()}) to
 *       {@link dev.setpoint.curve.CurveBuilder} on the same rows, in any order and any partitioning,
 *       weighted or not ({@code docs/definitions.md#weights}: weighted counts are exact sums rounded
 *       once).
 *   <li>{@link #curves} — the same per segment key, and per prefix of a multi-column key, in one job.
 *   <li>{@link #sketch} — a {@link ScoreSketch} per partition, merged: fixed memory, with the sketch's
 *       stated error bound ({@code docs/definitions.md#score-sketch}); the fast path for very large data.
 *   <li>{@link #choose} — an objective's operating point overall and per segment, with the core's
 *       fallback rules ({@link SegmentedSelection}); {@link SparkChoice#policy} writes the policy
 *       document {@code setpoint choose -o} would.
 * </ul>
 *
 * <p>Every method first checks its input in one pass (null, NaN or infinite scores; labels other than
 * 0/1/true/false; negative, NaN or infinite weights) and throws an {@link IllegalArgumentException} that
 * names each bad column, how many rows are bad and an example value ({@code
 * docs/definitions.md#input-errors}); nothing is dropped silently.
 *
 * <p>Instances are immutable and hold no Spark state; the DataFrame's session runs the jobs.
 */
public final class SparkCurves {

  /** The most rows the unweighted path takes: a class's count must fit an {@code int}. */
  static final long COUNTED_ROWS_LIMIT = Integer.MAX_VALUE;

  private final int partitions;

  private SparkCurves(int partitions) {
    this.partitions = partitions;
  }

  /** Range-partitions into {@code spark.sql.shuffle.partitions} partitions. */
  public static SparkCurves create() {
    return new SparkCurves(0);
  }

  /**
   * Range-partitions into this many partitions (Spark may use fewer when there are fewer distinct
   * scores). The result does not depend on it; the time does.
   *
   * @throws IllegalArgumentException if {@code partitions < 1}
   */
  public static SparkCurves withPartitions(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    return new SparkCurves(partitions);
  }

  /** The exact curve of unweighted rows. See {@link #curve(Dataset, ScoredColumns)}. */
  public Curve curve(Dataset<Row> df, String scoreColumn, String labelColumn) {
    return curve(df, ScoredColumns.of(scoreColumn, labelColumn));
  }

  /** The exact curve of weighted rows. See {@link #curve(Dataset, ScoredColumns)}. */
  public Curve curve(Dataset<Row> df, String scoreColumn, String labelColumn, String weightColumn) {
    return curve(df, ScoredColumns.of(scoreColumn, labelColumn).withWeight(weightColumn));
  }

  /**
   * The exact curve of all rows (segment columns, if any, are ignored here).
   *
   * @throws IllegalArgumentException naming each invalid column, its number of bad rows and an example
   */
  public Curve curve(Dataset<Row> df, ScoredColumns columns) {
    return curves(df, new ScoredColumns(columns.score(), columns.label(), columns.weight(),
        List.of())).overall();
  }

  /**
   * The exact curves of all rows, of every segment key and of every prefix of a multi-column key, in
   * one job (each row is counted once per level: the shuffle carries {@code 1 + segments} copies).
   *
   * @throws IllegalArgumentException naming each invalid column, its number of bad rows and an example
   */
  public ScoredCurves curves(Dataset<Row> df, ScoredColumns columns) {
    Objects.requireNonNull(df, "df");
    InputCheck check = new InputCheck(df, columns);
    InputCheck.Summary summary = check.run(df);
    Dataset<Row> rows = df.select(key(columns.segments()).as("k"), check.score().as("s"),
        check.positive().as("p"), check.weight().as("w"));
    // Unweighted curves count rows in ints (Curve#ofCounts); past 2^31 − 1 rows a class could
    // overflow them, so such data takes the exact-sum path, whose counts are doubles and exact
    // integers up to 2^53.
    boolean weighted = summary.weighted() || summary.rows() > COUNTED_ROWS_LIMIT;
    ExactCurves.Keyed keyed = ExactCurves.compute(rows, weighted, partitions);
    Curve overall = keyed.curves().getOrDefault("", Curve.ofCounts(new double[0], new int[0],
        new int[0]));
    Map<SegmentKey, Curve> segments = new LinkedHashMap<>();
    Map<SegmentKey, Long> segmentRows = new LinkedHashMap<>();
    keyed.curves().forEach((k, curve) -> {
      if (!k.isEmpty()) {
        SegmentKey key = decode(k);
        segments.put(key, curve);
        segmentRows.put(key, keyed.rows().get(k));
      }
    });
    return new ScoredCurves(columns.segments(), overall, summary.rows(), segments, segmentRows);
  }

  /**
   * A sketch of all rows: one {@link ScoreSketch} per partition, serialised, then merged pairwise in a
   * tree. Equal to the sketch of the same rows added in memory (exactly for integer weights; within
   * float64 rounding of the bins' sums otherwise, see {@link ScoreSketch#merge}).
   *
   * @throws IllegalArgumentException naming each invalid column, its number of bad rows and an example
   */
  public ScoreSketch sketch(Dataset<Row> df, ScoredColumns columns, Binning binning) {
    Objects.requireNonNull(binning, "binning");
    InputCheck check = new InputCheck(df, columns);
    check.run(df);
    byte[] empty = new ScoreSketch(binning).toBytes();
    byte[] merged = df.select(check.score(), check.positive(), check.weight()).javaRDD()
        .mapPartitions(new SketchPartition(empty))
        .treeReduce(SparkCurves::mergeBytes);
    return ScoreSketch.fromBytes(merged);
  }

  private static byte[] mergeBytes(byte[] a, byte[] b) {
    return ScoreSketch.fromBytes(a).merge(ScoreSketch.fromBytes(b)).toBytes();
  }

  /** Adds one partition's rows to a sketch and returns it as bytes. */
  private static final class SketchPartition implements FlatMapFunction<Iterator<Row>, byte[]> {
    private static final long serialVersionUID = 1L;
    private final byte[] empty;

    SketchPartition(byte[] empty) {
      this.empty = empty;
    }

    @Override
    public Iterator<byte[]> call(Iterator<Row> rows) {
      ScoreSketch sketch = ScoreSketch.fromBytes(empty);
      while (rows.hasNext()) {
        Row r = rows.next();
        sketch.add(r.getDouble(0), r.getBoolean(1), r.getDouble(2));
      }
      return List.of(sketch.toBytes()).iterator();
    }
  }

  /**
   * The objective's operating point on all rows and, with segment columns, per segment with the core's
   * default support limits (30 positives, any flags), as {@code setpoint choose} does.
   *
   * @throws IllegalArgumentException naming each invalid column, its number of bad rows and an example
   */
  public SparkChoice choose(Dataset<Row> df, ScoredColumns columns, Objective objective) {
    return choose(df, columns, new SegmentedSelection(objective, 30, 0));
  }

  /**
   * The selection's operating points: the default's on all rows, then one per segment key, falling back
   * to a parent or the default where a segment lacks support ({@code
   * docs/definitions.md#segment-fallback}). Each curve is exact.
   *
   * @throws IllegalArgumentException naming each invalid column, its number of bad rows and an example
   */
  public SparkChoice choose(Dataset<Row> df, ScoredColumns columns, SegmentedSelection selection) {
    ScoredCurves curves = curves(df, columns);
    List<SegmentedSelection.Choice> choices = selection.choose(curves.overall(), curves.segments(),
        columns.segments().size());
    return new SparkChoice(selection.objective(), curves, choices);
  }

  /**
   * The key column: {@code ""} for all rows and, per segment level w, the first w segment values each
   * followed by NUL; one row per level (an explode), so one sort builds every curve.
   */
  private static Column key(List<String> segments) {
    if (segments.isEmpty()) {
      return lit("");
    }
    List<Column> levels = new ArrayList<>();
    levels.add(lit(""));
    List<Column> parts = new ArrayList<>();
    for (String segment : segments) {
      parts.add(coalesce(col(segment).cast("string"), lit("")));
      parts.add(lit("\u0000"));
      levels.add(concat(parts.toArray(new Column[0])));
    }
    return explode(array(levels.toArray(new Column[0])));
  }

  private static SegmentKey decode(String key) {
    String[] values = key.split("\u0000", -1);
    return new SegmentKey(Arrays.asList(values).subList(0, values.length - 1));
  }
}

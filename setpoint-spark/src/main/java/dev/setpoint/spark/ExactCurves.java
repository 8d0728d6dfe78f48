package dev.setpoint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.ExactSum;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The exact curve of every key (the overall key {@code ""} and each segment) of a DataFrame: a range
 * partitioning by (key, score descending), a sort within each partition, then one walk per partition
 * that collapses ties into curve points ({@code docs/definitions.md#curve-points}).
 *
 * <p>Implementation notes.
 *
 * <ol>
 *   <li>Range partitioning sends every row of one (key, score) to one partition, and partition i holds
 *       only keys and scores that sort before those of partition i + 1; so ties are never split, and the
 *       partitions in index order are the curve in descending threshold.
 *   <li>Unweighted (every non-zero weight is 1): rows are first counted per distinct (key, score) by a
 *       group-by, which shrinks the shuffle to the distinct scores; the points' counts are integers,
 *       and {@link Curve#ofCounts} adds them up on the driver: exact in any order.
 *   <li>Weighted: a float64 prefix sum over partitions (partition total + local running sum) would round
 *       differently from any single-machine order. Instead both engines use exact sums rounded once
 *       ({@link ExactSum}, {@code docs/definitions.md#weights}): a first walk returns each partition's
 *       exact totals per key; the driver turns them into exact prefix offsets; a second walk starts
 *       each key's running sum at its offset and emits the rounded cumulative TP and FP at every point.
 *       Both walks read the same RDD, so Spark reuses its shuffle output and sorts again (no second
 *       shuffle). The result equals {@link dev.setpoint.curve.CurveBuilder} bit for bit.
 *   <li>Rows of weight 0 are counted in the key's rows but create no point (as in CurveBuilder).
 * </ol>
 */
final class ExactCurves {

  /** The curves of every key, in key order, with the rows (of any weight) each key had. */
  record Keyed(Map<String, Curve> curves, Map<String, Long> rows) {}

  private ExactCurves() {}

  /**
   * Computes the curves.
   *
   * @param rows columns {@code k} (key text), {@code s} (score), {@code p} (positive), {@code w}
   *     (weight), already validated
   * @param weighted whether any non-zero weight differs from 1
   * @param partitions range partitions; 0 for {@code spark.sql.shuffle.partitions}
   */
  static Keyed compute(Dataset<Row> rows, boolean weighted, int partitions) {
    return weighted ? weighted(rows, partitions) : unweighted(rows, partitions);
  }

  private static Dataset<Row> sorted(Dataset<Row> data, int partitions) {
    Column[] order = {col("k"), col("s").desc()};
    Dataset<Row> ranged = partitions > 0 ? data.repartitionByRange(partitions, order)
        : data.repartitionByRange(order);
    return ranged.sortWithinPartitions(order);
  }

  private static Keyed unweighted(Dataset<Row> rows, int partitions) {
    Column counted = col("w").notEqual(0.0);
    Dataset<Row> points = rows.groupBy(col("k"), col("s")).agg(
        count(lit(1)).as("r"),
        sum(when(col("p").and(counted), 1L).otherwise(0L)).as("np"),
        sum(when(not(col("p")).and(counted), 1L).otherwise(0L)).as("nn"));
    List<Points> blocks = sorted(points, partitions).select("k", "s", "r", "np", "nn").javaRDD()
        .mapPartitionsWithIndex(new CountWalk(), false).collect();
    Map<String, Curve> curves = new LinkedHashMap<>();
    Map<String, Long> rowCounts = new LinkedHashMap<>();
    byKey(blocks).forEach((key, all) -> {
      int[] pos = new int[all.size];
      int[] neg = new int[all.size];
      for (int i = 0; i < all.size; i++) {
        pos[i] = Math.toIntExact((long) all.first[i]);
        neg[i] = Math.toIntExact((long) all.second[i]);
      }
      curves.put(key, Curve.ofCounts(all.thresholds, pos, neg));
      rowCounts.put(key, all.rows);
    });
    return new Keyed(curves, rowCounts);
  }

  private static Keyed weighted(Dataset<Row> rows, int partitions) {
    JavaRDD<Row> sorted = sorted(rows, partitions).select("k", "s", "p", "w").javaRDD();
    List<Totals> totals = sorted.mapPartitionsWithIndex(new TotalsWalk(), false).collect();
    // Exact prefix offsets: the weight of each key in all partitions before this one.
    Map<Integer, Map<String, ExactSum[]>> offsets = new HashMap<>();
    Map<String, ExactSum[]> running = new HashMap<>();
    totals.stream().sorted((a, b) -> Integer.compare(a.partition, b.partition)).forEach(t -> {
      Map<String, ExactSum[]> mine = new HashMap<>();
      t.sums.forEach((key, sums) -> {
        ExactSum[] before = running.computeIfAbsent(key, x -> new ExactSum[] {new ExactSum(),
            new ExactSum()});
        mine.put(key, new ExactSum[] {new ExactSum(before[0]), new ExactSum(before[1])});
        before[0].add(sums[0]);
        before[1].add(sums[1]);
      });
      offsets.put(t.partition, mine);
    });
    List<Points> blocks = sorted.mapPartitionsWithIndex(new WeightWalk(offsets), false).collect();
    Map<String, Curve> curves = new LinkedHashMap<>();
    Map<String, Long> rowCounts = new LinkedHashMap<>();
    byKey(blocks).forEach((key, all) -> {
      curves.put(key, Curve.ofCumulativeWeights(all.thresholds, all.first, all.second));
      rowCounts.put(key, all.rows);
    });
    return new Keyed(curves, rowCounts);
  }

  /**
   * Each key's blocks joined in partition order (points and rows), in arrays of exactly the key's
   * number of points; keys in their sorted order.
   */
  private static Map<String, Points> byKey(List<Points> blocks) {
    List<Points> ordered = new ArrayList<>(blocks);
    ordered.sort((a, b) -> Integer.compare(a.partition, b.partition)); // stable: keys stay in order
    Map<String, List<Points>> parts = new LinkedHashMap<>();
    for (Points p : ordered) {
      parts.computeIfAbsent(p.key, x -> new ArrayList<>()).add(p);
    }
    Map<String, Points> byKey = new LinkedHashMap<>();
    parts.forEach((key, list) -> {
      // The joined block belongs to no one partition (-1).
      Points all = new Points(-1, key, list.stream().mapToInt(p -> p.size).sum());
      list.forEach(all::addAll);
      byKey.put(key, all);
    });
    return byKey;
  }

  /** Unweighted walk: one point per (key, score) row of the group-by, counts as they are. */
  private static final class CountWalk
      implements Function2<Integer, Iterator<Row>, Iterator<Points>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Points> call(Integer partition, Iterator<Row> rows) {
      List<Points> out = new ArrayList<>();
      Points current = null;
      while (rows.hasNext()) {
        Row r = rows.next();
        String key = r.getString(0);
        if (current == null || !current.key.equals(key)) {
          current = new Points(partition, key);
          out.add(current);
        }
        current.rows += r.getLong(2);
        current.add(r.getDouble(1) + 0.0, (double) r.getLong(3), (double) r.getLong(4));
      }
      return out.iterator();
    }
  }

  /** One partition's exact positive and negative weight per key. */
  private record Totals(int partition, Map<String, ExactSum[]> sums) implements Serializable {}

  private static final class TotalsWalk
      implements Function2<Integer, Iterator<Row>, Iterator<Totals>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Totals> call(Integer partition, Iterator<Row> rows) {
      Map<String, ExactSum[]> sums = new LinkedHashMap<>();
      String key = null;
      ExactSum[] current = null;
      while (rows.hasNext()) {
        Row r = rows.next();
        String k = r.getString(0);
        if (current == null || !k.equals(key)) {
          key = k;
          current = sums.computeIfAbsent(k, x -> new ExactSum[] {new ExactSum(), new ExactSum()});
        }
        current[r.getBoolean(2) ? 0 : 1].add(r.getDouble(3));
      }
      return List.of(new Totals(partition, sums)).iterator();
    }
  }

  /** One key's points and its running exact sums of positive and negative weight. */
  private record KeyWalk(Points points, ExactSum tp, ExactSum fp) {
    void emit(double score) {
      points.add(score, tp.doubleValue(), fp.doubleValue());
    }
  }

  /**
   * Weighted walk: each key's running exact sums start at the key's offset, collect the rows of one
   * score, and emit the rounded cumulative TP and FP when the score changes.
   */
  private static final class WeightWalk
      implements Function2<Integer, Iterator<Row>, Iterator<Points>> {
    private static final long serialVersionUID = 1L;
    private final Map<Integer, Map<String, ExactSum[]>> offsets;

    WeightWalk(Map<Integer, Map<String, ExactSum[]>> offsets) {
      this.offsets = offsets;
    }

    @Override
    public Iterator<Points> call(Integer partition, Iterator<Row> rows) {
      Map<String, ExactSum[]> mine = offsets.getOrDefault(partition, Map.of());
      List<Points> out = new ArrayList<>();
      KeyWalk walk = null;
      double score = Double.NaN;
      boolean open = false; // whether rows of non-zero weight at `score` are not yet emitted
      while (rows.hasNext()) {
        Row r = rows.next();
        String key = r.getString(0);
        double s = r.getDouble(1) + 0.0; // -0.0 becomes 0.0, as in CurveBuilder#add
        if (walk == null || !walk.points.key.equals(key)) {
          if (walk != null && open) {
            walk.emit(score);
          }
          Points points = new Points(partition, key);
          out.add(points);
          ExactSum[] offset = mine.get(key);
          if (offset == null) {
            throw new IllegalStateException("partition " + partition + " holds key '" + key
                + "' that its first pass did not see: the range partitioning changed between passes");
          }
          walk = new KeyWalk(points, new ExactSum(offset[0]), new ExactSum(offset[1]));
          open = false;
        } else if (s != score && open) {
          walk.emit(score);
          open = false;
        }
        score = s;
        walk.points.rows++;
        double w = r.getDouble(3);
        if (w != 0) {
          (r.getBoolean(2) ? walk.tp : walk.fp).add(w);
          open = true;
        }
      }
      if (walk != null && open) {
        walk.emit(score);
      }
      return out.iterator();
    }
  }
}

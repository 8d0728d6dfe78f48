package dev.setpoint.stats;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Stratified, seeded, parallel bootstrap of any {@link Objective}: how much the chosen threshold and its
 * metrics would move on another sample of the same size ({@code docs/definitions.md#bootstrap}).
 *
 * <p>Each replicate draws P positives with replacement from the P positive rows and N negatives from the
 * N negative rows (stratified: the class counts are those of the data, so prevalence does not vary), builds
 * the replicate's exact curve, runs the objective on it and records the chosen threshold, precision,
 * recall, FPR, flag rate and objective value; infeasible replicates are counted. {@link BootstrapResult}
 * reports percentile intervals.
 *
 * <p><b>Determinism.</b> Replicate r draws from {@code new SplittableRandom(s_r)}, where {@code s_r} is
 * the r-th {@code nextLong()} of {@code new SplittableRandom(seed)}. Replicates are independent of one
 * another and of the thread that runs them, so the result is the same for any pool and any parallelism.
 *
 * <p><b>Unweighted only.</b> {@link #of(double[], boolean[])} takes no weights and {@link #of(Curve)}
 * refuses a weighted curve: resampling weighted rows needs a choice (resample rows and carry their
 * weights, or resample in proportion to weight) that changes the answer, so none is made silently.
 *
 * <p>Implementation notes.
 *
 * <ol>
 *   <li>The data are sorted once, into the full curve. Within a class, order the rows by curve point:
 *       the positive rows of point j are then exactly the row numbers {@code [TP(j−1), TP(j))}, so a row
 *       number needs no lookup table — the full curve's cumulative counts are the map.
 *   <li>A replicate draws P row numbers uniformly in [0, P) and counts each in a per-row array (one
 *       random increment per draw: the cheapest possible access), then sweeps the rows in order, summing
 *       each point's range into a per-point count and zeroing as it goes. Same for negatives. {@link
 *       Curve#ofCounts} turns the per-point counts into the replicate's curve, dropping points that drew
 *       no row. No sort per replicate: O(n + k) each, plus the objective's O(k).
 *   <li>Per-row counts are bytes: the random increments are the cost of a replicate, and a 4× smaller
 *       array keeps more of it in cache (measured: 30 % faster draws at 10^6 rows). A count can pass 255
 *       only in a class of at least 256 rows and then with probability below n/256!; if it ever does,
 *       the replicate is redrawn from the same seed with int counts, so the result is the same either
 *       way ({@code BootstrapTest} compares the two paths).
 *   <li>Each class lists only the points that have rows of it, so the sweep of the rare class costs
 *       O(its rows), not O(k); the entries of the points it does not list are never written and stay
 *       zero, so nothing needs clearing between replicates.
 *   <li>Row numbers are drawn with Lemire's multiply-and-reject method [1] on 32-bit outputs: exactly
 *       uniform, and without the integer division of {@link SplittableRandom#nextInt(int)} on the usual
 *       path — a division per draw would cost more than the rest of the draw.
 *   <li>Workers take replicate numbers from a shared counter, so a slow replicate does not idle a core,
 *       and each worker keeps its own scratch arrays. Results are written at the replicate's index.
 * </ol>
 *
 * <p>[1] D. Lemire, "Fast Random Integer Generation in an Interval", ACM TOMACS 29 (2019).
 */
public final class Bootstrap {

  private final Curve curve;
  private final double[] thresholds;
  private final Stratum positives;
  private final Stratum negatives;

  private Bootstrap(Curve curve) {
    this.curve = curve;
    int k = curve.size();
    this.thresholds = new double[k];
    for (int j = 0; j < k; j++) {
      thresholds[j] = curve.threshold(j);
    }
    this.positives = Stratum.of(curve, true);
    this.negatives = Stratum.of(curve, false);
  }

  /**
   * One class's rows, numbered in curve-point order: the rows of point {@code points[i]} are the row
   * numbers {@code [end[i − 1], end[i])} (from 0 for i = 0). Only points with rows of the class are
   * listed, so the rare class is swept in O(its rows), not O(k).
   */
  record Stratum(int[] points, int[] end) {

    static Stratum of(Curve curve, boolean positive) {
      int listed = 0;
      double previous = 0;
      for (int j = 0; j < curve.size(); j++) {
        double cumulative = positive ? curve.truePositives(j) : curve.falsePositives(j);
        listed += cumulative > previous ? 1 : 0;
        previous = cumulative;
      }
      int[] points = new int[listed];
      int[] end = new int[listed];
      int i = 0;
      previous = 0;
      for (int j = 0; j < curve.size(); j++) {
        double cumulative = positive ? curve.truePositives(j) : curve.falsePositives(j);
        if (cumulative > previous) {
          points[i] = j;
          end[i++] = (int) cumulative;
        }
        previous = cumulative;
      }
      return new Stratum(points, end);
    }

    int rows() {
      return end.length == 0 ? 0 : end[end.length - 1];
    }
  }

  /**
   * Prepares the bootstrap of unweighted rows: sorts them once into their exact curve.
   *
   * @param scores finite scores
   * @param labels {@code true} for the positive class; same length as {@code scores}
   * @throws IllegalArgumentException as {@link Curve#of(double[], boolean[])} does
   */
  public static Bootstrap of(double[] scores, boolean[] labels) {
    return new Bootstrap(Curve.of(scores, labels));
  }

  /**
   * Prepares the bootstrap of the rows behind an unweighted curve: the curve's points and counts are all
   * it needs, so a curve built by a reader ({@link dev.setpoint.curve.CurveBuilder}) can be bootstrapped
   * without its rows.
   *
   * @throws IllegalArgumentException if the curve is weighted
   */
  public static Bootstrap of(Curve curve) {
    Objects.requireNonNull(curve, "curve");
    if (curve.isWeighted()) {
      throw new IllegalArgumentException("the bootstrap resamples unweighted rows, but this curve is "
          + "weighted (positive weight " + curve.positives() + ", negative weight " + curve.negatives()
          + "); see docs/definitions.md#bootstrap");
    }
    return new Bootstrap(curve);
  }

  /** The curve of all the rows: the point estimate's curve. */
  public Curve curve() {
    return curve;
  }

  /** {@link #run(Objective, int, long, ForkJoinPool)} on the common pool. */
  public BootstrapResult run(Objective objective, int replicates, long seed) {
    return run(objective, replicates, seed, ForkJoinPool.commonPool());
  }

  /**
   * Runs {@code replicates} replicates of the objective on the given pool.
   *
   * @param replicates how many, {@code >= 1}
   * @param seed the master seed; the same seed gives the same result for any pool
   * @throws IllegalArgumentException if replicates is not positive
   */
  public BootstrapResult run(Objective objective, int replicates, long seed, ForkJoinPool pool) {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(pool, "pool");
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates (" + replicates + ") must be >= 1");
    }
    long[] seeds = new long[replicates];
    SplittableRandom master = new SplittableRandom(seed);
    for (int r = 0; r < replicates; r++) {
      seeds[r] = master.nextLong();
    }
    double[][] values = new double[BootstrapResult.Statistic.values().length][replicates];
    boolean[] infeasible = new boolean[replicates];
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(pool.getParallelism(), replicates);
    List<Callable<Void>> tasks = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      tasks.add(() -> {
        Scratch scratch = new Scratch(this);
        for (int r = next.getAndIncrement(); r < replicates; r = next.getAndIncrement()) {
          Selection selection = objective.select(replicate(seeds[r], scratch));
          record(selection, r, values, infeasible);
        }
        return null;
      });
    }
    for (Future<Void> f : pool.invokeAll(tasks)) {
      join(f);
    }
    return new BootstrapResult(objective, seed, objective.select(curve), values, infeasible);
  }

  private static void join(Future<Void> future) {
    try {
      future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for bootstrap replicates", e);
    }
  }

  private static void record(Selection selection, int r, double[][] values, boolean[] infeasible) {
    if (selection instanceof Selection.Feasible f) {
      Confusion c = f.point().confusion();
      values[BootstrapResult.Statistic.THRESHOLD.ordinal()][r] = f.threshold();
      values[BootstrapResult.Statistic.PRECISION.ordinal()][r] = c.precision();
      values[BootstrapResult.Statistic.RECALL.ordinal()][r] = c.recall();
      values[BootstrapResult.Statistic.FALSE_POSITIVE_RATE.ordinal()][r] = c.falsePositiveRate();
      values[BootstrapResult.Statistic.FLAG_RATE.ordinal()][r] = c.flagRate();
      values[BootstrapResult.Statistic.OBJECTIVE_VALUE.ordinal()][r] = f.objectiveValue();
    } else {
      infeasible[r] = true;
      for (double[] v : values) {
        v[r] = Double.NaN;
      }
    }
  }

  /**
   * One worker's reusable arrays: per-row draw counts, all zero between replicates, as bytes (the fast
   * path) and as ints (allocated only if a byte ever overflows); per-point counts, whose listed entries
   * every replicate overwrites and whose other entries stay zero.
   */
  static final class Scratch {
    final byte[] positiveRows;
    final byte[] negativeRows;
    final int[] positivePoints;
    final int[] negativePoints;
    final boolean wideOnly;
    int @Nullable [] positiveRowsWide;
    int @Nullable [] negativeRowsWide;

    Scratch(Bootstrap bootstrap) {
      this(bootstrap, false);
    }

    /** @param wideOnly always count in ints (tests compare both paths) */
    Scratch(Bootstrap bootstrap, boolean wideOnly) {
      this.wideOnly = wideOnly;
      positiveRows = new byte[wideOnly ? 0 : bootstrap.positives.rows()];
      negativeRows = new byte[wideOnly ? 0 : bootstrap.negatives.rows()];
      positivePoints = new int[bootstrap.thresholds.length];
      negativePoints = new int[bootstrap.thresholds.length];
    }
  }

  /** Draws the stratified replicate of the given seed and returns its curve. */
  Curve replicate(long seed, Scratch scratch) {
    SplittableRandom random = new SplittableRandom(seed);
    if (!scratch.wideOnly && drawBytes(random, scratch.positiveRows, positives.rows())
        && drawBytes(random, scratch.negativeRows, negatives.rows())) {
      sum(positives, scratch.positiveRows, scratch.positivePoints);
      sum(negatives, scratch.negativeRows, scratch.negativePoints);
    } else {
      // A row drawn 256 times or more (possible only in a class of 256 rows or more, and then
      // astronomically rare): start again from the same seed, counting in ints. Same draws, same result.
      Arrays.fill(scratch.positiveRows, (byte) 0);
      Arrays.fill(scratch.negativeRows, (byte) 0);
      int[] positiveWide = scratch.positiveRowsWide;
      int[] negativeWide = scratch.negativeRowsWide;
      if (positiveWide == null || negativeWide == null) {
        positiveWide = new int[positives.rows()];
        negativeWide = new int[negatives.rows()];
        scratch.positiveRowsWide = positiveWide;
        scratch.negativeRowsWide = negativeWide;
      }
      random = new SplittableRandom(seed);
      drawInts(random, positiveWide);
      drawInts(random, negativeWide);
      sum(positives, positiveWide, scratch.positivePoints);
      sum(negatives, negativeWide, scratch.negativePoints);
    }
    return Curve.ofCounts(thresholds, scratch.positivePoints, scratch.negativePoints);
  }

  /**
   * Draws {@code draws} row numbers uniformly in [0, counts.length) and counts each in a byte, read as
   * unsigned; false if a count wrapped past 255 (then the counts are wrong and must be discarded).
   */
  static boolean drawBytes(SplittableRandom random, byte[] counts, int draws) {
    int bound = counts.length;
    boolean overflow = false;
    for (int i = 0; i < draws; i++) {
      overflow |= ++counts[uniform(random, bound)] == 0;
    }
    return !overflow;
  }

  /** Draws {@code counts.length} row numbers with replacement and counts each. */
  private static void drawInts(SplittableRandom random, int[] counts) {
    int bound = counts.length;
    for (int i = 0; i < bound; i++) {
      counts[uniform(random, bound)]++;
    }
  }

  /** Sums the draws of each listed point's rows into {@code points}, leaving {@code rows} all zero. */
  private static void sum(Stratum stratum, byte[] rows, int[] points) {
    int[] listed = stratum.points();
    int[] end = stratum.end();
    int row = 0;
    for (int i = 0; i < listed.length; i++) {
      int total = 0;
      for (int stop = end[i]; row < stop; row++) {
        total += rows[row] & 0xFF;
        rows[row] = 0;
      }
      points[listed[i]] = total;
    }
  }

  private static void sum(Stratum stratum, int[] rows, int[] points) {
    int[] listed = stratum.points();
    int[] end = stratum.end();
    int row = 0;
    for (int i = 0; i < listed.length; i++) {
      int total = 0;
      for (int stop = end[i]; row < stop; row++) {
        total += rows[row];
        rows[row] = 0;
      }
      points[listed[i]] = total;
    }
  }

  /**
   * A uniform int in [0, bound), bound >= 1: Lemire's method. The high 32 bits of {@code x·bound} for a
   * uniform 32-bit x are uniform except for a bias removed by rejecting the {@code 2^32 mod bound} lowest
   * low words; the modulo is computed only when a low word falls below {@code bound}, which is rare.
   */
  static int uniform(SplittableRandom random, int bound) {
    long product = (random.nextInt() & 0xFFFF_FFFFL) * bound;
    long low = product & 0xFFFF_FFFFL;
    if (low < bound) {
      long reject = (0x1_0000_0000L - bound) % bound; // 2^32 mod bound
      while (low < reject) {
        product = (random.nextInt() & 0xFFFF_FFFFL) * bound;
        low = product & 0xFFFF_FFFFL;
      }
    }
    return (int) (product >>> 32);
  }

  /**
   * The replicates of a {@link Bootstrap}: per replicate, the objective's chosen threshold and the
   * metrics there, and percentile intervals over them ({@code docs/definitions.md#bootstrap}).
   *
   * <p>An infeasible replicate has no values (NaN for every statistic) and is counted in {@link
   * #infeasible()}. A feasible replicate may still have an undefined metric — precision when its choice flags
   * nothing, e.g. a cost objective choosing "flag nothing" (threshold +∞) — which is NaN as well. Intervals
   * are over the defined values only; {@link #defined} says how many there were.
   *
   * <p><b>Percentile interval</b> at confidence c over B defined values sorted ascending: with {@code m =
   * max(1, round(B·(1 − c)/2))}, the interval is [m-th smallest, m-th largest]. For B = 1,000 and c = 0.95,
   * m = 25: [v₍₂₅₎, v₍₉₇₆₎]. Rounding, not ceiling: {@code 1 − 0.95} is 0.05000000000000004 in binary, and
   * a ceiling would turn 25.00000000000002 into 26. Always an observed value, so +∞ thresholds need no
   * interpolation.
   */
  public static final class BootstrapResult {

    /** What each replicate records. */
    public enum Statistic {
      /** The chosen threshold ({@code +Infinity} for "flag nothing"). */
      THRESHOLD,
      /** Precision at the chosen threshold, on the replicate. */
      PRECISION,
      /** Recall at the chosen threshold, on the replicate. */
      RECALL,
      /** False positive rate at the chosen threshold, on the replicate. */
      FALSE_POSITIVE_RATE,
      /** Flag rate at the chosen threshold, on the replicate. */
      FLAG_RATE,
      /** The objective's value, as its {@code Selection.Feasible} reports it. */
      OBJECTIVE_VALUE
    }

    private final Objective objective;
    private final long seed;
    private final Selection estimate;
    private final double[][] values;
    private final boolean[] infeasible;
    private final int infeasibleCount;

    BootstrapResult(Objective objective, long seed, Selection estimate, double[][] values,
        boolean[] infeasible) {
      this.objective = objective;
      this.seed = seed;
      this.estimate = estimate;
      this.values = values;
      this.infeasible = infeasible;
      int count = 0;
      for (boolean b : infeasible) {
        count += b ? 1 : 0;
      }
      this.infeasibleCount = count;
    }

    /** The objective that was bootstrapped. */
    public Objective objective() {
      return objective;
    }

    /** The master seed. */
    public long seed() {
      return seed;
    }

    /** The number of replicates B. */
    public int replicates() {
      return infeasible.length;
    }

    /** The objective's selection on all the rows: the point estimate. */
    public Selection estimate() {
      return estimate;
    }

    /** How many replicates were infeasible. */
    public int infeasible() {
      return infeasibleCount;
    }

    /** Whether replicate {@code r} was infeasible. */
    public boolean isInfeasible(int r) {
      return infeasible[r];
    }

    /** The statistic's value in each replicate, in replicate order; NaN where infeasible or undefined. */
    public double[] values(Statistic statistic) {
      return values[Objects.requireNonNull(statistic, "statistic").ordinal()].clone();
    }

    /** How many replicates have a defined (non-NaN) value of the statistic. */
    public int defined(Statistic statistic) {
      int count = 0;
      for (double v : values[statistic.ordinal()]) {
        count += Double.isNaN(v) ? 0 : 1;
      }
      return count;
    }

    /**
     * The percentile interval of the statistic (rule in the class comment); {@link Interval#UNDEFINED}
     * when no replicate has a defined value.
     *
     * @param confidence in (0, 1)
     * @throws IllegalArgumentException if confidence is not in (0, 1)
     */
    public Interval interval(Statistic statistic, double confidence) {
      Objects.requireNonNull(statistic, "statistic");
      if (!(confidence > 0 && confidence < 1)) {
        throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
      }
      double[] sorted = Arrays.stream(values[statistic.ordinal()]).filter(v -> !Double.isNaN(v))
          .sorted().toArray();
      int b = sorted.length;
      if (b == 0) {
        return Interval.UNDEFINED;
      }
      int m = (int) Math.max(1, Math.round(b * (1 - confidence) / 2));
      return new Interval(sorted[m - 1], sorted[b - m]);
    }

    @Override
    public String toString() {
      return "BootstrapResult[" + objective.syntax() + ", replicates=" + replicates() + ", infeasible="
          + infeasibleCount + ", seed=" + seed + "]";
    }
  }
}

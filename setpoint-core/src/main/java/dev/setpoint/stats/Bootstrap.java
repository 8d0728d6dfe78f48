package dev.setpoint.stats;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p><b>Unweighted only.</b> {@link #of} takes no weights: resampling weighted rows needs a choice
 * (resample rows and carry their weights, or resample in proportion to weight) that changes the answer, and
 * no objective here needs it yet. Weighted data is not accepted rather than silently treated as unweighted.
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
  /** Row-number boundaries per point: positive rows of point j are [positiveEnd[j−1], positiveEnd[j]). */
  private final int[] positiveEnd;
  private final int[] negativeEnd;
  private final int positives;
  private final int negatives;

  private Bootstrap(Curve curve) {
    this.curve = curve;
    int k = curve.size();
    this.thresholds = new double[k];
    this.positiveEnd = new int[k];
    this.negativeEnd = new int[k];
    for (int j = 0; j < k; j++) {
      thresholds[j] = curve.threshold(j);
      positiveEnd[j] = (int) curve.truePositives(j);
      negativeEnd[j] = (int) curve.falsePositives(j);
    }
    this.positives = (int) curve.positives();
    this.negatives = (int) curve.negatives();
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
        Scratch scratch = new Scratch(positives, negatives, thresholds.length);
        for (int r = next.getAndIncrement(); r < replicates; r = next.getAndIncrement()) {
          Selection selection = objective.select(replicate(new SplittableRandom(seeds[r]), scratch));
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

  /** One worker's reusable arrays: per-row draw counts (all zero between replicates) and per-point sums. */
  static final class Scratch {
    final int[] positiveRows;
    final int[] negativeRows;
    final int[] positivePoints;
    final int[] negativePoints;

    Scratch(int positives, int negatives, int points) {
      positiveRows = new int[positives];
      negativeRows = new int[negatives];
      positivePoints = new int[points];
      negativePoints = new int[points];
    }
  }

  /** Draws one stratified replicate and returns its curve. */
  Curve replicate(SplittableRandom random, Scratch scratch) {
    draw(random, scratch.positiveRows);
    draw(random, scratch.negativeRows);
    sumPerPoint(scratch.positiveRows, positiveEnd, scratch.positivePoints);
    sumPerPoint(scratch.negativeRows, negativeEnd, scratch.negativePoints);
    return Curve.ofCounts(thresholds, scratch.positivePoints, scratch.negativePoints);
  }

  /** Draws {@code rows.length} row numbers with replacement and counts each. */
  private static void draw(SplittableRandom random, int[] rows) {
    int bound = rows.length;
    for (int i = 0; i < bound; i++) {
      rows[uniform(random, bound)]++;
    }
  }

  /** Sums the draws of each point's row range into {@code points}, leaving {@code rows} all zero. */
  private static void sumPerPoint(int[] rows, int[] end, int[] points) {
    int row = 0;
    for (int j = 0; j < end.length; j++) {
      int sum = 0;
      for (int stop = end[j]; row < stop; row++) {
        sum += rows[row];
        rows[row] = 0;
      }
      points[j] = sum;
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
}

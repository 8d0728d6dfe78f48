package dev.setpoint.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Bootstrap.BootstrapResult.Statistic;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static ForkJoinPool one;
  private static ForkJoinPool two;

  @BeforeAll
  static void pools() {
    one = new ForkJoinPool(1);
    two = new ForkJoinPool(2);
  }

  @AfterAll
  static void shutdown() {
    one.shutdown();
    two.shutdown();
  }

  /** n rows, 20 % positives, scores N(±1, 1) rounded to {@code decimals} (ties when small). */
  static double[][] data(long seed, int n, int decimals) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] scores = new double[n];
    double[] labels = new double[n];
    double scale = Math.pow(10, decimals);
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextDouble() < 0.2;
      double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
          * Math.cos(2 * Math.PI * random.nextDouble());
      scores[i] = Math.round(((positive ? 1 : -1) + z) * scale) / scale;
      labels[i] = positive ? 1 : 0;
    }
    return new double[][] {scores, labels};
  }

  static Bootstrap bootstrap(double[][] d) {
    boolean[] labels = new boolean[d[1].length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = d[1][i] == 1;
    }
    return Bootstrap.of(d[0], labels);
  }

  @Test
  void theSameSeedGivesIdenticalResultsOnOneAndTwoThreads() {
    List<Objective> objectives = List.of(Objective.recallAtPrecision(0.6), Objective.fBeta(1),
        Objective.minCost(10, 1), ObjectiveParser.parse("budget:rate<=0.1"));
    SplittableRandom random = new SplittableRandom(8);
    for (int c = 0; c < 12; c++) {
      Bootstrap b = bootstrap(data(random.nextLong(), 50 + random.nextInt(3000), random.nextInt(4)));
      Objective objective = objectives.get(c % objectives.size());
      long seed = random.nextLong();
      BootstrapResult single = b.run(objective, 64, seed, one);
      BootstrapResult dual = b.run(objective, 64, seed, two);
      for (Statistic s : Statistic.values()) {
        assertThat(dual.values(s)).as("case %d, %s", c, s).containsExactly(single.values(s));
      }
      assertThat(dual.infeasible()).isEqualTo(single.infeasible());
    }
  }

  @Test
  void anotherSeedGivesOtherReplicates() {
    Bootstrap b = bootstrap(data(6, 2000, 6));
    assertThat(b.run(Objective.fBeta(1), 32, 1, two).values(Statistic.THRESHOLD))
        .isNotEqualTo(b.run(Objective.fBeta(1), 32, 2, two).values(Statistic.THRESHOLD));
  }

  @Test
  void aReplicateIsTheCurveOfRowsDrawnWithReplacementWithinEachClass() {
    // Reference: draw the same row numbers, pick those rows from each class's rows sorted by
    // descending score, and build the curve from scratch with Curve.of.
    double[][] d = data(21, 700, 1);
    Bootstrap b = bootstrap(d);
    double[] positives = Arrays.stream(indices(d, 1)).mapToDouble(i -> d[0][i]).toArray();
    double[] negatives = Arrays.stream(indices(d, 0)).mapToDouble(i -> d[0][i]).toArray();
    sortDescending(positives);
    sortDescending(negatives);
    Bootstrap.Scratch scratch = new Bootstrap.Scratch(b);
    for (long seed = 0; seed < 20; seed++) {
      Curve replicate = b.replicate(seed, scratch);

      SplittableRandom random = new SplittableRandom(seed);
      double[] scores = new double[d[0].length];
      boolean[] labels = new boolean[d[0].length];
      int row = 0;
      for (int i = 0; i < positives.length; i++) {
        scores[row] = positives[Bootstrap.uniform(random, positives.length)];
        labels[row++] = true;
      }
      for (int i = 0; i < negatives.length; i++) {
        scores[row++] = negatives[Bootstrap.uniform(random, negatives.length)];
      }
      Curve expected = Curve.of(scores, labels);

      assertThat(replicate.size()).isEqualTo(expected.size());
      assertThat(replicate.positives()).isEqualTo(positives.length); // stratified
      assertThat(replicate.negatives()).isEqualTo(negatives.length);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(replicate.threshold(i)).isEqualTo(expected.threshold(i));
        assertThat(replicate.confusion(i)).isEqualTo(expected.confusion(i));
      }
    }
  }

  @Test
  void byteAndIntCountsGiveTheSameReplicates() {
    Bootstrap b = bootstrap(data(4, 3000, 2));
    Bootstrap.Scratch bytes = new Bootstrap.Scratch(b);
    Bootstrap.Scratch ints = new Bootstrap.Scratch(b, true);
    for (long seed = 0; seed < 30; seed++) {
      Curve fast = b.replicate(seed, bytes);
      Curve wide = b.replicate(seed, ints);
      assertThat(fast.size()).isEqualTo(wide.size());
      for (int i = 0; i < wide.size(); i++) {
        assertThat(fast.threshold(i)).isEqualTo(wide.threshold(i));
        assertThat(fast.confusion(i)).isEqualTo(wide.confusion(i));
      }
    }
  }

  @Test
  void aByteCountPast255IsDetected() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(Bootstrap.drawBytes(random, new byte[1], 255)).isTrue();
    assertThat(Bootstrap.drawBytes(random, new byte[1], 256)).isFalse();
    byte[] counts = new byte[2];
    assertThat(Bootstrap.drawBytes(random, counts, 400)).isTrue(); // ~200 each, below 256
    assertThat((counts[0] & 0xFF) + (counts[1] & 0xFF)).isEqualTo(400);
  }

  private static int[] indices(double[][] d, int label) {
    return java.util.stream.IntStream.range(0, d[1].length).filter(i -> d[1][i] == label).toArray();
  }

  private static void sortDescending(double[] a) {
    Arrays.sort(a);
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  @Test
  void intervalsContainThePointEstimate() {
    Bootstrap b = bootstrap(data(5, 20_000, 6));
    for (Objective objective : List.of(Objective.recallAtPrecision(0.7), Objective.fBeta(1),
        Objective.minCost(5, 1))) {
      BootstrapResult result = b.run(objective, 200, 99, two);
      Selection.Feasible estimate = (Selection.Feasible) result.estimate();
      assertThat(result.infeasible()).isZero();
      var c = estimate.point().confusion();
      double[] point = {estimate.threshold(), c.precision(), c.recall(), c.falsePositiveRate(),
          c.flagRate(), estimate.objectiveValue()};
      for (Statistic s : Statistic.values()) {
        Interval interval = result.interval(s, 0.95);
        assertThat(interval.contains(point[s.ordinal()]))
            .as("%s: %s in %s", objective.syntax(), s, interval).isTrue();
        assertThat(interval.width()).isGreaterThan(0);
      }
    }
  }

  @Test
  void infeasibleReplicatesAreCountedAndHaveNoValues() {
    // 60 rows: a precision of 0.9 is reachable on the data but not on every replicate.
    Bootstrap b = bootstrap(data(2, 60, 3));
    BootstrapResult result = b.run(Objective.recallAtPrecision(0.9), 300, 7, two);
    assertThat(result.infeasible()).isBetween(1, 299);
    double[] thresholds = result.values(Statistic.THRESHOLD);
    for (int r = 0; r < result.replicates(); r++) {
      assertThat(Double.isNaN(thresholds[r])).isEqualTo(result.isInfeasible(r));
    }
    assertThat(result.defined(Statistic.THRESHOLD)).isEqualTo(300 - result.infeasible());
  }

  @Test
  void percentileIntervalsTakeTheRoundedRankFromEachEnd() {
    double[][] values = new double[Statistic.values().length][1000];
    for (double[] v : values) {
      for (int i = 0; i < v.length; i++) {
        v[i] = 1000 - i; // 1 … 1000, in reverse replicate order
      }
    }
    values[Statistic.PRECISION.ordinal()][0] = Double.NaN; // 999 defined values: round(24.975) = 25
    BootstrapResult r = new BootstrapResult(Objective.fBeta(1), 1, new Selection.Infeasible("x"), values,
        new boolean[1000]);
    assertThat(r.interval(Statistic.THRESHOLD, 0.95)).isEqualTo(new Interval(25, 976));
    assertThat(r.interval(Statistic.THRESHOLD, 0.9)).isEqualTo(new Interval(50, 951));
    assertThat(r.interval(Statistic.PRECISION, 0.95)).isEqualTo(new Interval(25, 975));
    assertThat(r.interval(Statistic.THRESHOLD, Math.nextUp(0.0))).isEqualTo(new Interval(500, 501));
    assertThat(r.interval(Statistic.THRESHOLD, Math.nextDown(1.0))).isEqualTo(new Interval(1, 1000));
  }

  @Test
  void flagNothingThresholdsAreInfiniteAndStillOrdered() {
    // From the top: −0.9, +0.8, +0.7, −0.6, +0.5. A false positive costs 3 false negatives, so on the
    // data "flag nothing" (threshold +∞) is cheapest; a replicate that misses the top negative flags.
    Bootstrap b = Bootstrap.of(new double[] {0.9, 0.8, 0.7, 0.6, 0.5},
        new boolean[] {false, true, true, false, true});
    BootstrapResult result = b.run(Objective.minCost(1, 3), 200, 1, two);
    assertThat(((Selection.Feasible) result.estimate()).threshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(result.values(Statistic.THRESHOLD)).contains(0.7);
    assertThat(result.values(Statistic.THRESHOLD)).contains(Double.POSITIVE_INFINITY);
    assertThat(result.defined(Statistic.PRECISION)).isLessThan(result.defined(Statistic.THRESHOLD));
    assertThat(result.interval(Statistic.THRESHOLD, 0.95).upper()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void uniformDrawsAreInRangeAndEvenlySpread() {
    SplittableRandom random = new SplittableRandom(1);
    for (int bound : new int[] {1, 2, 3, 7, 1000, Integer.MAX_VALUE}) {
      for (int i = 0; i < 10_000; i++) {
        assertThat(Bootstrap.uniform(random, bound)).isBetween(0, bound - 1);
      }
    }
    int[] counts = new int[7];
    int draws = 700_000;
    for (int i = 0; i < draws; i++) {
      counts[Bootstrap.uniform(random, 7)]++;
    }
    double chiSquare = 0;
    for (int c : counts) {
      chiSquare += Math.pow(c - draws / 7.0, 2) / (draws / 7.0);
    }
    assertThat(chiSquare).as("χ² with 6 degrees of freedom; 22.46 is its 99.9 %% point").isLessThan(22.46);
  }

  @Test
  void aCurveBootstrapsLikeItsRowsAndAWeightedCurveIsRefused() {
    double[][] d = data(9, 500, 2);
    Bootstrap fromRows = bootstrap(d);
    Bootstrap fromCurve = Bootstrap.of(fromRows.curve());
    assertThat(fromCurve.run(Objective.fBeta(1), 20, 3, one).values(Statistic.THRESHOLD))
        .containsExactly(fromRows.run(Objective.fBeta(1), 20, 3, one).values(Statistic.THRESHOLD));
    Curve weighted = Curve.builder().add(0.9, true, 0.5).add(0.1, false).build();
    assertThatThrownBy(() -> Bootstrap.of(weighted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the bootstrap resamples unweighted rows, but this curve is weighted");
  }

  @Test
  void badArgumentsAreNamed() {
    Bootstrap b = bootstrap(data(1, 100, 2));
    assertThatThrownBy(() -> b.run(Objective.fBeta(1), 0, 1, one))
        .hasMessage("replicates (0) must be >= 1");
    BootstrapResult result = b.run(Objective.fBeta(1), 3, 1, one);
    assertThatThrownBy(() -> result.interval(Statistic.RECALL, 1.0))
        .hasMessage("confidence must be in (0, 1), was 1.0");
  }
}

package dev.setpoint.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.setpoint.curve.Confusion;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntervalMethodTest {

  @Test
  void workedExampleOfTheJavadoc() {
    Interval cp = IntervalMethod.CLOPPER_PEARSON.interval(3, 10, 0.95);
    Interval wilson = IntervalMethod.WILSON.interval(3, 10, 0.95);
    assertThat(cp.lower()).isCloseTo(0.0667, within(5e-5));
    assertThat(cp.upper()).isCloseTo(0.6525, within(5e-5));
    assertThat(wilson.lower()).isCloseTo(0.1078, within(5e-5));
    assertThat(wilson.upper()).isCloseTo(0.6032, within(5e-5));
  }

  @ParameterizedTest
  @EnumSource(IntervalMethod.class)
  void noSuccessesStartAtExactlyZeroAndAllSuccessesEndAtExactlyOne(IntervalMethod method) {
    for (long n : new long[] {1, 2, 7, 1000, 1L << 40}) {
      assertThat(method.interval(0, n, 0.95).lower()).isEqualTo(0.0);
      assertThat(method.interval(n, n, 0.95).upper()).isEqualTo(1.0);
      assertThat(method.lowerBound(0, n, 0.95)).isEqualTo(0.0);
      assertThat(method.interval(0, n, 0.95).upper()).isBetween(0.0, 1.0).isGreaterThan(0.0);
      assertThat(method.interval(n, n, 0.95).lower()).isBetween(0.0, 1.0).isLessThan(1.0);
    }
  }

  @ParameterizedTest
  @EnumSource(IntervalMethod.class)
  void oneTrialGivesAWideButProperInterval(IntervalMethod method) {
    Interval hit = method.interval(1, 1, 0.95);
    Interval miss = method.interval(0, 1, 0.95);
    assertThat(hit.upper()).isEqualTo(1.0);
    assertThat(miss.lower()).isEqualTo(0.0);
    // Symmetry: k successes of n mirror n − k.
    assertThat(hit.lower()).isCloseTo(1 - miss.upper(), within(1e-15));
  }

  @ParameterizedTest
  @EnumSource(IntervalMethod.class)
  void noTrialsGiveTheUndefinedInterval(IntervalMethod method) {
    Interval interval = method.interval(0, 0, 0.95);
    assertThat(interval).isEqualTo(Interval.UNDEFINED);
    assertThat(interval.isDefined()).isFalse();
    assertThat(interval.contains(0.5)).isFalse();
    assertThat(method.lowerBound(0, 0, 0.95)).isNaN();
  }

  @ParameterizedTest
  @EnumSource(IntervalMethod.class)
  void extremeConfidencesGiveFiniteNestedBounds(IntervalMethod method) {
    double tiny = Math.nextUp(0.0);
    double almostOne = Math.nextDown(1.0);
    for (long[] kn : new long[][] {{0, 1}, {1, 1}, {3, 10}, {10, 10}, {500, 1000}}) {
      Interval low = method.interval(kn[0], kn[1], tiny);
      Interval mid = method.interval(kn[0], kn[1], 0.95);
      Interval high = method.interval(kn[0], kn[1], almostOne);
      for (Interval i : new Interval[] {low, mid, high}) {
        assertThat(i.lower()).isBetween(0.0, 1.0);
        assertThat(i.upper()).isBetween(0.0, 1.0);
      }
      assertThat(high.lower()).isLessThanOrEqualTo(mid.lower());
      assertThat(mid.lower()).isLessThanOrEqualTo(low.lower());
      assertThat(low.upper()).isLessThanOrEqualTo(mid.upper());
      assertThat(mid.upper()).isLessThanOrEqualTo(high.upper());
      double bound = method.lowerBound(kn[0], kn[1], almostOne);
      assertThat(bound).isBetween(0.0, 1.0);
      assertThat(method.lowerBound(kn[0], kn[1], tiny)).isBetween(0.0, 1.0);
    }
    // At the smallest confidence Wilson collapses onto the estimate.
    if (method == IntervalMethod.WILSON) {
      assertThat(method.interval(3, 10, tiny).lower()).isCloseTo(0.3, within(1e-12));
      assertThat(method.interval(3, 10, tiny).upper()).isCloseTo(0.3, within(1e-12));
    }
  }

  @ParameterizedTest
  @EnumSource(IntervalMethod.class)
  void invalidArgumentsAreNamedWithTheirValues(IntervalMethod method) {
    assertThatThrownBy(() -> method.interval(12, 10, 0.95))
        .hasMessage("successes (12) must be <= trials (10)");
    assertThatThrownBy(() -> method.interval(-1, 10, 0.95))
        .hasMessage("successes (-1) must be >= 0");
    assertThatThrownBy(() -> method.interval(0, -3, 0.95))
        .hasMessage("trials (-3) must be >= 0");
    for (double bad : new double[] {0.0, 1.0, -0.5, 95, Double.NaN}) {
      assertThatThrownBy(() -> method.interval(3, 10, bad))
          .hasMessage("confidence must be in (0, 1), was " + bad);
      assertThatThrownBy(() -> method.lowerBound(3, 10, bad))
          .hasMessage("confidence must be in (0, 1), was " + bad);
    }
  }

  @ParameterizedTest
  @EnumSource(IntervalMethod.class)
  void intervalsContainTheEstimateAndTheOneSidedBoundLiesBelowIt(IntervalMethod method) {
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 2000; i++) {
      long n = 1 + random.nextInt(5000);
      long k = random.nextLong(n + 1);
      double confidence = 0.5 + 0.4999 * random.nextDouble();
      Interval interval = method.interval(k, n, confidence);
      double estimate = (double) k / n;
      assertThat(interval.contains(estimate)).as("%d/%d at %s", k, n, confidence).isTrue();
      double lower = method.lowerBound(k, n, confidence);
      assertThat(lower).isLessThanOrEqualTo(estimate);
      // A one-sided bound at 1 − α equals the two-sided lower bound at 1 − 2α.
      assertThat(lower).isCloseTo(method.interval(k, n, 2 * confidence - 1).lower(), within(1e-9));
    }
  }

  @Test
  void clopperPearsonCoversAtLeastTheConfidenceAndWilsonRoughly() {
    // Exact coverage: Σ_k P(k | n, θ)·1[θ ∈ interval(k)], computed from the binomial pmf, no sampling.
    int n = 40;
    double confidence = 0.95;
    Interval[] cp = new Interval[n + 1];
    Interval[] wilson = new Interval[n + 1];
    for (int k = 0; k <= n; k++) {
      cp[k] = IntervalMethod.CLOPPER_PEARSON.interval(k, n, confidence);
      wilson[k] = IntervalMethod.WILSON.interval(k, n, confidence);
    }
    double wilsonSum = 0;
    int thetas = 0;
    for (double theta = 0.01; theta < 1; theta += 0.01) {
      double cpCoverage = 0;
      double wilsonCoverage = 0;
      for (int k = 0; k <= n; k++) {
        double pmf = org.apache.commons.statistics.distribution.BinomialDistribution.of(n, theta)
            .probability(k);
        cpCoverage += cp[k].contains(theta) ? pmf : 0;
        wilsonCoverage += wilson[k].contains(theta) ? pmf : 0;
      }
      assertThat(cpCoverage).as("Clopper-Pearson coverage at θ = %s", theta)
          .isGreaterThanOrEqualTo(confidence - 1e-12);
      assertThat(wilsonCoverage).as("Wilson coverage at θ = %s", theta).isGreaterThan(0.80);
      wilsonSum += wilsonCoverage;
      thetas++;
    }
    assertThat(wilsonSum / thetas).as("Wilson's average coverage").isCloseTo(confidence, within(0.01));
  }

  @Test
  void precisionAndRecallUseTheirOwnDenominators() {
    Confusion c = new Confusion(30, 10, 20, 940);
    assertThat(Intervals.precision(c, IntervalMethod.CLOPPER_PEARSON, 0.9))
        .isEqualTo(IntervalMethod.CLOPPER_PEARSON.interval(30, 40, 0.9));
    assertThat(Intervals.recall(c, IntervalMethod.WILSON, 0.9))
        .isEqualTo(IntervalMethod.WILSON.interval(30, 50, 0.9));
    assertThat(Intervals.precision(new Confusion(0, 0, 5, 5), IntervalMethod.WILSON, 0.9))
        .isEqualTo(Interval.UNDEFINED);
  }

  @Test
  void weightedCountsAreRefusedWithTheCountNamed() {
    Confusion weighted = new Confusion(2.5, 1, 3, 4);
    assertThatThrownBy(() -> Intervals.precision(weighted, IntervalMethod.WILSON, 0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a precision interval needs whole row counts, but TP = 2.5;");
    assertThatThrownBy(() -> Intervals.recall(new Confusion(2, 1, 0.25, 4), IntervalMethod.WILSON,
        0.95)).hasMessageContaining("FN = 0.25");
  }

  @Test
  void intervalsRejectBoundsOutOfOrder() {
    assertThatThrownBy(() -> new Interval(0.6, 0.5))
        .hasMessage("lower bound (0.6) must be <= upper bound (0.5)");
    assertThatThrownBy(() -> new Interval(Double.NaN, 0.5))
        .hasMessageStartingWith("bounds must both be NaN");
  }
}

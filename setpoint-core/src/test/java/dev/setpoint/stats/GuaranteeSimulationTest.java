package dev.setpoint.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows that guaranteed selection keeps its promise and naive selection does not, on a population whose
 * true precision at every threshold is known exactly ({@code docs/benchmarks.md#guarantee-simulation}).
 *
 * <p>Population: 10 % positives scoring Beta(5, 2), 90 % negatives scoring Beta(2, 5), so {@code
 * precision(t) = π·S₊(t) / (π·S₊(t) + (1 − π)·S₋(t))} with S the Beta survival functions. Precision 0.9 is
 * first reached at t ≈ 0.734, recall 0.50.
 *
 * <p>Each of R replicates draws a validation set and a calibration set of n rows each, from its own seed,
 * for n = 2,000 (200 positives expected: the target is often not certifiable) and n = 10,000.
 * The guaranteed method builds its sequence on validation and tests it on calibration; the naive method
 * takes {@code recall@precision>=0.9} on the calibration curve. For both, the TRUE precision at the chosen
 * threshold decides whether the target was violated. Infeasible answers cannot violate and are counted
 * apart.
 */
class GuaranteeSimulationTest {

  static final long SEED = 20261201L;
  static final int R = 1_000;
  static final double P = 0.9;
  static final double DELTA = 0.05;
  static final double PREVALENCE = 0.1;

  private static final BetaDistribution POSITIVE = BetaDistribution.of(5, 2);
  private static final BetaDistribution NEGATIVE = BetaDistribution.of(2, 5);

  static double truePrecision(double t) {
    double pos = PREVALENCE * POSITIVE.survivalProbability(t);
    double neg = (1 - PREVALENCE) * NEGATIVE.survivalProbability(t);
    return pos / (pos + neg);
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {2_000, 10_000})
  void guaranteedSelectionViolatesAtMostDeltaWhileNaiveSelectionViolatesFarMoreOften(int n) {
    GuaranteedPrecision guaranteed = new GuaranteedPrecision(P, DELTA);
    Objective naive = Objective.recallAtPrecision(P);
    int guaranteedViolations = 0;
    int naiveViolations = 0;
    int guaranteedInfeasible = 0;
    int naiveInfeasible = 0;
    double guaranteedRecall = 0;
    double naiveRecall = 0;
    SplittableRandom seeds = new SplittableRandom(SEED);
    for (int r = 0; r < R; r++) {
      SplittableRandom random = new SplittableRandom(seeds.nextLong());
      UniformRandomProvider rng = random::nextLong;
      ContinuousDistribution.Sampler pos = POSITIVE.createSampler(rng);
      ContinuousDistribution.Sampler neg = NEGATIVE.createSampler(rng);
      Curve validation = sample(random, pos, neg, n);
      Curve calibration = sample(random, pos, neg, n);

      Selection g = guaranteed.select(validation, calibration);
      if (g instanceof Selection.Feasible f) {
        guaranteedViolations += truePrecision(f.threshold()) < P ? 1 : 0;
        guaranteedRecall += POSITIVE.survivalProbability(f.threshold());
      } else {
        guaranteedInfeasible++;
      }
      Selection s = naive.select(calibration);
      if (s instanceof Selection.Feasible f) {
        naiveViolations += truePrecision(f.threshold()) < P ? 1 : 0;
        naiveRecall += POSITIVE.survivalProbability(f.threshold());
      } else {
        naiveInfeasible++;
      }
    }
    double guaranteedRate = (double) guaranteedViolations / R;
    double naiveRate = (double) naiveViolations / R;
    double allowed = DELTA + 3 * Math.sqrt(DELTA * (1 - DELTA) / R);
    System.out.printf(Locale.ROOT, "Guarantee simulation: seed %d, n %d, R %d, p %s, δ %s%n"
            + "  guaranteed: %d violations (rate %.4f, allowed %.4f), %d infeasible, mean true recall %.4f%n"
            + "  naive:      %d violations (rate %.4f), %d infeasible, mean true recall %.4f%n",
        SEED, n, R, P, DELTA, guaranteedViolations, guaranteedRate, allowed, guaranteedInfeasible,
        guaranteedRecall / (R - guaranteedInfeasible), naiveViolations, naiveRate, naiveInfeasible,
        naiveRecall / (R - naiveInfeasible));

    assertThat(guaranteedRate).isLessThanOrEqualTo(allowed);
    assertThat(naiveRate).as("naive violation rate").isGreaterThan(0.3);
    assertThat(naiveRate).isGreaterThan(allowed + 0.2);
    if (n >= 10_000) {
      assertThat(guaranteedInfeasible).as("with 1,000 positives the target is usually certifiable")
          .isLessThan(R / 20);
    }
  }

  @Test
  void thePopulationReachesTheTargetWhereTheJavadocSays() {
    assertThat(truePrecision(0.73)).isLessThan(P);
    assertThat(truePrecision(0.74)).isGreaterThan(P);
  }

  private static Curve sample(SplittableRandom random, ContinuousDistribution.Sampler pos,
      ContinuousDistribution.Sampler neg, int n) {
    CurveBuilder b = Curve.builder();
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextDouble() < PREVALENCE;
      b.add(positive ? pos.sample() : neg.sample(), positive);
    }
    return b.build();
  }
}

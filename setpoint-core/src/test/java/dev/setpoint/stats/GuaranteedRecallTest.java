package dev.setpoint.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.junit.jupiter.api.Test;

class GuaranteedRecallTest {

  /**
   * The example of docs/definitions.md#guaranteed-recall: r = 0.5, δ = 0.1, ten positives. P(X ≥ 8) =
   * 56/1024 = 0.0547 ≤ 0.1 < P(X ≥ 7) = 176/1024, so k = 8: the eighth highest positive score, 0.5,
   * which three positives share (TP 9).
   */
  @Test
  void theHighestThresholdFlaggingTheKthPositiveIsChosenTiesIncluded() {
    Curve c = Curve.builder()
        .add(0.95, true).add(0.9, true).add(0.85, false).add(0.8, true).add(0.75, true)
        .add(0.7, true).add(0.65, false).add(0.6, true).add(0.5, true).add(0.5, true).add(0.5, true)
        .add(0.45, false).add(0.3, true).add(0.2, false).build();
    GuaranteedRecall g = new GuaranteedRecall(0.5, 0.1);
    assertThat(g.positivesNeeded(10)).isEqualTo(8);
    Selection.Feasible f = (Selection.Feasible) g.select(c);
    assertThat(f.threshold()).isEqualTo(0.5);
    assertThat(f.point().confusion().truePositives()).isEqualTo(9);
    assertThat(f.point().confusion().falsePositives()).isEqualTo(2);
    assertThat(f.objectiveValue()).isEqualTo(9.0 / 11);
    // The one-sided 90 % CP bound on recall from 9 of 10 is above r, as the rule implies.
    assertThat(g.lowerBound(f.point().confusion())).isGreaterThanOrEqualTo(0.5);
    // The validation curve plays no part.
    assertThat(g.select(Curve.builder().add(0.1, true).build(), c)).isEqualTo(f);
  }

  @Test
  void theNeededCountIsTheLeastWithATailAtMostDelta() {
    GuaranteedRecall g = new GuaranteedRecall(0.9, 0.05);
    for (long m : new long[] {29, 30, 100, 1_000, 12_345}) {
      long k = g.positivesNeeded(m);
      assertThat(GuaranteedPrecision.tail(k, m, 0.9)).as("m = %d", m).isLessThanOrEqualTo(0.05);
      assertThat(GuaranteedPrecision.tail(k - 1, m, 0.9)).as("m = %d", m).isGreaterThan(0.05);
    }
    // For m = 1000: mean 900, sd 9.5, so k is about 900 + 1.645 · 9.5.
    assertThat(g.positivesNeeded(1_000)).isBetween(914L, 918L);
  }

  @Test
  void tooFewPositivesCertifyNothingAndTheReasonSaysHowManyAreNeeded() {
    GuaranteedRecall g = new GuaranteedRecall(0.9, 0.05);
    assertThat(g.minimumPositives()).isEqualTo(29); // 0.9^28 = 0.0523 > 0.05 >= 0.9^29 = 0.0471
    Selection s = g.select(positives(28));
    assertThat(s).isInstanceOf(Selection.Infeasible.class);
    Selection.Infeasible inf = (Selection.Infeasible) s;
    assertThat(inf.reason()).contains("28 positives").contains("needs at least 29")
        .contains("0.05233 > δ");
    assertThat(inf.nearest().orElseThrow().threshold()).isEqualTo(1.0);
    // 29: every positive must be flagged, so the lowest positive score.
    Selection.Feasible f = (Selection.Feasible) g.select(positives(29));
    assertThat(f.threshold()).isEqualTo(1.0);
    assertThat(f.point().confusion().truePositives()).isEqualTo(29);
    assertThat(g.select(Curve.builder().add(0.4, false).build()))
        .isInstanceOf(Selection.Infeasible.class);
  }

  @Test
  void weightedCalibrationAndBadTargetsAreRefused() {
    Curve weighted = Curve.builder().add(0.5, true, 2.0).add(0.4, false, 1.0).build();
    assertThatThrownBy(() -> new GuaranteedRecall(0.9, 0.05).select(weighted))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weighted");
    assertThatThrownBy(() -> new GuaranteedRecall(1.0, 0.05))
        .hasMessageContaining("recall 1 can never be certified");
    assertThatThrownBy(() -> new GuaranteedRecall(0.9, 0.0)).hasMessageContaining("delta");
  }

  /**
   * Coverage. Positives score Beta(5, 2) (continuous: the chance of a violation is exactly
   * {@code P(Binomial(P, r) ≥ k)}, which the rate must match, not merely stay under) or the same rounded
   * down to twentieths (ties everywhere: the rate may only be lower). The naive choice, {@code
   * precision@recall>=r} on the calibration curve itself, violates about half the time.
   */
  @Test
  void theViolationRateMatchesTheBinomialTailAndStaysUnderDeltaWithTies() {
    double r = 0.9;
    double delta = 0.05;
    int positives = 200;
    int replicates = 4_000;
    BetaDistribution beta = BetaDistribution.of(5, 2);
    GuaranteedRecall g = new GuaranteedRecall(r, delta);
    double exact = GuaranteedPrecision.tail(g.positivesNeeded(positives), positives, r);
    assertThat(exact).isBetween(0.03, delta);
    DoubleUnaryOperator continuous = s -> s;
    DoubleUnaryOperator tied = s -> Math.floor(s * 20);
    for (boolean ties : new boolean[] {false, true}) {
      DoubleUnaryOperator score = ties ? tied : continuous;
      // True recall P(S >= t): for tied scores S = floor(20 B) >= t iff B >= t / 20 (t an integer).
      DoubleUnaryOperator trueRecall = ties ? t -> beta.survivalProbability(t / 20)
          : beta::survivalProbability;
      SplittableRandom seeds = new SplittableRandom(20261123L);
      int violations = 0;
      int naiveViolations = 0;
      for (int i = 0; i < replicates; i++) {
        SplittableRandom random = new SplittableRandom(seeds.nextLong());
        UniformRandomProvider rng = random::nextLong;
        ContinuousDistribution.Sampler sampler = beta.createSampler(rng);
        CurveBuilder b = Curve.builder();
        for (int j = 0; j < positives; j++) {
          b.add(score.applyAsDouble(sampler.sample()), true);
          b.add(score.applyAsDouble(random.nextDouble()), false);
        }
        Curve calibration = b.build();
        Selection.Feasible f = (Selection.Feasible) g.select(calibration);
        violations += trueRecall.applyAsDouble(f.threshold()) < r ? 1 : 0;
        Selection.Feasible naive = (Selection.Feasible) Objective.precisionAtRecall(r).select(calibration);
        naiveViolations += trueRecall.applyAsDouble(naive.threshold()) < r ? 1 : 0;
      }
      double rate = (double) violations / replicates;
      double sd = Math.sqrt(exact * (1 - exact) / replicates);
      System.out.printf(Locale.ROOT, "Guaranteed recall simulation (%s): %d of %d violate "
          + "(rate %.4f; binomial tail %.4f), naive %d%n", ties ? "tied" : "continuous", violations,
          replicates, rate, exact, naiveViolations);
      if (ties) {
        assertThat(rate).isLessThanOrEqualTo(exact + 3 * sd);
      } else {
        assertThat(rate).isBetween(exact - 4 * sd, exact + 4 * sd);
      }
      assertThat((double) naiveViolations / replicates).isGreaterThan(0.3);
    }
  }

  private static Curve positives(int n) {
    CurveBuilder b = Curve.builder();
    for (int i = 0; i < n; i++) {
      b.add(1.0 + i, true);
    }
    return b.add(0.5, false).build();
  }
}

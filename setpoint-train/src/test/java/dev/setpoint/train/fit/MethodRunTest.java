package dev.setpoint.train.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.select.Objective;
import dev.setpoint.train.fit.TrainingMethod.MultiplierStep;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MethodRunTest {

  private static final ConstrainedObjective PRECISION_90 = ConstrainedObjective.of(Objective.recallAtPrecision(0.9));
  private static final ConstrainedObjective RECALL_75 = ConstrainedObjective.of(Objective.precisionAtRecall(0.75));

  /**
   * A random batch: 1–40 rows, roughly a third positive, logits uniform in (−3, 3) shifted up for
   * positives and down for negatives by a per-batch amount in (−1, 3), so that some batches meet
   * either constraint and some violate it.
   */
  private record Batch(double[] logits, boolean[] labels) {
    static Batch random(SplittableRandom random) {
      int n = 1 + random.nextInt(40);
      double shift = random.nextDouble(-1, 3);
      double[] z = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        y[i] = random.nextInt(3) == 0;
        z[i] = random.nextDouble(-3, 3) + (y[i] ? shift : -shift);
      }
      return new Batch(z, y);
    }

    /**
     * The true constraint counted by hand, flag iff z >= 0: +1 violated (metric defined and below
     * target), −1 met with room (metric above target), 0 on the boundary or undefined.
     */
    int violation(ConstrainedObjective objective) {
      int flagged = 0;
      int positives = 0;
      int caught = 0;
      for (int i = 0; i < logits.length; i++) {
        flagged += logits[i] >= 0 ? 1 : 0;
        positives += labels[i] ? 1 : 0;
        caught += logits[i] >= 0 && labels[i] ? 1 : 0;
      }
      int denominator = objective.constraint().rate() == Objective.Constraint.Rate.PRECISION
          ? flagged : positives;
      if (denominator == 0) {
        return 0;
      }
      double metric = (double) caught / denominator; // docs/definitions.md#precision, #recall
      return Double.compare(objective.target(), metric);
    }
  }

  private static double lambda(MethodRun run) {
    return run.multipliers().get(0).value();
  }

  @Test
  void dualAscentRaisesLambdaExactlyWhileTheTrueConstraintIsViolatedAndKeepsItInZeroToCap() {
    SplittableRandom random = new SplittableRandom(11);
    for (ConstrainedObjective objective : List.of(PRECISION_90, RECALL_75)) {
      double cap = 3;
      MethodRun run = MethodRun.start(new TrainingMethod.DualWeighted(0.5, cap, 1, 0,
          MultiplierStep.BATCH), objective, 0.3);
      int raised = 0;
      int lowered = 0;
      for (int step = 0; step < 3000; step++) {
        Batch b = Batch.random(random);
        double before = lambda(run);
        run.batch(b.logits(), b.labels(), b.logits().length, new double[b.logits().length]);
        double after = lambda(run);
        int violation = b.violation(objective);
        assertThat(after).as("λ stays in [0, cap]").isBetween(0.0, cap);
        if (violation > 0) {
          assertThat(after > before || after == cap).as("violated: λ rises (or sits at the cap)")
              .isTrue();
          raised += after > before ? 1 : 0;
        } else if (violation < 0) {
          assertThat(after < before || after == 0).as("met: λ falls (or sits at 0)").isTrue();
          lowered += after < before ? 1 : 0;
        } else {
          assertThat(after).as("on the boundary or undefined: λ holds").isEqualTo(before);
        }
      }
      assertThat(raised).as("%s: steps that raised λ", objective).isGreaterThan(50);
      assertThat(lowered).as("%s: steps that lowered λ", objective).isGreaterThan(50);
    }
  }

  @Test
  void aBatchExactlyAtTheTargetPrecisionIsNotAViolation() {
    // 9 of 10 flagged rows positive: precision 0.9 exactly, though 0.9·1 − 0.1·9 is 2.2e-16 in binary.
    double[] z = new double[12];
    boolean[] y = new boolean[12];
    for (int i = 0; i < 10; i++) {
      z[i] = 1;
      y[i] = i < 9;
    }
    z[10] = -1;
    z[11] = -2;
    y[10] = true;
    assertThat(PRECISION_90.hardViolation(z, y, 12)).isZero();
    // docs/definitions.md#training-constraint-violation, the example: α = 0.95 gives (10/12)·0.05.
    assertThat(ConstrainedObjective.of(Objective.recallAtPrecision(0.95)).hardViolation(z, y, 12))
        .isCloseTo(10.0 / 12 * 0.05, org.assertj.core.data.Offset.offset(1e-15));
    MethodRun run = MethodRun.start(new TrainingMethod.DualWeighted(1, 10, 2, 0,
        MultiplierStep.BATCH), PRECISION_90, 0.5);
    run.batch(z, y, 12, new double[12]);
    assertThat(lambda(run)).isEqualTo(2.0);
  }

  @Test
  void theProxyLagrangianMultiplierRisesExactlyWhileTheTrueConstraintIsViolatedAwayFromItsFloor() {
    SplittableRandom random = new SplittableRandom(12);
    for (ConstrainedObjective objective : List.of(PRECISION_90, RECALL_75)) {
      double radius = 0.01;
      MethodRun.ProxyLagrangianRun run = (MethodRun.ProxyLagrangianRun) MethodRun.start(
          new TrainingMethod.ProxyLagrangian(0.5, radius, MultiplierStep.BATCH), objective, 0.3);
      int checked = 0;
      for (int step = 0; step < 3000; step++) {
        Batch b = Batch.random(random);
        double before = lambda(run);
        boolean floored = run.floored();
        run.batch(b.logits(), b.labels(), b.logits().length, new double[b.logits().length]);
        double after = lambda(run);
        int violation = b.violation(objective);
        assertThat(after).isGreaterThan(0).isLessThanOrEqualTo(2 / radius);
        if (floored || run.floored()) {
          continue;
        }
        checked++;
        if (violation > 0) {
          assertThat(after).isGreaterThanOrEqualTo(before);
        } else if (violation < 0) {
          assertThat(after).isLessThanOrEqualTo(before);
        } else {
          assertThat(after).isEqualTo(before);
        }
      }
      assertThat(checked).as("%s: steps away from the floor", objective).isGreaterThan(300);
    }
  }

  @Test
  void ebanAscendsOnTheSurrogateConstraintEvenWhereTheTrueOneHoldsUntilTheCap() {
    // Every row is classified right at logit 0 (precision 1), but the positives sit just above 0
    // and the negatives just below it: the cross-entropy bounds on FN and FP are large, so the
    // surrogate constraint is violated and λ climbs — to the cap (constrained_training.md §1, caveat).
    double[] z = {0.1, 0.2, -0.1, -0.2, -0.1, -0.3};
    boolean[] y = {true, true, false, false, false, false};
    assertThat(PRECISION_90.hardViolation(z, y, 6)).isNegative();
    MethodRun run = MethodRun.start(new TrainingMethod.Eban(1, 5, 1, MultiplierStep.BATCH),
        PRECISION_90, 1.0 / 3);
    double previous = lambda(run);
    for (int step = 0; step < 50; step++) {
      run.batch(z, y, 6, new double[6]);
      assertThat(lambda(run)).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(5);
      previous = lambda(run);
    }
    assertThat(previous).isEqualTo(5.0);
  }

  @Test
  void anEpochLevelStepMovesLambdaOnlyAtTheEndOfTheEpochByRateTimesTheTrainingSetViolation() {
    double[] z = {2, 1, 0.5, -1, 3};
    boolean[] y = {true, false, false, true, true}; // flagged 4, precision 0.5: violation 4/5·0.4
    MethodRun run = MethodRun.start(new TrainingMethod.DualWeighted(0.5, 100, 1, 0.9,
        MultiplierStep.EPOCH), PRECISION_90, 0.6);
    assertThat(run.needsTrainingLogits()).isTrue();
    run.batch(z, y, 5, new double[5]);
    assertThat(lambda(run)).isEqualTo(1.0);
    run.epoch(z, y);
    assertThat(lambda(run)).isCloseTo(1 + 0.5 * (4.0 / 5) * (0.9 - 0.5),
        org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void theNaiveStopAsksToStopAfterTheFirstBatchWhosePrecisionDipsAndSkipsBatchesThatFlagNothing() {
    MethodRun run = MethodRun.start(new TrainingMethod.NaiveStop(), PRECISION_90, 0.5);
    double[] nothingFlagged = {-1, -2, 0};
    boolean[] y = {true, false, false};
    run.batch(nothingFlagged, y, 3, new double[3]); // z = 0 is σ = 0.5, not > 0.5 (Keras)
    assertThat(run.stopRequest()).isEmpty();
    run.batch(new double[] {1, 2, -1}, new boolean[] {true, true, false}, 3, new double[3]);
    assertThat(run.stopRequest()).isEmpty();
    run.batch(new double[] {1, 2, 3}, new boolean[] {true, false, false}, 3, new double[3]);
    assertThat(run.stopRequest()).hasValue("batch precision 1/3 = 0.3333 < 0.9 at sigmoid(z) > 0.5");
  }

  @Test
  void methodSettingsAreValidatedNamingTheBadValue() {
    assertThatThrownBy(() -> new TrainingMethod.DualWeighted(-1, 10, 1, 0.9, MultiplierStep.BATCH))
        .hasMessage("multiplier rate must be finite and > 0, was -1.0");
    assertThatThrownBy(() -> new TrainingMethod.Eban(0.1, 0.5, 1, MultiplierStep.BATCH))
        .hasMessage("multiplier cap must be finite and >= the start (1.0), was 0.5");
    assertThatThrownBy(() -> new TrainingMethod.DualWeighted(0.1, 10, 1, 1, MultiplierStep.BATCH))
        .hasMessage("multiplier smoothing must be in [0, 1), was 1.0");
    assertThatThrownBy(() -> new TrainingMethod.ProxyLagrangian(1, 0, MultiplierStep.BATCH))
        .hasMessage("proxy radius must be in (0, 1), was 0.0");
  }
}

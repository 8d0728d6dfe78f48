package dev.setpoint.train.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.select.Objective;
import dev.setpoint.train.model.Logistic;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossGradientTest {

  private static final ConstrainedObjective PRECISION_95 = ConstrainedObjective.of(Objective.recallAtPrecision(0.95));
  private static final ConstrainedObjective RECALL_80 = ConstrainedObjective.of(Objective.precisionAtRecall(0.8));

  /**
   * Every loss in the module, and every loss a training method builds (the Lagrangian weights of
   * dual-weighted BCE, the Eban surrogate, the proxy-Lagrangian's model loss, the naive re-weighting),
   * for both setpoints; a new loss is added here and so gets its gradient checked.
   */
  private static final List<Loss> LOSSES = List.of(
      new BinaryCrossEntropy(),
      new WeightedCrossEntropy(1, 1),
      new WeightedCrossEntropy(3.5, 0.25),
      new WeightedCrossEntropy(0, 2),
      PRECISION_95.lagrangian(0),
      PRECISION_95.lagrangian(2.5),
      RECALL_80.lagrangian(0),
      RECALL_80.lagrangian(40),
      new EbanSurrogate(PRECISION_95, 1.0, 0.3),
      new EbanSurrogate(ConstrainedObjective.of(Objective.recallAtPrecision(0.6)), 7.5, 0.05),
      new EbanSurrogate(RECALL_80, 3, 0.2),
      new ProxyLagrangianLoss(PRECISION_95, 0),
      new ProxyLagrangianLoss(PRECISION_95, 0.6),
      new ProxyLagrangianLoss(RECALL_80, 0.3),
      new ProxyLagrangianLoss(RECALL_80, 1),
      new RoundedRecallReweighting());

  @Test
  void everyLossGradientMatchesCentralDifferencesToOnePartInAMillion() {
    SplittableRandom random = new SplittableRandom(7);
    for (Loss loss : LOSSES) {
      for (int trial = 0; trial < 20; trial++) {
        int count = 1 + random.nextInt(16);
        double[] z = new double[count];
        boolean[] y = new boolean[count];
        for (int i = 0; i < count; i++) {
          // Away from 0 (|z| > 4h), where the naive re-weighting's rounding jumps: no derivative there.
          z[i] = random.nextDouble(0.05, 8) * (random.nextBoolean() ? 1 : -1);
          y[i] = random.nextBoolean();
        }
        double[] analytic = new double[count];
        loss.evaluate(z, y, count, analytic);
        double[] scratch = new double[count];
        for (int i = 0; i < count; i++) {
          // Five-point central difference, error O(h⁴): h can be large enough that rounding in a
          // batch loss of magnitude ~40 (large Lagrangian weights) stays far below the tolerance.
          double h = 1e-3 * Math.max(1, Math.abs(z[i]));
          double keep = z[i];
          double[] f = new double[4];
          double[] offsets = {2 * h, h, -h, -2 * h};
          for (int k = 0; k < 4; k++) {
            z[i] = keep + offsets[k];
            f[k] = loss.evaluate(z, y, count, scratch);
          }
          z[i] = keep;
          double numeric = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
          // Relative error below 1e-6, or an absolute one below 1e-10 (the stencil's rounding noise,
          // ~1e-16·|loss|/h, where the true gradient is 0 or tiny).
          double error = Math.abs(analytic[i] - numeric);
          assertThat(error < 1e-10 || error / (Math.abs(analytic[i]) + Math.abs(numeric)) < 1e-6)
              .as("%s, logit %s, positive %s: analytic %s, numeric %s", loss.name(), z[i], y[i],
                  analytic[i], numeric)
              .isTrue();
        }
      }
    }
  }

  @Test
  void binaryCrossEntropyIsTheMeanNegativeLogLikelihood() {
    double[] z = {0.0, 2.0, -1.0};
    boolean[] y = {true, false, false};
    double expected = (Math.log(2) + Math.log(1 + Math.exp(2)) + Math.log(1 + Math.exp(-1))) / 3;
    assertThat(new BinaryCrossEntropy().evaluate(z, y, 3, new double[3]))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void softplusAndSigmoidStayFiniteAndAccurateAtExtremeLogits() {
    assertThat(Logistic.softplus(800)).isEqualTo(800.0);
    assertThat(Logistic.softplus(-800)).isEqualTo(0.0);
    assertThat(Logistic.softplus(-40)).isCloseTo(Math.exp(-40), org.assertj.core.data.Percentage
        .withPercentage(1e-10));
    assertThat(Logistic.sigmoid(-800)).isEqualTo(0.0);
    assertThat(Logistic.sigmoid(-40)).isPositive();
    assertThat(Logistic.sigmoid(800)).isEqualTo(1.0);
    double[] gradient = new double[1];
    double loss = new BinaryCrossEntropy().evaluate(new double[] {-800}, new boolean[] {true}, 1,
        gradient);
    assertThat(loss).isEqualTo(800.0);
    assertThat(gradient[0]).isEqualTo(-1.0);
  }

  @Test
  void theSurrogateMultiplierGradientMatchesCentralDifferencesInLambdaForBothSetpoints() {
    SplittableRandom random = new SplittableRandom(3);
    int count = 12;
    double[] z = new double[count];
    boolean[] y = new boolean[count];
    for (int i = 0; i < count; i++) {
      z[i] = random.nextDouble(-5, 5);
      y[i] = i % 3 == 0;
    }
    double[] scratch = new double[count];
    for (ConstrainedObjective objective : List.of(ConstrainedObjective.of(Objective.recallAtPrecision(0.9)), RECALL_80)) {
      for (double lambda : new double[] {0.5, 1, 4}) {
        double h = 1e-5;
        double up = new EbanSurrogate(objective, lambda + h, 0.25).evaluate(z, y, count, scratch);
        double down = new EbanSurrogate(objective, lambda - h, 0.25).evaluate(z, y, count, scratch);
        double numeric = (up - down) / (2 * h);
        double analytic = new EbanSurrogate(objective, lambda, 0.25).multiplierGradient(z, y, count);
        assertThat(Math.abs(analytic - numeric) / (Math.abs(analytic) + Math.abs(numeric)))
            .as("%s at λ = %s", objective, lambda).isLessThan(1e-6);
      }
    }
  }

  @Test
  void theEbanSurrogateForRecallAtPrecisionIsGlobalObjectivesRecallAtPrecisionLoss() {
    // recall_at_precision_loss, xent: y·(1 + λ(1−α))·softplus(−z) + (1−y)·λα·softplus(z)
    // − λ(1−α)·π·ln 2, averaged (constrained_training.md §1, code form).
    double alpha = 0.9;
    double lambda = 2.5;
    double prior = 0.2;
    double[] z = {1.5, -0.5, 3, -2};
    boolean[] y = {true, true, false, false};
    double expected = 0;
    for (int i = 0; i < z.length; i++) {
      expected += y[i] ? (1 + lambda * (1 - alpha)) * Logistic.softplus(-z[i])
          : lambda * alpha * Logistic.softplus(z[i]);
    }
    expected = expected / z.length - lambda * (1 - alpha) * prior * Math.log(2);
    double actual = new EbanSurrogate(ConstrainedObjective.of(Objective.recallAtPrecision(alpha)), lambda, prior)
        .evaluate(z, y, z.length, new double[z.length]);
    assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-14));
  }

  @Test
  void theNaiveReweightingHasNoGradientThroughItsRoundingOnlyAScaledBceGradient() {
    // Two positives, one caught (z > 0): rounded recall 1/(2 + 1e-7), factor 2 − r̂.
    double[] z = {2, -1, 0.5};
    boolean[] y = {true, true, false};
    double[] bce = new double[3];
    double[] naive = new double[3];
    double bceLoss = new BinaryCrossEntropy().evaluate(z, y, 3, bce);
    double naiveLoss = new RoundedRecallReweighting().evaluate(z, y, 3, naive);
    double factor = 2 - 1 / (2 + 1e-7);
    assertThat(naiveLoss).isCloseTo(factor * bceLoss, org.assertj.core.data.Offset.offset(1e-14));
    for (int i = 0; i < 3; i++) {
      assertThat(naive[i]).isCloseTo(factor * bce[i], org.assertj.core.data.Offset.offset(1e-15));
    }
    // Moving the caught positive's logit across 0 changes the loss by a jump, not a slope.
    double[] scratch = new double[3];
    double justAbove = new RoundedRecallReweighting().evaluate(new double[] {1e-9, -1, 0.5}, y, 3,
        scratch);
    double justBelow = new RoundedRecallReweighting().evaluate(new double[] {-1e-9, -1, 0.5}, y, 3,
        scratch);
    assertThat(justBelow - justAbove).isGreaterThan(0.1);
  }

  @Test
  void theProxyLagrangianModelLossIsTheMixtureOfObjectiveAndConstraintProxies() {
    // p₀·mean[y·softplus(−z)]/ln 2
    //   + p₁·(mean[(1−α)·y·softplus(−z) + α·(1−y)·softplus(z)]/ln 2 − (1−α)·P/B)
    double alpha = 0.95;
    double p1 = 0.4;
    double[] z = {0.3, -1.2, 2.2, -0.7, 0.1};
    boolean[] y = {true, false, false, true, false};
    double objective = 0;
    double constraint = 0;
    for (int i = 0; i < z.length; i++) {
      objective += y[i] ? Logistic.softplus(-z[i]) / Math.log(2) : 0;
      constraint += y[i] ? (1 - alpha) * Logistic.softplus(-z[i]) / Math.log(2)
          : alpha * Logistic.softplus(z[i]) / Math.log(2);
    }
    double expected = (1 - p1) * objective / z.length
        + p1 * (constraint / z.length - (1 - alpha) * 2.0 / z.length);
    double actual = new ProxyLagrangianLoss(ConstrainedObjective.of(Objective.recallAtPrecision(alpha)), p1)
        .evaluate(z, y, z.length, new double[z.length]);
    assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-14));
  }
}

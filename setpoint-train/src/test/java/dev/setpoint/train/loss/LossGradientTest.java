package dev.setpoint.train.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossGradientTest {

  /** Every loss in the module; a new loss is added here and so gets its gradient checked. */
  private static final List<Loss> LOSSES = List.of(
      new BinaryCrossEntropy(),
      new WeightedCrossEntropy(1, 1),
      new WeightedCrossEntropy(3.5, 0.25),
      new WeightedCrossEntropy(0, 2),
      new RecallAtPrecisionSurrogate(0.95, 1.0, 0.3),
      new RecallAtPrecisionSurrogate(0.6, 7.5, 0.05));

  @Test
  void everyLossGradientMatchesCentralDifferencesToOnePartInAMillion() {
    SplittableRandom random = new SplittableRandom(7);
    for (Loss loss : LOSSES) {
      for (int trial = 0; trial < 20; trial++) {
        int count = 1 + random.nextInt(16);
        double[] z = new double[count];
        boolean[] y = new boolean[count];
        for (int i = 0; i < count; i++) {
          z[i] = random.nextDouble(-8, 8);
          y[i] = random.nextBoolean();
        }
        double[] analytic = new double[count];
        loss.evaluate(z, y, count, analytic);
        double[] scratch = new double[count];
        for (int i = 0; i < count; i++) {
          double h = 1e-5 * Math.max(1, Math.abs(z[i]));
          double keep = z[i];
          z[i] = keep + h;
          double up = loss.evaluate(z, y, count, scratch);
          z[i] = keep - h;
          double down = loss.evaluate(z, y, count, scratch);
          z[i] = keep;
          double numeric = (up - down) / (2 * h);
          double scale = Math.max(Math.abs(analytic[i]) + Math.abs(numeric), 1e-12);
          if (analytic[i] != 0 || numeric != 0) {
            assertThat(Math.abs(analytic[i] - numeric) / scale)
                .as("%s, logit %s, positive %s", loss.name(), z[i], y[i])
                .isLessThan(1e-6);
          }
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
  void theSurrogateMultiplierGradientMatchesCentralDifferencesInLambda() {
    SplittableRandom random = new SplittableRandom(3);
    int count = 12;
    double[] z = new double[count];
    boolean[] y = new boolean[count];
    for (int i = 0; i < count; i++) {
      z[i] = random.nextDouble(-5, 5);
      y[i] = i % 3 == 0;
    }
    double[] scratch = new double[count];
    for (double lambda : new double[] {0.5, 1, 4}) {
      double h = 1e-5;
      double up = new RecallAtPrecisionSurrogate(0.9, lambda + h, 0.25).evaluate(z, y, count, scratch);
      double down = new RecallAtPrecisionSurrogate(0.9, lambda - h, 0.25).evaluate(z, y, count, scratch);
      double numeric = (up - down) / (2 * h);
      double analytic = new RecallAtPrecisionSurrogate(0.9, lambda, 0.25).multiplierGradient(z, y, count);
      assertThat(Math.abs(analytic - numeric) / (Math.abs(analytic) + Math.abs(numeric)))
          .isLessThan(1e-6);
    }
  }

  @Test
  void theSurrogateMultiplierAscendsWhileTheConstraintIsViolatedAndStaysInZeroToCap() {
    // Every negative scored far above 0: the surrogate false-positive bound is large, so ∂/∂λ > 0.
    double[] z = {5, 5, 5, -5};
    boolean[] y = {false, false, false, true};
    RecallAtPrecisionSurrogate loss = new RecallAtPrecisionSurrogate(0.95, 1, 0.25);
    double g = loss.multiplierGradient(z, y, 4);
    assertThat(g).isPositive();
    assertThat(loss.ascend(g, 0.1, 100).lambda()).isEqualTo(1 + 0.1 * g);
    assertThat(loss.ascend(g, 1000, 10).lambda()).isEqualTo(10.0);
    assertThat(loss.ascend(-1e6, 1, 10).lambda()).isEqualTo(0.0);
  }
}

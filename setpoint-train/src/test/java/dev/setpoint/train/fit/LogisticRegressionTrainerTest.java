package dev.setpoint.train.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.select.RecallAtPrecision;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.loss.BinaryCrossEntropy;
import dev.setpoint.train.loss.WeightedCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTrainerTest {

  /** Two features; positives around (+2, +1), negatives around (−2, −1), a margin of at least 1. */
  static FeatureMatrix separable(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[2 * n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(4) == 0;
      double sign = y[i] ? 1 : -1;
      v[2 * i] = sign * (1 + random.nextDouble(2)) + 10;
      v[2 * i + 1] = sign * random.nextDouble(1) * 5 + 100;
    }
    return new FeatureMatrix(List.of("a", "b"), v, y);
  }

  /** Overlapping Gaussians: a capacity-limited problem where seeds and epochs matter. */
  static FeatureMatrix overlapping(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[3 * n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(3) == 0;
      for (int j = 0; j < 3; j++) {
        v[3 * i + j] = gaussian(random) + (y[i] ? 0.7 * (j + 1) : 0);
      }
    }
    return new FeatureMatrix(List.of("a", "b", "c"), v, y);
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double w = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
  }

  @Test
  void aSeparableToyProblemReachesRecallOneAtPrecisionOne() {
    StratifiedSplit split = StratifiedSplit.of(separable(400, 1), SplitFractions.DEFAULT, 1);
    TrainingConfig config = new TrainingConfig(new TrainingMethod.Fixed(new BinaryCrossEntropy()),
        new RecallAtPrecision(1.0),
        100, 32, 0.05, 0, 10, 1);
    TrainingResult result = new LogisticRegressionTrainer(config).train(split, r -> { });
    assertThat(result.bestValidation().value()).isEqualTo(1.0);
    assertThat(result.bestValidation().averagePrecision()).isEqualTo(1.0);
  }

  @Test
  void theSameSeedGivesBitIdenticalWeightsAndHistory() {
    FeatureMatrix data = overlapping(600, 5);
    TrainingConfig config = new TrainingConfig(new TrainingMethod.Fixed(new WeightedCrossEntropy(1, 3)),
        new RecallAtPrecision(0.9), 15, 16, 0.02, 1e-3, 15, 42);
    TrainingResult a = new LogisticRegressionTrainer(config)
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    TrainingResult b = new LogisticRegressionTrainer(config)
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    assertThat(a.parameters().weights()).isEqualTo(b.parameters().weights());
    assertThat(Double.doubleToRawLongBits(a.parameters().bias()))
        .isEqualTo(Double.doubleToRawLongBits(b.parameters().bias()));
    assertThat(a.history()).isEqualTo(b.history());

    TrainingConfig other = new TrainingConfig(config.method(), config.objective(), 15, 16, 0.02, 1e-3,
        15, 43);
    TrainingResult c = new LogisticRegressionTrainer(other)
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    assertThat(c.parameters().weights()).isNotEqualTo(a.parameters().weights());
  }

  @Test
  void trainingStopsAfterPatienceEpochsWithoutImprovementAndKeepsTheBestEpoch() {
    StratifiedSplit split = StratifiedSplit.of(separable(400, 2), SplitFractions.DEFAULT, 2);
    TrainingConfig config = new TrainingConfig(new TrainingMethod.Fixed(new BinaryCrossEntropy()),
        new RecallAtPrecision(1.0),
        500, 32, 0.05, 0, 3, 2);
    List<EpochReport> seen = new ArrayList<>();
    TrainingResult result = new LogisticRegressionTrainer(config).train(split, seen::add);
    assertThat(seen).isEqualTo(result.history());
    assertThat(result.history()).hasSizeLessThan(500);
    assertThat(result.history().size() - result.bestEpoch()).isEqualTo(3);
    assertThat(result.history().get(result.bestEpoch() - 1).best()).isTrue();
    for (EpochReport r : result.history().subList(result.bestEpoch(), result.history().size())) {
      assertThat(r.best()).isFalse();
      assertThat(r.validation().betterThan(result.bestValidation())).isFalse();
    }
  }

  @Test
  void aFeasibleValidationResultBeatsAnInfeasibleOneAndAverageBreaksTies() {
    ValidationScore infeasible = new ValidationScore(Double.NaN, 0.99);
    ValidationScore low = new ValidationScore(0.2, 0.5);
    ValidationScore lowBetterAp = new ValidationScore(0.2, 0.6);
    assertThat(low.betterThan(infeasible)).isTrue();
    assertThat(infeasible.betterThan(low)).isFalse();
    assertThat(lowBetterAp.betterThan(low)).isTrue();
    assertThat(low.betterThan(low)).isFalse();
    assertThat(new ValidationScore(0.3, 0.1).betterThan(lowBetterAp)).isTrue();
  }
}

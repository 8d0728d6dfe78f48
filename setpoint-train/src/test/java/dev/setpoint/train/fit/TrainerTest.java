package dev.setpoint.train.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.select.Objective;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.fit.EpochReport.ValidationScore;
import dev.setpoint.train.model.Model.LogisticRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static final TrainingMethod BCE = TrainingMethod.bce();

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

  /**
   * XOR-like: positive iff x₁ and x₂ have the same sign, each |xⱼ| in [0.25, 1.5], plus a noise feature.
   * No linear score ranks the two positive quadrants above both negative ones.
   */
  static FeatureMatrix xor(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[3 * n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double a = random.nextDouble(0.25, 1.5) * (random.nextBoolean() ? 1 : -1);
      double b = random.nextDouble(0.25, 1.5) * (random.nextBoolean() ? 1 : -1);
      v[3 * i] = a;
      v[3 * i + 1] = b;
      v[3 * i + 2] = random.nextDouble(-1, 1);
      y[i] = (a > 0) == (b > 0);
    }
    return new FeatureMatrix(List.of("x1", "x2", "noise"), v, y);
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double w = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
  }

  @Test
  void aSeparableToyProblemReachesRecallOneAtPrecisionOne() {
    StratifiedSplit split = StratifiedSplit.of(separable(400, 1), SplitFractions.DEFAULT, 1);
    TrainingConfig config = new TrainingConfig(BCE, Objective.recallAtPrecision(1.0),
        100, 32, 0.05, 0, 10, 1);
    TrainingResult result = new Trainer(config).train(split, r -> { });
    assertThat(result.bestValidation().value()).isEqualTo(1.0);
    assertThat(result.bestValidation().averagePrecision()).isEqualTo(1.0);
  }

  @Test
  void aPerceptronSolvesXorWhereLogisticRegressionCannot() {
    StratifiedSplit split = StratifiedSplit.of(xor(1000, 3), SplitFractions.DEFAULT, 3);
    Objective exact = Objective.recallAtPrecision(1.0);
    TrainingConfig lr = new TrainingConfig(BCE, exact, 100, 32, 0.02, 1e-4, 20, 3);
    TrainingConfig mlp = new TrainingConfig(BCE, exact, 100, 32, 0.02, 1e-4, 20, 3,
        OptionalDouble.empty(), List.of(16), 1);
    double lrRecall = new Trainer(lr).train(split, r -> { }).bestValidation().value();
    double mlpRecall = new Trainer(mlp).train(split, r -> { }).bestValidation().value();
    System.out.printf("XOR, validation recall at precision 1: LR %s, MLP 16 %s%n", lrRecall, mlpRecall);
    assertThat(mlpRecall).isGreaterThanOrEqualTo(0.99);
    assertThat(lrRecall).isLessThan(0.5);
  }

  @Test
  void theSameSeedGivesBitIdenticalWeightsAndHistory() {
    FeatureMatrix data = overlapping(600, 5);
    TrainingConfig config = new TrainingConfig(TrainingMethod.weightedBce(1, 3),
        Objective.recallAtPrecision(0.9), 15, 16, 0.02, 1e-3, 15, 42);
    TrainingResult a = new Trainer(config)
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    TrainingResult b = new Trainer(config)
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    assertThat(a.parameters().parameterVector()).isEqualTo(b.parameters().parameterVector());
    assertThat(Double.doubleToRawLongBits(((LogisticRegression) a.parameters()).bias()))
        .isEqualTo(Double.doubleToRawLongBits(((LogisticRegression) b.parameters()).bias()));
    assertThat(a.history()).isEqualTo(b.history());

    TrainingConfig other = new TrainingConfig(config.method(), config.objective(), 15, 16, 0.02, 1e-3,
        15, 43);
    TrainingResult c = new Trainer(other)
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    assertThat(c.parameters().parameterVector()).isNotEqualTo(a.parameters().parameterVector());
  }

  private static TrainingConfig perceptron(int threads, long seed) {
    return new TrainingConfig(TrainingMethod.weightedBce(1, 2),
        Objective.recallAtPrecision(0.9), 6, 64, 0.01, 1e-3, 6, seed, OptionalDouble.empty(), List.of(8, 4),
        threads);
  }

  @Test
  void theSameSeedAndThreadCountGiveBitIdenticalPerceptronWeightsAndHistory() {
    FeatureMatrix data = overlapping(1200, 6);
    for (int threads : new int[] {1, 2, 3}) {
      TrainingResult a = new Trainer(perceptron(threads, 42))
          .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
      TrainingResult b = new Trainer(perceptron(threads, 42))
          .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
      assertThat(a.parameters().parameterVector()).as("%d threads", threads)
          .isEqualTo(b.parameters().parameterVector());
      assertThat(a.history()).isEqualTo(b.history());
    }
    TrainingResult other = new Trainer(perceptron(2, 43))
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    TrainingResult same = new Trainer(perceptron(2, 42))
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { });
    assertThat(other.parameters().parameterVector())
        .isNotEqualTo(same.parameters().parameterVector());
  }

  /**
   * The documented limit of determinism: another thread count cuts each batch into other shards and
   * adds the same terms in another grouping, so the weights are not bit-identical — but only rounding
   * separates them, so they stay close.
   */
  @Test
  void anotherThreadCountGivesWeightsThatDifferOnlyByRounding() {
    FeatureMatrix data = overlapping(1200, 6);
    double[] one = new Trainer(perceptron(1, 42))
        .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { })
        .parameters().parameterVector();
    for (int threads : new int[] {2, 3}) {
      double[] many = new Trainer(perceptron(threads, 42))
          .train(StratifiedSplit.of(data, SplitFractions.DEFAULT, 42), r -> { })
          .parameters().parameterVector();
      assertThat(many).as("%d threads against 1", threads).isNotEqualTo(one);
      assertThat(many).as("%d threads against 1", threads)
          .containsExactly(one, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void trainingStopsItsThreadsWhenItEnds() throws Exception {
    new Trainer(perceptron(3, 1))
        .train(StratifiedSplit.of(overlapping(300, 1), SplitFractions.DEFAULT, 1), r -> { });
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("setpoint-train-")) {
        t.join(10_000); // a pool left running would park its threads for ever
        assertThat(t.isAlive()).as(t.getName()).isFalse();
      }
    }
  }

  @Test
  void trainingStopsAfterPatienceEpochsWithoutImprovementAndKeepsTheBestEpoch() {
    StratifiedSplit split = StratifiedSplit.of(separable(400, 2), SplitFractions.DEFAULT, 2);
    TrainingConfig config = new TrainingConfig(BCE, Objective.recallAtPrecision(1.0),
        500, 32, 0.05, 0, 3, 2);
    List<EpochReport> seen = new ArrayList<>();
    TrainingResult result = new Trainer(config).train(split, seen::add);
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

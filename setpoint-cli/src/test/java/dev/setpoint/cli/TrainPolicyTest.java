package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Validation;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.model.Model.LogisticRegression;
import dev.setpoint.train.model.Model.MultilayerPerceptron;
import dev.setpoint.train.model.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setpoint train --policy}: the policy beside the model, and what it promises. */
class TrainPolicyTest {

  @TempDir Path dir;

  /**
   * Global objectives' four-Gaussian toy with its spreads widened (see ConstrainedTrainingTest), plus
   * an unused column; {@code n} rows.
   */
  private Path toy(int n, long seed) throws Exception {
    double[][] clusters = {{500, 1, 0, 1, 0.15}, {50, 1, 1, -0.5, 0.1}, {3000, 0, 0, -0.5, 0.15},
        {100, 0, 1, 1, 0.1}};
    double spread = Math.sqrt(1 / 0.15);
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("x,y,id,label\n");
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble() * 3650;
      double[] c = clusters[3];
      for (double[] candidate : clusters) {
        if (u < candidate[0]) {
          c = candidate;
          break;
        }
        u -= candidate[0];
      }
      csv.append(c[2] + spread * c[4] * gaussian(random)).append(',')
          .append(c[3] + spread * c[4] * gaussian(random)).append(',').append(i).append(',')
          .append((int) c[1]).append('\n');
    }
    Path file = dir.resolve("toy.csv");
    Files.writeString(file, csv);
    return file;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log1p(-random.nextDouble())) * Math.cos(2 * Math.PI
        * random.nextDouble());
  }

  /**
   * Trains on the 10,000-row toy with dual_bce toward recall@precision>=0.9, seed 3, writing
   * model.json and fraud-review.yaml; checks the policy validates, decides every calibration row as the
   * model's score and the threshold do, and records the run; returns the policy's note.
   */
  private String trainAPolicyAndCheckItDecidesTheCalibrationRowsAsTheModelAndThresholdDo(
      String... modelOptions) throws Exception {
    Path data = toy(10_000, 1);
    Path model = dir.resolve("model.json");
    Path policy = dir.resolve("fraud-review.yaml");
    List<String> args = new ArrayList<>(List.of("train", data.toString(), "--label", "label",
        "--features", "x,y", "--loss", "dual_bce", "--objective", "recall@precision>=0.9",
        "--batch-size", "64", "--seed", "3", "--quiet", "-o", model.toString(), "--policy",
        policy.toString()));
    args.addAll(List.of(modelOptions));
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("deployed threshold: score >= ")
        .contains("certified P(precision >= 0.9) >= 0.95 by Learn-then-Test on 2,000 calibration "
            + "rows");
    assertThat(run.err()).contains("policy 'fraud-review' written to " + policy);

    Validation read = PolicyDocuments.read(policy);
    assertThat(read).isInstanceOf(Validation.Valid.class);
    assertThat(read.warnings()).isEmpty();
    Policy p = ((Validation.Valid) read).policy();
    Decider decider = Decider.compile((Validation.Valid) read);
    double threshold = p.segments().get(0).bands().get(0).minScore().orElseThrow();

    FeatureTable table = FeatureCsv.read(data, "label", List.of("x", "y"));
    StratifiedSplit split = StratifiedSplit.of(table.matrix(), SplitFractions.DEFAULT, 3);
    TrainedModel trained = TrainedModel.read(model);
    double[] scores = trained.scores(split.calibration());
    long flagged = 0;
    long positives = 0;
    for (int i = 0; i < scores.length; i++) {
      Decision d = decider.decide(scores[i], Map.of());
      assertThat(d.action()).as("row %d, score %s", i, scores[i])
          .isEqualTo(scores[i] >= threshold ? "review" : "allow");
      if (d.action().equals("review")) {
        flagged++;
        positives += split.calibration().label(i) ? 1 : 0;
      }
    }
    Provenance provenance = p.segments().get(0).provenance().orElseThrow();
    Provenance.BandExpectation review = provenance.expected().orElseThrow().bands().get(0);
    assertThat(review.rows()).isEqualTo((double) flagged);
    assertThat(review.positives()).isEqualTo((double) positives);

    // What the provenance records of the run.
    String modelSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(model)));
    assertThat(p.model().orElseThrow().version()).isEqualTo("sha256:" + modelSha);
    assertThat(p.model().orElseThrow().name()).isEqualTo("model");
    assertThat(provenance.data().orElseThrow().sha256()).isEqualTo(table.sha256());
    assertThat(provenance.data().orElseThrow().n()).isEqualTo(split.calibration().rows());
    assertThat(provenance.objective()).isEqualTo("guaranteed precision>=0.9 at delta=0.05 "
        + "(Learn-then-Test on the calibration split; thresholds from the validation split)");
    assertThat(provenance.note().orElseThrow()).startsWith("trained by setpoint train on " + data
        + ": dual_bce(rate=0.1, cap=100, start=1, smoothing=0.9, step=batch), objective "
        + "recall@precision>=0.9, seed 3, best epoch ").contains(", lambda ")
        .contains(" flagged, ");
    Provenance.IntervalRecord bound = provenance.interval().orElseThrow();
    assertThat(bound.method()).isEqualTo("learn-then-test");
    assertThat(bound.confidence()).isEqualTo(0.95);
    assertThat(bound.precisionLower().orElseThrow()).isGreaterThanOrEqualTo(0.9)
        .isLessThanOrEqualTo((double) positives / flagged);
    assertThat(p.model().orElseThrow().trainedAt()).isEqualTo(provenance.createdAt());
    return provenance.note().orElseThrow();
  }

  @Test
  void thePolicyIsReadByThePolicyModuleAndDecidesTheCalibrationRowsAsTheModelAndThresholdDo()
      throws Exception {
    assertThat(trainAPolicyAndCheckItDecidesTheCalibrationRowsAsTheModelAndThresholdDo(
        "--threads", "1")).contains("; logistic regression on 1 thread; ");
  }

  @Test
  void aPerceptronTrainedWithDualBceOnTwoThreadsWritesAPolicyThatDecidesAsTheModelAndThresholdDo()
      throws Exception {
    String note = trainAPolicyAndCheckItDecidesTheCalibrationRowsAsTheModelAndThresholdDo("--model",
        "mlp", "--hidden", "8", "--threads", "2", "--epochs", "30");
    assertThat(note).contains("; MLP 8 (ReLU) on 2 threads; ");
    TrainedModel trained = TrainedModel.read(dir.resolve("model.json"));
    assertThat(trained.parameters()).isInstanceOf(MultilayerPerceptron.class);
    assertThat(trained.provenance().threads()).isEqualTo(2);
    assertThat(trained.provenance().multipliers()).containsOnlyKeys("lambda");
  }

  @Test
  void withoutACertifiedThresholdNoPolicyIsWrittenAndTheExitIsNonZero() throws Exception {
    Path data = toy(400, 2); // 80 calibration rows: too few to certify precision 0.95
    Path model = dir.resolve("model.json");
    Path policy = dir.resolve("policy.yaml");
    CliRun run = CliRun.run("train", data.toString(), "--label", "label", "--features", "x,y",
        "--objective", "recall@precision>=0.95", "--epochs", "5", "--quiet", "-o", model.toString(),
        "--policy", policy.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(run.out()).contains("deployed threshold: not certified: no threshold certifies "
        + "precision ≥ 0.95 at δ = 0.05");
    assertThat(run.err()).startsWith("setpoint: error: " + data + ": cannot write a policy: no "
        + "threshold certifies precision ≥ 0.95").contains("(the model was written to " + model + ")");
    assertThat(Files.exists(policy)).isFalse();
    assertThat(Files.exists(model)).isTrue();
  }

  @Test
  void precisionAtRecallCertifiesARecallFloorAndWritesItsPolicy() throws Exception {
    Path data = toy(3_000, 3);
    Path model = dir.resolve("model.json");
    Path policy = dir.resolve("recall.yaml");
    CliRun run = CliRun.run("train", data.toString(), "--label", "label", "--features", "x,y",
        "--loss", "proxy_lagrangian", "--objective", "precision@recall>=0.9", "--epochs", "8",
        "--seed", "2", "-o", model.toString(), "--policy", policy.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("validation precision@recall>=0.9 ").contains("  lambda ");
    assertThat(run.out()).contains("certified P(recall >= 0.9) >= 0.95 by the order statistic of "
        + "the positives on 600 calibration rows").contains("one-sided 95 % lower bound on recall ");
    assertThat(TrainedModel.read(model).provenance().objective()).isEqualTo("precision@recall>=0.9");

    Policy p = ((Validation.Valid) PolicyDocuments.read(policy)).policy();
    double threshold = p.segments().get(0).bands().get(0).minScore().orElseThrow();
    // The calibration positives the threshold flags: at least the count the guarantee needs.
    FeatureTable table = FeatureCsv.read(data, "label", List.of("x", "y"));
    StratifiedSplit split = StratifiedSplit.of(table.matrix(), SplitFractions.DEFAULT, 2);
    double[] scores = TrainedModel.read(model).scores(split.calibration());
    long positives = 0;
    long flagged = 0;
    for (int i = 0; i < scores.length; i++) {
      if (split.calibration().label(i)) {
        positives++;
        flagged += scores[i] >= threshold ? 1 : 0;
      }
    }
    GuaranteedRecall guarantee = new GuaranteedRecall(0.9, 0.05);
    assertThat(flagged).isGreaterThanOrEqualTo(guarantee.positivesNeeded(positives));
    Provenance provenance = p.segments().get(0).provenance().orElseThrow();
    assertThat(provenance.objective()).isEqualTo("guaranteed recall>=0.9 at delta=0.05 (the order "
        + "statistic of the positives on the calibration split)");
    Provenance.IntervalRecord bound = provenance.interval().orElseThrow();
    assertThat(bound.method()).isEqualTo("order-statistic");
    assertThat(bound.confidence()).isEqualTo(0.95);
    assertThat(bound.precisionLower()).isEmpty();
    assertThat(bound.recallLower().orElseThrow()).isEqualTo(IntervalMethod.CLOPPER_PEARSON
        .lowerBound(flagged, positives, 0.95)).isGreaterThanOrEqualTo(0.9);

    CliRun all = CliRun.run("train", data.toString(), "--label", "label", "--objective",
        "precision@recall>=1", "-o", model.toString(), "--policy", dir.resolve("p.yaml").toString());
    assertThat(all.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(all.err()).contains("--policy needs a precision or recall target below 1 to certify "
        + "a threshold for, and the objective is 'precision@recall>=1' (a rate of 1 can never be "
        + "certified from a sample)");
  }

  @Test
  void everyMethodTrainsEitherModelFromTheCommandLineAndRecordsItself() throws Exception {
    Path data = toy(1_500, 4);
    for (String kind : List.of("lr", "mlp")) {
      for (String method : List.of("bce", "weighted_bce", "dual_bce", "proxy_lagrangian", "eban",
          "naive_stop", "naive_reweight")) {
        Path model = dir.resolve(kind + "-" + method + ".json");
        CliRun run = CliRun.run("train", data.toString(), "--label", "label", "--features", "x,y",
            "--model", kind, "--loss", method, "--objective", "recall@precision>=0.8", "--epochs", "4",
            "--quiet", "-o", model.toString());
        assertThat(run.code()).as(kind + " " + method + ": " + run.err()).isZero();
        assertThat(run.err()).as("--quiet").doesNotContain("epoch ");
        TrainedModel trained = TrainedModel.read(model);
        assertThat(trained.provenance().loss()).as(kind + " " + method)
            .startsWith(method.equals("weighted_bce") ? "weighted-bce" : method);
        assertThat(trained.parameters()).as(kind + " " + method).isInstanceOf(kind.equals("lr")
            ? LogisticRegression.class : MultilayerPerceptron.class);
      }
    }
  }

  @Test
  void aPerEpochMultiplierStepDefaultsToTheBatchRateTimesTheBatchesPerEpoch() throws Exception {
    Path data = toy(1_000, 5); // 600 training rows, batches of 100: 6 per epoch
    Path model = dir.resolve("model.json");
    CliRun run = CliRun.run("train", data.toString(), "--label", "label", "--features", "x,y",
        "--loss", "dual_bce", "--multiplier-step", "epoch", "--batch-size", "100", "--epochs", "2",
        "-o", model.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(TrainedModel.read(model).provenance().loss())
        .isEqualTo("dual_bce(rate=0.6, cap=100, start=1, smoothing=0.9, step=epoch)");
  }

  @Test
  void aTimeBudgetThatHasPassedStopsAfterTheFirstEpochAndTheModelSaysSo() throws Exception {
    // One nanosecond: passed by the end of any epoch, whatever the machine's speed.
    Path data = toy(1_000, 6);
    Path model = dir.resolve("model.json");
    CliRun run = CliRun.run("train", data.toString(), "--label", "label", "--features", "x,y",
        "--max-seconds", "1e-9", "-o", model.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("best epoch 1 of 1").contains("stopped by time budget: stopped "
        + "after the epoch that passed 0.000000001 s");
    assertThat(TrainedModel.read(model).provenance().stoppedBy()).startsWith("time budget: ");
  }
}

package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Validation;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.data.TrainingData;
import dev.setpoint.train.model.TrainedModel;
import dev.setpoint.train.model.TrainingProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setpoint train --validation / --calibration / --split}: where each set's rows come from. */
class TrainDataFilesTest {

  @TempDir Path dir;

  /** {@code n} rows of columns a, b, y; positives (one in four) shifted in a and b. */
  private Path data(String name, int n, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextInt(4) == 0;
      csv.append(random.nextDouble() * 3 + (positive ? 2.5 : 0)).append(',')
          .append(random.nextDouble() * 40 - (positive ? 15 : 0)).append(',')
          .append(positive ? 1 : 0).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    return file;
  }

  private CliRun train(Path data, String... options) {
    List<String> args = new ArrayList<>(List.of("train", data.toString(), "--label", "y",
        "--objective", "recall@precision>=0.8", "--epochs", "8", "--batch-size", "64", "--quiet",
        "-o", model().toString()));
    args.addAll(List.of(options));
    return CliRun.run(args.toArray(String[]::new));
  }

  private Path model() {
    return dir.resolve("model.json");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }

  @Test
  void validationAndCalibrationFilesAreUsedWholeAndRecordedInTheModelAndThePolicy()
      throws Exception {
    Path train = data("train.csv", 2_000, 1);
    Path validation = data("valid.csv", 1_000, 2);
    Path calibration = data("calib.csv", 1_500, 3);
    Path policy = dir.resolve("review.yaml");
    CliRun run = train(train, "--validation", validation.toString(), "--calibration",
        calibration.toString(), "--policy", policy.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("logistic regression on 2 features, 2000 rows of " + train
        + " (2000 train), 1000 validation rows from " + validation + ", 1500 calibration rows from "
        + calibration + ", loss bce, seed 1")
        .contains("by Learn-then-Test on 1,500 calibration rows");

    TrainedModel trained = TrainedModel.read(model());
    TrainingProvenance p = trained.provenance();
    assertThat(p.dataSource()).isEqualTo(train.toString());
    assertThat(p.split()).contains(new SplitFractions(1, 0, 0));
    assertThat(p.validationData()).contains(new TrainingProvenance.DataFile(validation.toString(),
        sha256(validation), 1_000, FeatureCsv.read(validation, "y", List.of()).matrix()
        .positives()));
    assertThat(p.calibrationData().orElseThrow().sha256()).isEqualTo(sha256(calibration));

    // The policy was certified on the calibration file: its data and counts are that file's.
    Policy written = ((Validation.Valid) PolicyDocuments.read(policy)).policy();
    Provenance provenance = written.segments().get(0).provenance().orElseThrow();
    assertThat(provenance.data().orElseThrow().sha256()).isEqualTo(sha256(calibration));
    assertThat(provenance.data().orElseThrow().n()).isEqualTo(1_500);
    assertThat(provenance.objective()).isEqualTo("guaranteed precision>=0.8 at delta=0.05 "
        + "(Learn-then-Test on the calibration rows of " + calibration + "; thresholds from the "
        + "validation rows of " + validation + ")");
    assertThat(provenance.note().orElseThrow()).contains("; validation rows from " + validation
        + "; ").contains("threshold certified on the calibration rows of " + calibration + ": ");
    double threshold = written.segments().get(0).bands().get(0).minScore().orElseThrow();
    FeatureTable calibrationRows = FeatureCsv.read(calibration, "y", List.of("a", "b"));
    double[] scores = trained.scores(calibrationRows.matrix());
    long flagged = 0;
    long positives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= threshold) {
        flagged++;
        positives += calibrationRows.matrix().label(i) ? 1 : 0;
      }
    }
    Provenance.BandExpectation review = provenance.expected().orElseThrow().bands().get(0);
    assertThat(review.rows()).isEqualTo((double) flagged);
    assertThat(review.positives()).isEqualTo((double) positives);
  }

  @Test
  void aValidationFileLeavesTheDataFileToTrainingAndCalibration() throws Exception {
    Path train = data("train.csv", 2_000, 1);
    Path validation = data("valid.csv", 1_000, 2);
    CliRun run = train(train, "--validation", validation.toString());
    assertThat(run.code()).as(run.err()).isZero();
    StratifiedSplit expected = StratifiedSplit.of(FeatureCsv.read(train, "y", List.of()).matrix(),
        new SplitFractions(0.75, 0.25, 0), 1); // the same cut, with calibration where validation is
    assertThat(run.out()).contains("2000 rows of " + train + " (" + expected.train().rows()
        + " train, " + expected.validation().rows() + " calibration), 1000 validation rows from "
        + validation + ",");
    TrainingProvenance p = TrainedModel.read(model()).provenance();
    assertThat(p.split()).contains(new SplitFractions(0.75, 0, 0.25));
    assertThat(p.calibrationData()).isEmpty();
  }

  @Test
  void splitSetsTheSharesOfTheDataFile() throws Exception {
    Path train = data("train.csv", 2_000, 1);
    CliRun run = train(train, "--split", "0.5, 0.3, 0.2");
    assertThat(run.code()).as(run.err()).isZero();
    StratifiedSplit expected = TrainingData.of(FeatureCsv.read(train, "y", List.of()),
        new SplitFractions(0.5, 0.3, 0.2)).split(1);
    assertThat(run.out()).contains("2000 rows (" + expected.train().rows() + " train, "
        + expected.validation().rows() + " validation, " + expected.calibration().rows()
        + " calibration)");
    assertThat(expected.validation().rows()).isBetween(599, 601);
    assertThat(TrainedModel.read(model()).provenance().split())
        .contains(new SplitFractions(0.5, 0.3, 0.2));
  }

  @Test
  void aSplitThatDoesNotFitTheFilesGivenIsAUsageErrorBeforeAnyRead() throws Exception {
    String missing = dir.resolve("not-read.csv").toString(); // never read: the error comes first
    Path train = dir.resolve("not-read-either.csv");
    String policy = dir.resolve("p.yaml").toString();
    String[][] cases = {
        {"--split", "0.7,0.3"},
        {"--split", "0.5,0.3,0.3"},
        {"--split", "0.6,0.2,x"},
        {"--validation", missing, "--split", "0.6,0.2,0.2"},
        {"--calibration", missing, "--split", "0.6,0.2,0.2"},
        {"--split", "0.8,0,0.2"},
        {"--validation", missing, "--calibration", missing, "--split", "1,0,0"},
        {"--split", "0.8,0.2,0", "--policy", policy},
    };
    String[] messages = {
        "--split: '0.7,0.3' is not TRAIN,VALIDATION,CALIBRATION (three shares summing to 1, e.g. "
            + "0.7,0.15,0.15)",
        "--split: '0.5,0.3,0.3': fractions must sum to 1, were 0.5 + 0.3 + 0.3",
        "--split: '0.6,0.2,x' is not TRAIN,VALIDATION,CALIBRATION",
        "--split: the validation rows come from --validation " + missing + ", so the validation "
            + "share of " + train + " must be 0, was 0.2",
        "--split: the calibration rows come from --calibration " + missing + ", so the calibration "
            + "share of " + train + " must be 0, was 0.2",
        "--split: the validation share of " + train + " is 0 and no validation file is given",
        "--split: with --validation and --calibration every row of " + train + " is a training "
            + "row; drop --split",
        "--policy needs calibration rows to certify its threshold on, and --split 0.8,0.2,0 keeps "
            + "none",
    };
    for (int i = 0; i < cases.length; i++) {
      CliRun run = train(train, cases[i]);
      assertThat(run.code()).as(String.join(" ", cases[i])).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(String.join(" ", cases[i])).contains(messages[i]);
    }
    assertThat(Files.exists(model())).isFalse();
  }

  @Test
  void aGivenFileThatRepeatsAnotherOrLacksAFeatureIsADataErrorNamingIt() throws Exception {
    Path train = data("train.csv", 2_000, 1);
    Path copy = dir.resolve("copy.csv");
    Files.copy(train, copy);
    CliRun same = train(train, "--validation", copy.toString());
    assertThat(same.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(same.err()).contains("error: " + copy + ": has the same bytes as " + train
        + " (sha256 " + sha256(train) + "): the training, validation and calibration rows must be "
        + "held apart");

    Path validation = data("valid.csv", 1_000, 2);
    CliRun twice = train(train, "--validation", validation.toString(), "--calibration",
        validation.toString());
    assertThat(twice.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(twice.err()).contains("error: " + validation + ": has the same bytes as "
        + validation);

    Path narrow = dir.resolve("narrow.csv");
    Files.writeString(narrow, "a,y\n1,0\n2,1\n");
    CliRun lacking = train(train, "--calibration", narrow.toString());
    assertThat(lacking.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(lacking.err()).contains(narrow.toString()).contains("'b'");
    assertThat(Files.exists(model())).isFalse();
  }
}

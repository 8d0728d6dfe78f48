package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.model.Model.MultilayerPerceptron;
import dev.setpoint.train.model.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainCommandTest {

  @TempDir Path dir;

  /** Columns id, a, b, noise, y; positives shifted in a and b. */
  private Path data() throws Exception {
    SplittableRandom random = new SplittableRandom(17);
    StringBuilder csv = new StringBuilder("id,a,b,noise,y\n");
    for (int i = 0; i < 500; i++) {
      boolean positive = random.nextInt(4) == 0;
      csv.append("r").append(i).append(',')
          .append(random.nextDouble() * 3 + (positive ? 2.5 : 0)).append(',')
          .append(random.nextDouble() * 40 - (positive ? 15 : 0)).append(',')
          .append(random.nextDouble()).append(',')
          .append(positive ? 1 : 0).append('\n');
    }
    Path file = dir.resolve("data.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void trainWritesAModelAndReportsEpochsOnStderrThenScoreWritesOneScorePerRow() throws Exception {
    Path data = data();
    Path model = dir.resolve("model.json");
    CliRun train = CliRun.run("train", data.toString(), "--label", "y", "--features", "a,b,noise",
        "--objective", "recall@precision>=0.9", "--seed", "1", "--epochs", "30", "--batch-size", "32",
        "-o", model.toString());
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.err()).contains("epoch 1/30  loss ").contains("validation recall@precision>=0.9");
    assertThat(train.out()).contains("logistic regression on 3 features, 500 rows (300 train, "
        + "100 validation, 100 calibration), loss bce, seed 1").contains("best epoch ")
        .contains("model written to " + model);
    assertThat(TrainedModel.read(model).featureNames()).containsExactly("a", "b", "noise");

    Path scores = dir.resolve("scores.csv");
    CliRun score = CliRun.run("score", "--model", model.toString(), data.toString(), "--label", "y",
        "-o", scores.toString());
    assertThat(score.code()).as(score.err()).isZero();
    List<String> lines = Files.readAllLines(scores);
    assertThat(lines).hasSize(501);
    assertThat(lines.get(0)).isEqualTo("score,label");
    assertThat(lines.get(1)).matches("0\\.\\d+(E-\\d+)?,[01]");

    CliRun evaluate = CliRun.run("evaluate", scores.toString());
    assertThat(evaluate.code()).as(evaluate.err()).isZero();
  }

  private Path first() {
    return dir.resolve("first.json");
  }

  private Path second() {
    return dir.resolve("second.json");
  }

  /** Trains on {@code data} twice with the same options, into {@link #first()} and {@link #second()}. */
  private List<CliRun> trainTwice(Path data, String... options) {
    List<CliRun> runs = new ArrayList<>();
    for (Path out : List.of(first(), second())) {
      List<String> args = new ArrayList<>(List.of("train", data.toString(), "--label", "y",
          "--features", "a,b,noise", "-o", out.toString()));
      args.addAll(List.of(options));
      CliRun run = CliRun.run(args.toArray(String[]::new));
      assertThat(run.code()).as(run.err()).isZero();
      runs.add(run);
    }
    return runs;
  }

  @Test
  void theSameSeedWritesTheSameWeights() throws Exception {
    trainTwice(data(), "--seed", "7", "--epochs", "5");
    assertThat(TrainedModel.read(first()).parameters()).isEqualTo(TrainedModel.read(second()).parameters());
  }

  @Test
  void anMlpTrainsReproduciblyAndScoreWritesItsOwnScoresBitForBit() throws Exception {
    Path data = data();
    for (CliRun run : trainTwice(data, "--model", "mlp", "--hidden", "8,4", "--threads", "2",
        "--epochs", "5", "--seed", "3")) {
      assertThat(run.out()).contains("MLP 8,4 (ReLU) on 3 features, 500 rows").contains("2 threads");
    }
    TrainedModel model = TrainedModel.read(first());
    assertThat(model.parameters()).isInstanceOf(MultilayerPerceptron.class);
    assertThat(((MultilayerPerceptron) model.parameters()).hidden()).containsExactly(8, 4);
    assertThat(model.provenance().threads()).isEqualTo(2);
    assertThat(TrainedModel.read(second()).parameters()).isEqualTo(model.parameters());

    Path scores = dir.resolve("scores.csv");
    CliRun score = CliRun.run("score", "--model", first().toString(), data.toString(), "-o",
        scores.toString());
    assertThat(score.code()).as(score.err()).isZero();
    double[] expected = model.scores(FeatureCsv.read(data, "y", List.of("a", "b", "noise")).matrix());
    List<String> lines = Files.readAllLines(scores);
    assertThat(lines).hasSize(501).first().isEqualTo("score");
    for (int i = 0; i < expected.length; i++) {
      assertThat(lines.get(i + 1)).isEqualTo(Double.toString(expected[i]));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "a", "32,", "", "5000", "1.5"})
  void aBadHiddenWidthIsAUsageErrorNamingTheValue(String width) throws Exception {
    CliRun run = CliRun.run("train", data().toString(), "--label", "y", "--model", "mlp",
        "--hidden", width, "-o", dir.resolve("m.json").toString());
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    String part = width.endsWith(",") ? "" : width;
    assertThat(run.err()).contains("--hidden: '" + part + "' in '" + width + "' is not a layer width "
        + "(a whole number from 1 to 4096)");
  }

  @Test
  void hiddenLayersNeedTheMlpAndAtMostTwo() throws Exception {
    CliRun three = CliRun.run("train", data().toString(), "--label", "y", "--model", "mlp",
        "--hidden", "32,16,8", "-o", dir.resolve("m.json").toString());
    assertThat(three.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(three.err()).contains("--hidden: '32,16,8' has 3 layers; the MLP has one or two hidden "
        + "layers");
    CliRun lr = CliRun.run("train", data().toString(), "--label", "y", "--hidden", "8", "-o",
        dir.resolve("m.json").toString());
    assertThat(lr.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(lr.err()).contains("--hidden: hidden layers need --model mlp, was given '8' with "
        + "--model lr");
    CliRun threads = CliRun.run("train", data().toString(), "--label", "y", "--threads", "0", "-o",
        dir.resolve("m.json").toString());
    assertThat(threads.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(threads.err()).contains("threads must be >= 1, was 0");
    assertThat(Files.exists(dir.resolve("m.json"))).isFalse();
  }

  @Test
  void scoringWithoutALabelWritesOnlyScoresToTheFileOrStandardOutput() throws Exception {
    Path data = data();
    Path model = dir.resolve("model.json");
    assertThat(CliRun.run("train", data.toString(), "--label", "y", "--features", "a,b",
        "--epochs", "3", "-o", model.toString()).code()).isZero();
    Path unlabelled = dir.resolve("new.csv");
    Files.writeString(unlabelled, "b,a\n1,2\n-3,0.5\n");
    Path scores = dir.resolve("scores.csv");
    CliRun score = CliRun.run("score", "--model", model.toString(), unlabelled.toString(), "-o",
        scores.toString());
    assertThat(score.code()).as(score.err()).isZero();
    assertThat(Files.readAllLines(scores)).hasSize(3).first().isEqualTo("score");
    assertThat(score.err()).contains("scored 2 rows");

    CliRun toStdout = CliRun.run("score", "--model", model.toString(), unlabelled.toString());
    assertThat(toStdout.code()).as(toStdout.err()).isZero();
    assertThat(toStdout.out()).isEqualTo(Files.readString(scores));
    assertThat(toStdout.err()).contains("scored 2 rows of " + unlabelled + " with " + model
        + " into standard output");
  }

  @Test
  void aBadValueIsADataErrorNamingLineColumnAndValue() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,y\n1,0\n2,1\nx7,0\n");
    CliRun run = CliRun.run("train", bad.toString(), "--label", "y", "-o",
        dir.resolve("m.json").toString());
    assertThat(run.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(run.err()).isEqualTo("setpoint: error: " + bad + ", line 4, column 'a': 'x7' is not a "
        + "number" + System.lineSeparator());
  }

  @Test
  void anObjectiveTrainingCannotTakeOrCannotParseIsAUsageErrorNamingIt() throws Exception {
    String data = data().toString();
    String model = dir.resolve("m.json").toString();
    CliRun f1 = CliRun.run("train", data, "--label", "y", "--objective", "f1", "-o", model);
    assertThat(f1.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(f1.err()).contains("--objective: training supports recall@precision>=P and "
        + "precision@recall>=R, was 'f1'");
    CliRun garbled = CliRun.run("train", data, "--label", "y", "--objective", "recall@precision>=x",
        "-o", model);
    assertThat(garbled.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(garbled.err()).contains("-O '").contains("recall@precision>=x");
    CliRun outOfRange = CliRun.run("train", data, "--label", "y", "--objective",
        "precision@recall>=1.5", "-o", model);
    assertThat(outOfRange.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(outOfRange.err()).contains("1.5");
    assertThat(Files.exists(dir.resolve("m.json"))).isFalse();
  }

  @Test
  void aMethodOptionTheMethodDoesNotReadOrABadValueIsAUsageErrorNamingIt() throws Exception {
    String data = data().toString();
    String model = dir.resolve("m.json").toString();
    CliRun foreign = CliRun.run("train", data, "--label", "y", "--multiplier-rate", "0.1", "-o",
        model);
    assertThat(foreign.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(foreign.err()).contains("--multiplier-rate does not apply to --loss bce; it applies "
        + "to dual_bce, proxy_lagrangian, eban");
    CliRun cap = CliRun.run("train", data, "--label", "y", "--loss", "proxy_lagrangian",
        "--multiplier-cap", "5", "-o", model);
    assertThat(cap.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cap.err()).contains("--multiplier-cap does not apply to --loss proxy_lagrangian; it "
        + "applies to dual_bce, eban");
    CliRun negative = CliRun.run("train", data, "--label", "y", "--loss", "dual_bce",
        "--multiplier-cap", "-1", "-o", model);
    assertThat(negative.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(negative.err()).contains("multiplier cap must be finite and >= the start (1.0), was "
        + "-1.0");
    CliRun radius = CliRun.run("train", data, "--label", "y", "--loss", "proxy_lagrangian",
        "--proxy-radius", "2", "-o", model);
    assertThat(radius.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(radius.err()).contains("proxy radius must be in (0, 1), was 2.0");
    CliRun unknown = CliRun.run("train", data, "--label", "y", "--loss", "focal", "-o", model);
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("--loss").contains("'focal'");
    CliRun delta = CliRun.run("train", data, "--label", "y", "--delta", "1.5", "-o", model);
    assertThat(delta.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(delta.err()).contains("--delta must be in (0, 1), was 1.5");
    CliRun seconds = CliRun.run("train", data, "--label", "y", "--max-seconds", "0", "-o", model);
    assertThat(seconds.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(seconds.err()).contains("--max-seconds must be finite and > 0, was 0.0");
    CliRun outputDirectory = CliRun.run("train", data, "--label", "y", "-o", dir.toString());
    assertThat(outputDirectory.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(outputDirectory.err()).contains("--output: cannot write '" + dir + "': it is a "
        + "directory (give a file name");
    CliRun policyDirectory = CliRun.run("train", data, "--label", "y", "-o", model, "--policy",
        dir.toString());
    assertThat(policyDirectory.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(policyDirectory.err()).contains("--policy: cannot write '" + dir + "': it is a "
        + "directory");
    CliRun policyName = CliRun.run("train", data, "--label", "y", "--policy", "p.txt", "-o", model);
    assertThat(policyName.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(policyName.err()).contains("needs a .yaml, .yml or .json file name, was 'p.txt'");
    assertThat(Files.exists(dir.resolve("m.json"))).isFalse();
  }

  @Test
  void helpDescribesTheCommandsAndTheirExamples() {
    assertThat(CliRun.run("train", "--help").out()).contains("--objective=OBJECTIVE")
        .contains("setpoint train data.csv --label y --features a,b,c");
    assertThat(CliRun.run("score", "--help").out()).contains("--model=MODEL")
        .contains("setpoint score --model model.json data.csv -o scores.csv");
  }
}

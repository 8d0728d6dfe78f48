package dev.setpoint.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.select.Objective;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.data.TrainingData;
import dev.setpoint.train.fit.Trainer;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.model.Model.LogisticRegression;
import dev.setpoint.train.model.Model.MultilayerPerceptron;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

  private static final TrainingMethod BCE = TrainingMethod.bce();

  @TempDir Path dir;

  private FeatureTable table() throws Exception {
    SplittableRandom random = new SplittableRandom(9);
    StringBuilder csv = new StringBuilder("x1,x2,x3,label\n");
    for (int i = 0; i < 300; i++) {
      boolean positive = random.nextInt(3) == 0;
      csv.append(random.nextDouble() * 7 + (positive ? 2 : 0)).append(',')
          .append(random.nextDouble(-1e3, 1e3)).append(',')
          .append(random.nextDouble() + (positive ? 0.3 : 0)).append(',')
          .append(positive ? 1 : 0).append('\n');
    }
    Path file = dir.resolve("train.csv");
    Files.writeString(file, csv);
    return FeatureCsv.read(file, "label", List.of());
  }

  private TrainedModel trained(FeatureTable table) {
    return trained(table, new TrainingConfig(BCE, Objective.recallAtPrecision(0.8), 20, 32, 0.05, 1e-3, 5,
        4));
  }

  private TrainedModel trained(FeatureTable table, TrainingConfig config) {
    return new Trainer(config)
        .train(StratifiedSplit.of(table.matrix(), SplitFractions.DEFAULT, 4), r -> { })
        .model(table, Instant.parse("2026-11-23T12:00:00Z"));
  }

  @Test
  void aModelReadBackFromItsFileGivesBitIdenticalScores() throws Exception {
    FeatureTable table = table();
    TrainedModel model = trained(table);
    Path file = dir.resolve("model.json");
    ModelFile.write(model, file);
    TrainedModel back = ModelFile.read(file);
    assertThat(back).isEqualTo(model);
    assertThat(back.scores(table.matrix())).isEqualTo(model.scores(table.matrix()));
    assertThat(back.logits(table.matrix())).isEqualTo(model.logits(table.matrix()));
    assertThat(ModelFile.toJson(back)).isEqualTo(Files.readString(file));
  }

  @Test
  void aPerceptronReadBackFromItsFileGivesBitIdenticalScores() throws Exception {
    FeatureTable table = table();
    TrainedModel model = trained(table, new TrainingConfig(BCE, Objective.recallAtPrecision(0.8), 5, 32, 0.05,
        1e-3, 5, 4, OptionalDouble.empty(), List.of(4, 3), 2));
    assertThat(model.parameters()).isInstanceOf(MultilayerPerceptron.class);
    Path file = dir.resolve("mlp.json");
    ModelFile.write(model, file);
    TrainedModel back = ModelFile.read(file);
    assertThat(back).isEqualTo(model);
    assertThat(back.scores(table.matrix())).isEqualTo(model.scores(table.matrix()));
    assertThat(back.logits(table.matrix())).isEqualTo(model.logits(table.matrix()));
    assertThat(back.provenance().threads()).isEqualTo(2);
    String json = Files.readString(file);
    assertThat(ModelFile.toJson(back)).isEqualTo(json);
    assertThat(json.replaceAll("\\s+", "")).contains(
        "\"architecture\":{\"type\":\"mlp\",\"activation\":\"relu\",\"layers\":[3,4,3,1]}",
        "\"threads\":2");
  }

  @Test
  void aPerceptronFileWhoseShapeDisagreesWithItsArchitectureIsRefusedNamingThePointer()
      throws Exception {
    FeatureTable table = table();
    String json = ModelFile.toJson(trained(table, new TrainingConfig(BCE, Objective.recallAtPrecision(0.8), 2,
        32, 0.05, 1e-3, 5, 4, OptionalDouble.empty(), List.of(2), 1)));
    String compact = json.replaceAll("\\s+", "");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json",
        compact.replace("\"layers\":[3,2,1]", "\"layers\":[3,3,1]")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/parameters/layers/0/weights': has 2 rows, expected one per "
            + "unit (3)");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json",
        compact.replace("\"layers\":[3,2,1]", "\"layers\":[4,2,1]")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/architecture/layers/0': '4' must equal the number of features (3)");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json",
        compact.replace("\"activation\":\"relu\"", "\"activation\":\"tanh\"")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/architecture/activation': 'tanh' is not a known activation "
            + "(known: relu)");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json",
        compact.replace("\"version\":2", "\"version\":1")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/architecture/type': 'mlp' is not a known architecture in version 1 "
            + "(known: logistic-regression)");
  }

  @Test
  void theFileRecordsArchitectureFeaturesAndProvenance() throws Exception {
    FeatureTable table = table();
    String json = ModelFile.toJson(trained(table));
    assertThat(json).contains("\"format\" : \"setpoint-model\"", "\"version\" : 2",
        "\"threads\" : 1",
        "\"type\" : \"logistic-regression\"", "\"features\" : [ \"x1\", \"x2\", \"x3\" ]",
        "\"dataSha256\" : \"" + table.sha256() + "\"", "\"seed\" : 4", "\"loss\" : \"bce\"",
        "\"objective\" : \"recall@precision>=0.8\"", "\"trainedAt\" : \"2026-11-23T12:00:00Z\"");
  }

  /**
   * A version-1 file exactly as the first release wrote it (commit 0641fa5: logistic regression, seed 3,
   * BCE, 10 epochs of batches of 8 at rate 0.05, l2 1e-3, on 60 rows of two features drawn from
   * {@code SplittableRandom(11)}). Every version the code has written must still read.
   */
  @Test
  void aVersionOneLogisticRegressionFileStillReads() throws Exception {
    TrainedModel model = golden("model-v1-logistic-regression.json");
    assertThat(model.featureNames()).containsExactly("x1", "x2");
    assertThat(model.parameters()).isEqualTo(new LogisticRegression(
        new double[] {0.23944944921622371, -0.22882982253910136}, 0.011812372328042824));
    assertThat(model.provenance().seed()).isEqualTo(3);
    assertThat(model.provenance().threads()).as("version 1 was written single-threaded").isEqualTo(1);
    // The first three rows of the training file, scored when the file was written.
    FeatureMatrix rows = new FeatureMatrix(List.of("x1", "x2"),
        new double[] {2.55, 3.38, 2.16, 2.52, 4.62, 0.4}, new boolean[3]);
    assertThat(model.scores(rows)).containsExactly(new double[] {0.4952787580141398,
        0.4913498101747565, 0.6374697963203411}, org.assertj.core.data.Offset.offset(1e-15));
  }

  /**
   * A version-1 file exactly as the constrained trainer wrote it (commit e308ba6, before the MLP: {@code
   * setpoint train v1-dual-train.csv --label y --loss dual_bce --objective 'recall@precision>=0.8'
   * --epochs 10 --batch-size 16 --learning-rate 0.05 --l2 1e-3 --seed 3}, on 200 rows of two features),
   * with the multipliers and the stop that the first release did not record.
   */
  @Test
  void aVersionOneFileWithMultipliersAndTheStopStillReads() throws Exception {
    TrainedModel model = golden("model-v1-dual-bce.json");
    assertThat(model.parameters()).isEqualTo(new LogisticRegression(
        new double[] {0.31029432433486553, -0.2866499076016156}, -0.31238616148624865));
    assertThat(model.provenance().loss())
        .isEqualTo("dual_bce(rate=0.1, cap=100, start=1, smoothing=0.9, step=batch)");
    assertThat(model.provenance().multipliers()).isEqualTo(Map.of("lambda", 1.0342143219500002));
    assertThat(model.provenance().stoppedBy()).isEqualTo("epoch budget: all 10 epochs ran");
    assertThat(model.provenance().threads()).isEqualTo(1);
    // The first three rows of the training file, scored by that commit's setpoint score.
    FeatureMatrix rows = new FeatureMatrix(List.of("x1", "x2"),
        new double[] {-0.81, -1.98, 1.97, -0.37, 1.57, -3.35}, new boolean[3]);
    assertThat(model.scores(rows)).containsExactly(new double[] {0.44082059491548753,
        0.5738896915970513, 0.647880415105739}, org.assertj.core.data.Offset.offset(1e-15));
  }

  private static TrainedModel golden(String resource) throws Exception {
    try (var in = ModelFileTest.class.getResourceAsStream(resource)) {
      return ModelFile.fromJson(resource,
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void multipliersAndTheStopRoundTripAndAFileWrittenBeforeThemStillReads() throws Exception {
    FeatureTable table = table();
    TrainingConfig config = new TrainingConfig(TrainingMethod.DualWeighted.defaults(),
        Objective.recallAtPrecision(0.8), 6, 32, 0.05, 1e-3, 10, 4);
    TrainedModel model = trained(table, config);
    String json = ModelFile.toJson(model);
    assertThat(json).contains("\"multipliers\" : {\n      \"lambda\" : ",
        "\"stoppedBy\" : \"epoch budget: all 6 epochs ran\"",
        "\"loss\" : \"dual_bce(rate=0.1, cap=100, start=1, smoothing=0.9, step=batch)\"");
    assertThat(ModelFile.fromJson("m.json", json)).isEqualTo(model);

    String firstSlice = json.replaceAll(",\\s*\"multipliers\" : \\{[^}]*}", "")
        .replaceAll(",\\s*\"stoppedBy\" : \"[^\"]*\"", "");
    assertThat(firstSlice).doesNotContain("multipliers").doesNotContain("stoppedBy");
    TrainedModel old = ModelFile.fromJson("old.json", firstSlice);
    assertThat(old.provenance().multipliers()).isEmpty();
    assertThat(old.provenance().stoppedBy()).isEqualTo("not recorded");
    assertThat(old.parameters()).isEqualTo(model.parameters());

    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replaceFirst(
        "\"lambda\" : [^\\s}]+", "\"lambda\" : \"big\"")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/provenance/multipliers/lambda': '\"big\"' is not a finite "
            + "number");
  }

  @Test
  void theSplitAndTheValidationAndCalibrationFilesRoundTripAndTheirAbsenceStillReads()
      throws Exception {
    FeatureTable table = table();
    FeatureTable validation = new FeatureTable("v.csv", "a".repeat(64), table.matrix());
    FeatureTable calibration = new FeatureTable("c.csv", "b".repeat(64), table.matrix());
    TrainingData data = new TrainingData(table, TrainingData.defaultShares(true, true),
        Optional.of(validation), Optional.of(calibration));
    TrainedModel model = new Trainer(new TrainingConfig(BCE, Objective.recallAtPrecision(0.8), 3, 32, 0.05,
        1e-3, 5, 4)).train(data.split(4), r -> { }).model(data, Instant.EPOCH);
    TrainingProvenance p = model.provenance();
    assertThat(p.split()).contains(new SplitFractions(1, 0, 0));
    assertThat(p.validationData()).contains(new TrainingProvenance.DataFile("v.csv", "a".repeat(64),
        300, table.matrix().positives()));
    assertThat(p.calibrationData().orElseThrow().source()).isEqualTo("c.csv");
    String json = ModelFile.toJson(model);
    assertThat(json).contains("\"split\" : {\n      \"train\" : 1.0,\n      \"validation\" : 0.0,",
        "\"validationData\" : {\n      \"source\" : \"v.csv\",");
    assertThat(ModelFile.fromJson("m.json", json)).isEqualTo(model);

    String before = json.replaceAll(",\\s*\"split\" : \\{[^}]*}", "")
        .replaceAll(",\\s*\"(validation|calibration)Data\" : \\{[^}]*}", "");
    assertThat(before).doesNotContain("split").doesNotContain("Data\"");
    TrainingProvenance old = ModelFile.fromJson("old.json", before).provenance();
    assertThat(old.split()).isEmpty();
    assertThat(old.validationData()).isEmpty();
    assertThat(old.calibrationData()).isEmpty();

    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replace("\"train\" : 1.0",
        "\"train\" : 0.5")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json: is not a valid model: fractions must sum to 1, were 0.5 + 0.0 + 0.0");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replace("\"source\" : \"v.csv\"",
        "\"source\" : 7")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/provenance/validationData/source': '7' is not a string");
  }

  @Test
  void anUnknownVersionOrABadFieldIsRefusedNamingItsPointer() throws Exception {
    String json = ModelFile.toJson(trained(table()));
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replace("\"version\" : 2",
        "\"version\" : 3")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/version': '3' is not a supported model file version (this "
            + "Setpoint reads versions 1 and 2)");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replace("\"threads\" : 1", "\"t\" : 1")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/provenance/threads': is missing");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replace("\"bias\" : ",
        "\"bias\" : \"x\", \"was\" : ")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/parameters/bias': '\"x\"' is not a finite number");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", "{"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith("m.json: is not valid JSON");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", "{\"format\": \"setpoint-model\""))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json: is not valid JSON: Unexpected end-of-input: expected close marker for "
            + "Object (start marker at [line: 1, column: 1])");
  }
}

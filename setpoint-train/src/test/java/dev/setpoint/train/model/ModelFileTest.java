package dev.setpoint.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.select.RecallAtPrecision;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.fit.LogisticRegressionTrainer;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.loss.BinaryCrossEntropy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

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
    TrainingConfig config = new TrainingConfig(new TrainingMethod.Fixed(new BinaryCrossEntropy()),
        new RecallAtPrecision(0.8),
        20, 32, 0.05, 1e-3, 5, 4);
    return new LogisticRegressionTrainer(config)
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
  void theFileRecordsArchitectureFeaturesAndProvenance() throws Exception {
    FeatureTable table = table();
    String json = ModelFile.toJson(trained(table));
    assertThat(json).contains("\"format\" : \"setpoint-model\"", "\"version\" : 1",
        "\"type\" : \"logistic-regression\"", "\"features\" : [ \"x1\", \"x2\", \"x3\" ]",
        "\"dataSha256\" : \"" + table.sha256() + "\"", "\"seed\" : 4", "\"loss\" : \"bce\"",
        "\"objective\" : \"recall@precision>=0.8\"", "\"trainedAt\" : \"2026-11-23T12:00:00Z\"");
  }

  @Test
  void multipliersAndTheStopRoundTripAndAFileWrittenBeforeThemStillReads() throws Exception {
    FeatureTable table = table();
    TrainingConfig config = new TrainingConfig(TrainingMethod.DualWeighted.defaults(),
        new RecallAtPrecision(0.8), 6, 32, 0.05, 1e-3, 10, 4);
    TrainedModel model = new LogisticRegressionTrainer(config)
        .train(StratifiedSplit.of(table.matrix(), SplitFractions.DEFAULT, 4), r -> { })
        .model(table, Instant.parse("2026-11-23T12:00:00Z"));
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
  void anUnknownVersionOrABadFieldIsRefusedNamingItsPointer() throws Exception {
    String json = ModelFile.toJson(trained(table()));
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replace("\"version\" : 1",
        "\"version\" : 2")))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith("m.json, column '/version': '2' is not a supported model file version");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", json.replace("\"bias\" : ",
        "\"bias\" : \"x\", \"was\" : ")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("m.json, column '/parameters/bias': '\"x\"' is not a finite number");
    assertThatThrownBy(() -> ModelFile.fromJson("m.json", "{"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith("m.json: is not valid JSON");
  }
}

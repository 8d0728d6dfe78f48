package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.calibrate.IsotonicCalibration;
import dev.setpoint.calibrate.PlattScaling;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.model.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setpoint score}: kept columns, every input format, and calibrator files. */
class ScoreCommandTest {

  private static final int ROWS = 400;

  @TempDir Path dir;

  private double[][] features;
  private boolean[] labels;
  private Path csv;
  private Path model;

  /** Columns id, a, b, y (a seeded sample, positives shifted), and a model trained on them. */
  @BeforeEach
  void trainAModel() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    features = new double[ROWS][2];
    labels = new boolean[ROWS];
    StringBuilder text = new StringBuilder("id,a,b,y\n");
    for (int i = 0; i < ROWS; i++) {
      labels[i] = random.nextInt(4) == 0;
      features[i][0] = random.nextDouble() * 3 + (labels[i] ? 1.5 : 0);
      features[i][1] = random.nextDouble() * 40 - (labels[i] ? 10 : 0);
      text.append(i % 7 == 0 ? "\"case " + i + ", late\"" : "case " + i).append(',')
          .append(features[i][0]).append(',').append(features[i][1]).append(',')
          .append(labels[i] ? 1 : 0).append('\n');
    }
    csv = Files.writeString(dir.resolve("data.csv"), text.toString());
    model = dir.resolve("model.json");
    CliRun train = CliRun.run("train", csv.toString(), "--label", "y", "--features", "a,b",
        "--epochs", "3", "--seed", "2", "--quiet", "-o", model.toString());
    assertThat(train.code()).as(train.err()).isZero();
  }

  private List<String> score(Path data, String... extra) throws Exception {
    Path out = Files.createTempFile(dir, "scores", ".csv");
    List<String> argv = new java.util.ArrayList<>(List.of("score", "--model", model.toString(),
        data.toString()));
    argv.addAll(List.of(extra));
    argv.addAll(List.of("-o", out.toString()));
    CliRun r = CliRun.run(argv.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return Files.readAllLines(out);
  }

  @Test
  void keptColumnsComeFirstAsTheyAreQuotedWhereTheyNeedIt() throws Exception {
    List<String> lines = score(csv, "--keep", "id,b", "--label", "y");
    TrainedModel m = TrainedModel.read(model);
    double[] expected = m.scores(FeatureCsv.read(csv, "y", List.of("a", "b")).matrix());
    assertThat(lines.get(0)).isEqualTo("id,b,score,label");
    assertThat(lines.get(1)).isEqualTo("\"case 0, late\"," + features[0][1] + "," + expected[0] + ","
        + (labels[0] ? 1 : 0));
    assertThat(lines.get(2)).isEqualTo("case 1," + features[1][1] + "," + expected[1] + ","
        + (labels[1] ? 1 : 0));
    assertThat(lines).hasSize(ROWS + 1);
  }

  @Test
  void jsonLinesAndParquetGiveTheSameScoresAsCsvBitForBit() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      jsonl.append("{\"id\":\"case ").append(i).append("\",\"b\":").append(features[i][1])
          .append(",\"a\":").append(features[i][0]).append(",\"y\":").append(labels[i])
          .append("}\n");
    }
    Path json = Files.writeString(dir.resolve("data.jsonl"), jsonl.toString());
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("id")
        .required(PrimitiveTypeName.DOUBLE).named("a")
        .required(PrimitiveTypeName.DOUBLE).named("b")
        .required(PrimitiveTypeName.INT32).named("y")
        .named("rows");
    Path parquet = dir.resolve("data.parquet");
    try (ParquetWriter<org.apache.parquet.example.data.Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(parquet)).withType(schema).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      for (int i = 0; i < ROWS; i++) {
        writer.write(groups.newGroup().append("id", "case " + i).append("a", features[i][0])
            .append("b", features[i][1]).append("y", labels[i] ? 1 : 0));
      }
    }
    List<String> fromCsv = score(csv, "--label", "y");
    assertThat(score(json, "--label", "y")).isEqualTo(fromCsv);
    assertThat(score(parquet, "--label", "y")).isEqualTo(fromCsv);
    assertThat(score(parquet, "--keep", "id")).element(5).asString().startsWith("case 4,");
  }

  @Test
  void aMisspeltKeepColumnIsADataErrorThatSuggestsTheColumn() {
    CliRun r = CliRun.run("score", "--model", model.toString(), csv.toString(), "--keep", "idd");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("no column 'idd'").contains("did you mean 'id'?");
  }

  @Test
  void withoutLabelALabelColumnIsNotRead() throws Exception {
    Path data = Files.writeString(dir.resolve("new.csv"), "a,b,label\n1,2,\n0.5,-3,pending\n");
    assertThat(score(data)).hasSize(3).first().isEqualTo("score");
  }

  @Test
  void aBadFeatureValueNamesTheRowTheColumnAndTheValue() throws Exception {
    Path data = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n0.5,abc\n");
    CliRun r = CliRun.run("score", "--model", model.toString(), data.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains(data + ", row 2, column 'b': 'abc' is not a number");
  }

  @Test
  void aSavedCalibratorAppliedByScoreReproducesTheInMemoryCalibrationExactly() throws Exception {
    Path scores = dir.resolve("scores.csv");
    Files.write(scores, score(csv, "--label", "y"));
    List<String> lines = Files.readAllLines(scores);
    double[] s = new double[ROWS];
    boolean[] y = new boolean[ROWS];
    for (int i = 0; i < ROWS; i++) {
      String[] f = lines.get(i + 1).split(",");
      s[i] = Double.parseDouble(f[0]);
      y[i] = f[1].equals("1");
    }
    for (String method : List.of("isotonic", "platt")) {
      Path calibrator = dir.resolve(method + ".json");
      CliRun fit = CliRun.run("calibrate", scores.toString(), "--method", method, "-o",
          calibrator.toString());
      assertThat(fit.code()).as(fit.err()).isZero();
      assertThat(fit.out()).contains("calibrator written to " + calibrator);
      dev.setpoint.calibrate.Calibration inMemory = method.equals("platt")
          ? PlattScaling.fit(s, y) : IsotonicCalibration.fit(s, y);
      List<String> calibrated = score(csv, "--calibrator", calibrator.toString());
      assertThat(calibrated).hasSize(ROWS + 1);
      for (int i = 0; i < ROWS; i++) {
        assertThat(calibrated.get(i + 1)).as(method + " row " + i)
            .isEqualTo(Double.toString(inMemory.apply(s[i])));
      }
    }
  }

  @Test
  void aBadCalibratorFileIsADataErrorNamingTheFile() throws Exception {
    Path notJson = Files.writeString(dir.resolve("c1.json"), "{ \"format\": ");
    Path aModel = model;
    Path badKnots = Files.writeString(dir.resolve("c2.json"), "{\"format\":\"setpoint-calibrator\","
        + "\"version\":1,\"method\":\"isotonic\",\"knots\":{\"scores\":[0.2,0.1],\"probabilities\":"
        + "[0,1]},\"data\":{\"source\":\"x\",\"sha256\":\"y\",\"rows\":2,\"positives\":1,"
        + "\"weighted\":false},\"fittedAt\":\"2026-12-07T21:00:00Z\"}");
    for (Path bad : List.of(notJson, aModel, badKnots)) {
      CliRun r = CliRun.run("score", "--model", model.toString(), csv.toString(), "--calibrator",
          bad.toString());
      assertThat(r.code()).as(r.err()).isEqualTo(3);
      assertThat(r.err()).contains(bad.toString());
    }
    CliRun r = CliRun.run("score", "--model", model.toString(), csv.toString(), "--calibrator",
        badKnots.toString());
    assertThat(r.err()).contains("/knots").contains("knot scores must increase strictly");
    CliRun wrongFormat = CliRun.run("score", "--model", model.toString(), csv.toString(),
        "--calibrator", aModel.toString());
    assertThat(wrongFormat.err()).contains("/format").contains("is not a Setpoint calibrator file");
  }
}

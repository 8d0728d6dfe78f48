package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.ParquetWriter;
import dev.setpoint.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same data as CSV, JSON Lines and Parquet gives the same rows; each format's own errors. */
class FormatsAgreeTest {

  private static final double[] SCORES = {0.9, 0.25, -1.5, 0.25, 1e-300};
  private static final int[] LABELS = {1, 0, 0, 1, 0};
  private static final double[] WEIGHTS = {1.0, 2.5, 0.0, 1.0, 3.0};
  private static final String[] COUNTRIES = {"DE", "FR", "DE", "IT", "FR"};

  @TempDir Path dir;

  private final ReadOptions options = ReadOptions.defaults().withWeightColumn("w")
      .withSegmentColumns(List.of("country"));

  private Path csv() throws IOException {
    StringBuilder sb = new StringBuilder("country,score,label,w\n");
    for (int i = 0; i < SCORES.length; i++) {
      sb.append(COUNTRIES[i]).append(',').append(SCORES[i]).append(',').append(LABELS[i]).append(',')
          .append(WEIGHTS[i]).append('\n');
    }
    return Files.writeString(dir.resolve("d.csv"), sb);
  }

  private Path jsonl() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < SCORES.length; i++) {
      sb.append("{\"score\": ").append(SCORES[i]).append(", \"label\": ")
          .append(LABELS[i] == 1 ? "true" : "0").append(", \"w\": ").append(WEIGHTS[i])
          .append(", \"extra\": {\"nested\": [1, 2]}, \"country\": \"").append(COUNTRIES[i])
          .append("\"}\n");
      if (i == 2) {
        sb.append("\n"); // blank lines are skipped
      }
    }
    return Files.writeString(dir.resolve("d.jsonl"), sb);
  }

  private record Row(double score, int label, double weight, String country) {}

  private Path parquet(String name, List<Row> rows) throws IOException {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .optional(PrimitiveTypeName.DOUBLE).named("w")
        .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("country")
        .named("scores");
    Path file = dir.resolve(name);
    Dehydrator<Row> dehydrator = (row, writer) -> {
      writer.write("score", row.score());
      writer.write("label", row.label());
      if (!Double.isNaN(row.weight())) {
        writer.write("w", row.weight());
      }
      writer.write("country", row.country());
    };
    try (ParquetWriter<Row> writer = ParquetWriter.writeFile(schema, file.toFile(), dehydrator)) {
      for (Row row : rows) {
        writer.write(row);
      }
    }
    return file;
  }

  private Path parquet() throws IOException {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < SCORES.length; i++) {
      rows.add(new Row(SCORES[i], LABELS[i], WEIGHTS[i], COUNTRIES[i]));
    }
    return parquet("d.parquet", rows);
  }

  private List<RecordingSink.Row> rows(Path file) throws Exception {
    RecordingSink sink = new RecordingSink();
    ScoreFiles.read(file, options, sink);
    return sink.rows;
  }

  @Test
  void csvJsonLinesAndParquetGiveIdenticalRows() throws Exception {
    List<RecordingSink.Row> fromCsv = rows(csv());

    assertThat(fromCsv).hasSize(SCORES.length);
    assertThat(rows(jsonl())).isEqualTo(fromCsv);
    assertThat(rows(parquet())).isEqualTo(fromCsv);
  }

  @Test
  void jsonLinesMissingKeyNamesLineAndKey() throws Exception {
    Path file = Files.writeString(dir.resolve("m.jsonl"),
        "{\"score\": 0.5, \"label\": 1}\n{\"label\": 0}\n");
    assertThatThrownBy(() -> ScoreFiles.read(file, ReadOptions.defaults(), new RecordingSink()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", line 2, column 'score': is missing");
  }

  @Test
  void jsonLinesMalformedLineIsAnErrorNamingTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("m.jsonl"),
        "{\"score\": 0.5, \"label\": 1}\n{\"score\": 0.5, \"label\": \n");
    assertThatThrownBy(() -> ScoreFiles.read(file, ReadOptions.defaults(), new RecordingSink()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(file + ", line 2: is not valid JSON");
  }

  @Test
  void jsonLinesNonNumericScoreNamesTheValue() throws Exception {
    Path file = Files.writeString(dir.resolve("m.jsonl"), "{\"score\": \"high\", \"label\": 1}\n");
    assertThatThrownBy(() -> ScoreFiles.read(file, ReadOptions.defaults(), new RecordingSink()))
        .hasMessage(file + ", line 1, column 'score': 'high' is not a number");
  }

  @Test
  void parquetBadValueNamesTheRow() throws Exception {
    Path file = parquet("bad.parquet", List.of(new Row(0.5, 1, 1, "DE"), new Row(0.2, 0, 1, "FR"),
        new Row(Double.POSITIVE_INFINITY, 0, 1, "DE")));
    assertThatThrownBy(() -> ScoreFiles.read(file, options, new RecordingSink()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", row 3, column 'score': 'Infinity' is not finite");
  }

  @Test
  void parquetNullWeightIsMissing() throws Exception {
    Path file = parquet("null.parquet", List.of(new Row(0.5, 1, Double.NaN, "DE")));
    assertThatThrownBy(() -> ScoreFiles.read(file, options, new RecordingSink()))
        .hasMessage(file + ", row 1, column 'w': is missing");
  }

  @Test
  void parquetMissingColumnListsTheColumns() throws Exception {
    Path file = parquet();
    assertThatThrownBy(() -> ScoreFiles.read(file, options.withLabelColumn("is_fraud"),
        new RecordingSink()))
        .hasMessage(file + ": no column 'is_fraud' (columns: score, label, w, country)");
  }

  @Test
  void notAParquetFileIsADataError() throws Exception {
    Path file = Files.writeString(dir.resolve("fake.parquet"), "score,label\n0.5,1\n");
    assertThatThrownBy(() -> ScoreFiles.read(file, ReadOptions.defaults(), new RecordingSink()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(file + ": is not a readable Parquet file");
  }
}

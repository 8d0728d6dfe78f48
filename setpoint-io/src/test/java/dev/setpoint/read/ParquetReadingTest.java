package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import blue.strategic.parquet.ParquetReader;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.RecordingSink.Call;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReadingTest {

  @TempDir
  Path dir;

  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  private RecordingSink read(Path file, ReadOptions options) throws Exception {
    RecordingSink sink = new RecordingSink();
    ScoreFiles.read(file, options, sink);
    return sink;
  }

  @Test
  void numericColumnsOfEveryWidthAreScores() throws Exception {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.FLOAT).named("f")
        .required(PrimitiveTypeName.INT32).named("i")
        .required(PrimitiveTypeName.INT64).named("l")
        .required(PrimitiveTypeName.BOOLEAN).named("label")
        .named("s");
    Path file = new Fixtures(dir).parquet("s.parquet", schema,
        List.of(row("f", 0.5f, "i", 3, "l", 4L, "label", true)));
    assertThat(read(file, ReadOptions.defaults().withScoreColumn("f")).scores()).containsExactly(0.5);
    assertThat(read(file, ReadOptions.defaults().withScoreColumn("i")).scores()).containsExactly(3.0);
    assertThat(read(file, ReadOptions.defaults().withScoreColumn("l").withWeightColumn("i")).calls())
        .containsExactly(new Call(4.0, true, 3.0, SegmentKey.NONE));
  }

  @Test
  void decimalColumnsAreScaled() throws Exception {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(3, 9)).named("score")
        .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(1, 18)).named("label")
        .named("s");
    Path file = new Fixtures(dir).parquet("dec.parquet", schema, List.of(
        row("score", 125, "label", 10L), row("score", -2, "label", 0L)));
    RecordingSink sink = read(file, ReadOptions.defaults());
    assertThat(sink.scores()).containsExactly(0.125, -0.002);
    assertThat(sink.labels()).containsExactly(true, false);
  }

  @Test
  void labelsMayBeBooleanIntegerOrString() throws Exception {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.BOOLEAN).named("b")
        .required(PrimitiveTypeName.INT64).named("n")
        .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("s")
        .named("s");
    Path file = new Fixtures(dir).parquet("labels.parquet", schema, List.of(
        row("score", 0.1, "b", true, "n", 1L, "s", "fraud"),
        row("score", 0.2, "b", false, "n", 0L, "s", "legit")));
    assertThat(read(file, ReadOptions.defaults().withLabelColumn("b")).labels()).containsExactly(true, false);
    assertThat(read(file, ReadOptions.defaults().withLabelColumn("n")).labels()).containsExactly(true, false);
    assertThat(read(file, ReadOptions.defaults().withLabelColumn("s")
        .withPositiveLabels(Set.of("fraud"))).labels()).containsExactly(true, false);
  }

  @Test
  void segmentsAreTextAndNullIsTheEmptySegment() throws Exception {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("region")
        .required(PrimitiveTypeName.INT32).named("tier")
        .named("s");
    Path file = new Fixtures(dir).parquet("seg.parquet", schema, List.of(
        row("score", 0.1, "label", 1, "region", "EU", "tier", 2),
        row("score", 0.2, "label", 0, "tier", 2),
        row("score", 0.3, "label", 0, "region", "EU", "tier", 2)));
    List<Call> calls = read(file, ReadOptions.defaults()
        .withSegmentColumns(List.of("region", "tier"))).calls();
    assertThat(calls).extracting(c -> c.segment().values()).containsExactly(
        List.of("EU", "2"), List.of("", "2"), List.of("EU", "2"));
    assertThat(calls.get(2).segment()).isSameAs(calls.get(0).segment());
  }

  @Test
  void nullScoreIsABadValueAtItsRow() {
    MessageType schema = Types.buildMessage()
        .optional(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .named("s");
    Path file = new Fixtures(dir).parquet("null.parquet", schema, List.of(
        row("score", 0.1, "label", 1), row("label", 0)));
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> read(file, ReadOptions.defaults()));
    assertThat(e).hasMessage(file + ", row 2, column 'score': is null");
  }

  @Test
  void aBooleanScoreColumnIsATypeError() {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.BOOLEAN).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .named("s");
    Path file = new Fixtures(dir).parquet("bool.parquet", schema, List.of(row("score", true, "label", 1)));
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> read(file, ReadOptions.defaults().withDropInvalid(true)));
    assertThat(e).hasMessage(file + ", column 'score': has Parquet type boolean;"
        + " expected a number (double, float, int32, int64, decimal) or numeric text");
  }

  @Test
  void missingColumnListsTheFields() {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("target")
        .named("s");
    Path file = new Fixtures(dir).parquet("cols.parquet", schema, List.of(row("score", 0.5, "target", 1)));
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> read(file, ReadOptions.defaults()));
    assertThat(e).hasMessage(file + ": no column 'label' (columns: score, target)");
  }

  @Test
  void zeroRowsIsNoData() {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .named("s");
    Path file = new Fixtures(dir).parquet("none.parquet", schema, List.of());
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> read(file, ReadOptions.defaults()));
    assertThat(e).hasMessage(file + ": contains no data rows");
  }

  @Test
  void locationsNameTheRowGroupWhenThereAreSeveral() throws Exception {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .named("s");
    Path file = dir.resolve("groups.parquet");
    // parquet-floor's writer has no row group size; parquet-mr's example writer does. Row groups close
    // when the buffered size passes the limit, checked every 100 records at the least.
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(schema).withRowGroupSize(1024L).withMinRowCountForPageSizeCheck(1).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      for (int i = 0; i < 450; i++) {
        writer.write(groups.newGroup().append("score", i == 333 ? Double.NaN : i / 450.0)
            .append("label", i % 2));
      }
    }
    long[] ends = ParquetReader.readMetadata(file.toFile()).getBlocks().stream()
        .mapToLong(BlockMetaData::getRowCount).toArray();
    assertThat(ends.length).isGreaterThan(1);
    int group = 0;
    long seen = 0;
    while (seen + ends[group] < 334) {
      seen += ends[group++];
    }
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> read(file, ReadOptions.defaults()));
    assertThat(e).hasMessage(file + ", row 334 (row group " + (group + 1) + "), column 'score':"
        + " 'NaN' is not finite");
  }

  @Test
  void aCsvNamedParquetIsNotParquet() {
    Path file = new Fixtures(dir).text("fake.parquet", "score,label\n0.5,1\n");
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> read(file, ReadOptions.defaults()));
    assertThat(e).hasMessage(file + ": is not a Parquet file: it is text (CSV, TSV and JSON Lines "
        + "files are read when named .csv, .tsv or .jsonl, or with --input-format)");
  }

  @Test
  void aDamagedFooterIsADataError() throws Exception {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .named("s");
    Path good = new Fixtures(dir).parquet("good.parquet", schema, List.of(row("score", 0.5, "label", 1)));
    byte[] bytes = java.nio.file.Files.readAllBytes(good);
    Path cut = new Fixtures(dir).bytes("cut.parquet", java.util.Arrays.copyOf(bytes, bytes.length - 6));
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> read(cut, ReadOptions.defaults()));
    assertThat(e).hasMessage(cut + ": is not a complete Parquet file: it starts as one, but its "
        + "footer (the schema, at the end) is missing or damaged, as in a file cut short or still "
        + "being written (copy it again)");
  }
}

package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same rows written as CSV, JSON Lines and Parquet reach the sink as the same calls, in order. */
class FormatEquivalenceTest {

  private static final long SEED = 20_240_611L;
  private static final int ROWS = 300;
  private static final String[] REGIONS = {"EU", "US", "APAC"};

  @TempDir
  Path dir;

  private final ReadOptions options = ReadOptions.defaults()
      .withWeightColumn("weight")
      .withSegmentColumns(List.of("region", "tier"));

  private final List<Map<String, Object>> rows = new ArrayList<>();

  @BeforeEach
  void generateRows() {
    Random random = new Random(SEED);
    for (int i = 0; i < ROWS; i++) {
      Map<String, Object> row = new HashMap<>();
      // Quantised scores give ties; full doubles check that text round-trips exactly.
      row.put("score", i % 3 == 0 ? Math.round(random.nextDouble() * 20) / 20.0 : random.nextDouble());
      row.put("label", random.nextInt(4) == 0 ? 1 : 0);
      row.put("weight", random.nextInt(5) == 0 ? 0.0 : 0.5 + random.nextInt(4));
      row.put("region", REGIONS[random.nextInt(REGIONS.length)]);
      row.put("tier", random.nextInt(3));
      rows.add(row);
    }
  }

  private RecordingSink read(Path file) throws Exception {
    RecordingSink sink = new RecordingSink();
    ReadSummary summary = ScoreFiles.read(file, options, sink);
    assertThat(summary.accepted()).isEqualTo(ROWS);
    return sink;
  }

  private Path csv() {
    StringBuilder sb = new StringBuilder("region,score,tier,label,weight\n");
    for (Map<String, Object> r : rows) {
      sb.append(r.get("region")).append(',').append(r.get("score")).append(',').append(r.get("tier"))
          .append(',').append(r.get("label")).append(',').append(r.get("weight")).append('\n');
    }
    return new Fixtures(dir).text("rows.csv", sb.toString());
  }

  @Test
  void jsonLinesGivesTheSameCallsAsCsv() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> r : rows) {
      // Key order differs from the CSV's column order, and labels alternate between forms.
      sb.append("{\"label\": ").append((int) r.get("label") == 1 ? "true" : "0")
          .append(", \"weight\": ").append(r.get("weight"))
          .append(", \"tier\": ").append(r.get("tier"))
          .append(", \"score\": ").append(r.get("score"))
          .append(", \"region\": \"").append(r.get("region")).append("\", \"extra\": [1, {}]}\n");
    }
    Path jsonl = new Fixtures(dir).text("rows.jsonl", sb.toString());
    assertThat(read(jsonl).calls()).isEqualTo(read(csv()).calls());
  }

  @Test
  void parquetGivesTheSameCallsAsCsv() throws Exception {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("region")
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("tier")
        .required(PrimitiveTypeName.INT32).named("label")
        .required(PrimitiveTypeName.DOUBLE).named("weight")
        .named("rows");
    Path parquet = new Fixtures(dir).parquet("rows.parquet", schema, rows);
    assertThat(read(parquet).calls()).isEqualTo(read(csv()).calls());
  }
}

package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropInvalidTest {

  @TempDir
  Path dir;

  private final ReadOptions dropping =
      ReadOptions.defaults().withWeightColumn("weight").withDropInvalid(true);

  @Test
  void countsDroppedRowsByReasonAndKeepsTheFirstFiveMessages() throws Exception {
    Path file = new Fixtures(dir).text("mixed.csv", String.join("\n",
        "score,label,weight",
        "0.9,1,1",      // 2 ok
        "abc,1,1",      // 3 score is not a number
        "NaN,0,1",      // 4 score is not finite
        "0.5,maybe,1",  // 5 label is not a declared value
        "0.4,0,-1",     // 6 weight is negative
        "xyz,0,1",      // 7 score is not a number
        ",0,1",         // 8 score is empty
        "0.3,0,1",      // 9 ok
        "inf,0,1",      // 10 score is not finite
        "0.2,1,NaN",    // 11 weight is not finite
        "bad,maybe,-1", // 12 score is not a number (the score is reported first)
        "0.1,0,2") + "\n");
    RecordingSink sink = new RecordingSink();
    ReadSummary summary = ScoreFiles.read(file, dropping, sink);

    assertThat(sink.scores()).containsExactly(0.9, 0.3, 0.1);
    assertThat(summary.rows()).isEqualTo(12);
    assertThat(summary.accepted()).isEqualTo(3);
    assertThat(summary.positives()).isEqualTo(1);
    assertThat(summary.negatives()).isEqualTo(2);
    assertThat(summary.droppedRows()).isEqualTo(9);
    assertThat(summary.dropped()).containsExactly(
        Map.entry("score is not a number", 3L),
        Map.entry("score is not finite", 2L),
        Map.entry("label is not a declared value", 1L),
        Map.entry("weight is negative", 1L),
        Map.entry("score is empty", 1L),
        Map.entry("weight is not finite", 1L));
    assertThat(summary.examples()).containsExactly(
        file + ", line 3, column 'score': 'abc' is not a number",
        file + ", line 4, column 'score': 'NaN' is not finite",
        file + ", line 5, column 'label': 'maybe' is not a declared value"
            + " (positive: 1, true; negative: 0, false)",
        file + ", line 6, column 'weight': '-1' is negative (weights must be >= 0)",
        file + ", line 7, column 'score': 'xyz' is not a number");
  }

  @Test
  void jsonNullsAndMissingKeysAreDroppable() throws Exception {
    Path file = new Fixtures(dir).text("d.jsonl", "{\"score\": 0.5, \"label\": 1, \"weight\": 1}\n"
        + "{\"score\": null, \"label\": 1, \"weight\": 1}\n{\"label\": 1, \"weight\": 1}\n");
    ReadSummary summary = ScoreFiles.read(file, dropping, new RecordingSink());
    assertThat(summary.dropped()).containsExactly(
        Map.entry("score is null", 1L), Map.entry("score is missing", 1L));
  }

  @Test
  void structuralProblemsStillFail() {
    Fixtures files = new Fixtures(dir);
    Path fields = files.text("fields.csv", "score,label,weight\n0.5,1,1\n0.5,1\n");
    assertThatThrownBy(() -> ScoreFiles.read(fields, dropping, new RecordingSink()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("line 3: has 2 fields");
    Path column = files.text("column.csv", "score,label\n0.5,1\n");
    assertThatThrownBy(() -> ScoreFiles.read(column, dropping, new RecordingSink()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("no column 'weight'");
    Path json = files.text("bad.jsonl", "{\"score\": 0.5, \"label\": 1, \"weight\": 1}\n{oops}\n");
    assertThatThrownBy(() -> ScoreFiles.read(json, dropping, new RecordingSink()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("line 2: is not valid JSON");
    Path header = files.text("header.csv", "score,label,weight\n");
    assertThatThrownBy(() -> ScoreFiles.read(header, dropping, new RecordingSink()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("contains no data rows");
  }

  @Test
  void droppingEveryRowIsAResultNotAnError() throws Exception {
    Path file = new Fixtures(dir).text("all-bad.csv", "score,label,weight\nx,1,1\ny,0,1\n");
    ReadSummary summary = ScoreFiles.read(file, dropping, new RecordingSink());
    assertThat(summary.accepted()).isZero();
    assertThat(summary.dropped()).containsExactly(Map.entry("score is not a number", 2L));
  }
}

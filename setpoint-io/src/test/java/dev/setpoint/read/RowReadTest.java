package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowReadTest {

  @TempDir Path dir;

  private List<String> rows(Path file, ReadOptions options) throws IOException, DataFormatException {
    List<String> out = new ArrayList<>();
    ScoreFiles.readRows(file, options, (score, label, weight, values, position) ->
        out.add(score + "|" + label + "|" + String.join(",", values) + "|" + position),
        ReadProgress.NONE);
    return out;
  }

  @Test
  void rowSinkSeesRawValuesAndDataRowNumbers() throws Exception {
    Path f = Files.writeString(dir.resolve("s.csv"), "score,label,amount,country\n0.5,1,12.5,DE\n"
        + "0.25,0,,FR\n");
    assertThat(rows(f, ReadOptions.defaults().withSegmentColumns(List.of("amount", "country"))))
        .containsExactly("0.5|1|12.5,DE|1", "0.25|0|,FR|2");
  }

  @Test
  void rowNumbersCountDataRowsNotLinesAndKeepTheNumbersOfDroppedRows() throws Exception {
    // a quoted field spanning two lines, a blank line and a row dropped as invalid
    Path f = Files.writeString(dir.resolve("s.csv"), "score,label,note\n0.5,1,\"two\nlines\"\n\n"
        + "abc,0,x\n0.25,0,y\n");
    assertThat(rows(f, ReadOptions.defaults().withSegmentColumns(List.of("note"))
        .withDropInvalid(true))).containsExactly("0.5|1|two\nlines|1", "0.25|0|y|3");
    Path jsonl = Files.writeString(dir.resolve("s.jsonl"), "{\"score\":0.5,\"label\":1}\n\n"
        + "{\"score\":0.7,\"label\":0}\n");
    assertThat(rows(jsonl, ReadOptions.defaults())).containsExactly("0.5|1||1", "0.7|0||2");
  }

  @Test
  void missingLabelColumnIsUnlabelledWhenLabelsAreOptional() throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "score,country\n0.5,DE\n");
    Path jsonl = Files.writeString(dir.resolve("s.jsonl"), "{\"score\":0.5,\"country\":\"DE\"}\n"
        + "{\"score\":0.7,\"country\":\"FR\",\"label\":1}\n");
    ReadOptions options = ReadOptions.defaults().withSegmentColumns(List.of("country"))
        .withLabelsOptional(true);
    assertThat(rows(csv, options)).containsExactly("0.5|-1|DE|1");
    assertThat(rows(jsonl, options)).containsExactly("0.5|-1|DE|1", "0.7|-1|FR|2");
  }

  @Test
  void presentLabelColumnIsStillReadAndChecked() throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "score,label\n0.5,maybe\n");
    ReadOptions options = ReadOptions.defaults().withLabelsOptional(true);
    assertThatThrownBy(() -> rows(csv, options)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("'maybe' is not a declared value");
    Path ok = Files.writeString(dir.resolve("t.csv"), "score,label\n0.5,yes\n");
    assertThat(rows(ok, options.withPositiveLabels(Set.of("yes")))).containsExactly("0.5|1||1");
  }

  @Test
  void labelsAreRequiredUnlessDeclaredOptional() throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "score,country\n0.5,DE\n");
    assertThatThrownBy(() -> rows(csv, ReadOptions.defaults())).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("no column 'label'");
  }

  @Test
  void anExtraColumnTheFileLacksIsNullInEveryRowAndNamedInTheSummary() throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "score,label,country\n0.5,1,DE\n0.25,0,\n");
    Path jsonl = Files.writeString(dir.resolve("s.jsonl"), "{\"score\":0.5,\"label\":1,"
        + "\"country\":\"DE\"}\n{\"score\":0.25,\"label\":0,\"country\":null,\"tier\":\"gold\"}\n"
        + "{\"score\":0.75,\"label\":0}\n");
    ReadOptions options = ReadOptions.defaults().withSegmentColumns(List.of("tier", "country"))
        .withColumnsThatMayBeAbsent(List.of("tier", "country"));
    List<String> seen = new ArrayList<>();
    ReadSummary summary = ScoreFiles.readRows(csv, options, (score, label, weight, values, position) ->
        seen.add(score + "|" + values[0] + "|" + values[1]), ReadProgress.NONE);
    // An empty field is the value ""; the column the file lacks is null, as a missing attribute.
    assertThat(seen).containsExactly("0.5|null|DE", "0.25|null|");
    assertThat(summary.absentColumns()).containsExactly("tier");
    seen.clear();
    summary = ScoreFiles.readRows(jsonl, options, (score, label, weight, values, position) ->
        seen.add(score + "|" + values[0] + "|" + values[1]), ReadProgress.NONE);
    // JSON Lines' columns are the first object's keys; a null or a missing key is missing too.
    assertThat(seen).containsExactly("0.5|null|DE", "0.25|null|null", "0.75|null|null");
    assertThat(summary.absentColumns()).containsExactly("tier");
  }

  @Test
  void aRowSinkColumnNotNamedAsMayBeAbsentIsStillRequired() throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "score,label,txn_id\n0.5,1,a\n");
    ReadOptions options = ReadOptions.defaults().withSegmentColumns(List.of("country", "txn"))
        .withColumnsThatMayBeAbsent(List.of("country"));
    assertThatThrownBy(() -> ScoreFiles.readRows(csv, options, (score, label, weight, values, row) -> {
    }, ReadProgress.NONE)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("no column 'txn'");
  }

  @Test
  void aScoreSinkStillRefusesAMissingSegmentColumn() throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "score,label\n0.5,1\n");
    assertThatThrownBy(() -> ScoreFiles.read(csv, ReadOptions.defaults().withSegmentColumns(
        List.of("country")), (score, positive, weight, segment) -> { }))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("no column 'country'");
  }

  @Test
  void withoutLabelsReadALabelColumnIsNeitherReadNorChecked() throws Exception {
    Path csv = Files.writeString(dir.resolve("s.csv"), "score,label,id\n0.5,,a\n0.7,maybe,b\n");
    Path jsonl = Files.writeString(dir.resolve("s.jsonl"), "{\"score\":0.5,\"id\":\"a\"}\n"
        + "{\"score\":0.7,\"label\":null,\"id\":\"b\"}\n");
    ReadOptions options = ReadOptions.defaults().withSegmentColumns(List.of("id"))
        .withLabelsRead(false);
    assertThat(rows(csv, options)).containsExactly("0.5|-1|a|1", "0.7|-1|b|2");
    assertThat(rows(jsonl, options)).containsExactly("0.5|-1|a|1", "0.7|-1|b|2");
  }
}

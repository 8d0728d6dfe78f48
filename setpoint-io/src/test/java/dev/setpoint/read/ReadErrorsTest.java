package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of bad input: each message names the file, the place and the value. */
class ReadErrorsTest {

  @TempDir
  Path dir;

  private DataFormatException failure(Path file, ReadOptions options) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> ScoreFiles.read(file, options, new RecordingSink()));
    assertThat(thrown).isInstanceOf(DataFormatException.class);
    return (DataFormatException) thrown;
  }

  private DataFormatException csvFailure(String content) {
    return failure(new Fixtures(dir).text("scores.csv", content), ReadOptions.defaults());
  }

  private static String name(DataFormatException e) {
    return e.source();
  }

  @Test
  void nanScoreIsNotFinite() {
    DataFormatException e = csvFailure("score,label\n0.5,1\nNaN,0\n");
    assertThat(e).hasMessage(name(e) + ", line 3, column 'score': 'NaN' is not finite");
    assertThat(e.source()).endsWith("scores.csv");
    assertThat(e.location()).isEqualTo("line 3");
    assertThat(e.column()).isEqualTo("score");
    assertThat(e.value()).isEqualTo("NaN");
    assertThat(e.problem()).isEqualTo("is not finite");
  }

  @Test
  void infiniteScoreIsNotFinite() {
    DataFormatException e = csvFailure("score,label\ninf,1\n");
    assertThat(e).hasMessage(name(e) + ", line 2, column 'score': 'inf' is not finite");
    DataFormatException overflow = csvFailure("score,label\n0.1,0\n1e999,1\n");
    assertThat(overflow).hasMessage(name(overflow) + ", line 3, column 'score': '1e999' is not finite");
  }

  @Test
  void nonNumericScoreIsNotANumber() {
    DataFormatException e = csvFailure("score,label\n0.5,1\n0.5,0\nabc,1\n");
    assertThat(e).hasMessage(name(e) + ", line 4, column 'score': 'abc' is not a number");
  }

  @Test
  void emptyScoreIsEmpty() {
    DataFormatException e = csvFailure("score,label\n,1\n");
    assertThat(e).hasMessage(name(e) + ", line 2, column 'score': is empty");
  }

  @Test
  void unknownLabelListsTheDeclaredValues() {
    DataFormatException e = csvFailure("score,label\n0.5,1\n0.4,maybe\n");
    assertThat(e).hasMessage(name(e) + ", line 3, column 'label': 'maybe' is not a declared value"
        + " (positive: 1, true; negative: 0, false)");
  }

  @Test
  void emptyLabelIsEmpty() {
    DataFormatException e = csvFailure("score,label\n0.5, \n");
    assertThat(e).hasMessage(name(e) + ", line 2, column 'label': is empty");
  }

  @Test
  void negativeWeightIsNegative() {
    Path file = new Fixtures(dir).text("w.csv", "score,label,weight\n0.5,1,1\n0.4,0,-2\n");
    DataFormatException e = failure(file, ReadOptions.defaults().withWeightColumn("weight"));
    assertThat(e).hasMessage(file + ", line 3, column 'weight': '-2' is negative (weights must be >= 0)");
  }

  @Test
  void nanWeightIsNotFinite() {
    Path file = new Fixtures(dir).text("w.csv", "score,label,weight\n0.5,1,NaN\n");
    DataFormatException e = failure(file, ReadOptions.defaults().withWeightColumn("weight"));
    assertThat(e).hasMessage(file + ", line 2, column 'weight': 'NaN' is not finite");
  }

  @Test
  void nonNumericWeightIsNotANumber() {
    Path file = new Fixtures(dir).text("w.csv", "score,label,weight\n0.5,1,heavy\n");
    DataFormatException e = failure(file, ReadOptions.defaults().withWeightColumn("weight"));
    assertThat(e).hasMessage(file + ", line 2, column 'weight': 'heavy' is not a number");
  }

  @Test
  void theScoreIsReportedBeforeTheLabelWhateverTheColumnOrder() {
    DataFormatException e = csvFailure("label,score\nmaybe,abc\n");
    assertThat(e.column()).isEqualTo("score");
  }

  @Test
  void missingColumnListsExistingColumns() {
    Path file = new Fixtures(dir).text("scores.csv", "score,label,amount\n0.5,1,3\n");
    DataFormatException e = failure(file, ReadOptions.defaults().withScoreColumn("scroe"));
    assertThat(e).hasMessage(file + ": no column 'scroe' (columns: score, label, amount);"
        + " did you mean 'score'?");
  }

  @Test
  void emptyFileIsEmpty() {
    Path file = new Fixtures(dir).text("empty.csv", "");
    assertThat(failure(file, ReadOptions.defaults())).hasMessage(file + ": is empty");
    Path blank = new Fixtures(dir).text("blank.csv", "\n\n  \n");
    assertThat(failure(blank, ReadOptions.defaults())).hasMessage(blank + ": is empty");
    Path gz = new Fixtures(dir).gzip("empty.csv.gz", "");
    assertThat(failure(gz, ReadOptions.defaults())).hasMessage(gz + ": is empty");
  }

  @Test
  void headerOnlyFileHasNoDataRows() {
    Path file = new Fixtures(dir).text("header.csv", "score,label\n\n");
    assertThat(failure(file, ReadOptions.defaults()))
        .hasMessage(file + ": contains no data rows (only a header)");
  }

  @Test
  void wrongFieldCountSaysExpectedAndFound() {
    DataFormatException e = csvFailure("score,label\n0.5,1\n0.4,0,extra\n");
    assertThat(e).hasMessage(name(e) + ", line 3: has 3 fields, expected 2 as in the header");
    DataFormatException fewer = csvFailure("score,label\n0.5\n");
    assertThat(fewer).hasMessage(name(fewer) + ", line 2: has 1 field, expected 2 as in the header");
  }

  @Test
  void unclosedQuoteIsInvalidCsvNamingTheLine() {
    DataFormatException e = csvFailure("score,label\n0.5,1\n\"0.4,0\n0.3,1\n");
    assertThat(e).hasMessage(name(e) + ", line 3: is not valid CSV: Unclosed quoted field at end of input");
  }

  @Test
  void malformedJsonLineNamesTheLine() {
    Path file = new Fixtures(dir).text("scores.jsonl",
        "{\"score\": 0.5, \"label\": 1}\n{\"score\": 0.4 \"label\": 0}\n");
    DataFormatException e = failure(file, ReadOptions.defaults());
    assertThat(e.location()).isEqualTo("line 2");
    assertThat(e).hasMessageStartingWith(file + ", line 2: is not valid JSON: Unexpected character");
  }

  @Test
  void parquetBadValueNamesTheRow() {
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.DOUBLE).named("score")
        .required(PrimitiveTypeName.INT32).named("label")
        .named("scores");
    Path file = new Fixtures(dir).parquet("scores.parquet", schema, List.of(
        Map.of("score", 0.5, "label", 1),
        Map.of("score", 0.25, "label", 0),
        Map.of("score", Double.NaN, "label", 1)));
    assertThat(failure(file, ReadOptions.defaults()))
        .hasMessage(file + ", row 3, column 'score': 'NaN' is not finite");
  }

  @Test
  void unknownExtensionAsksForTheFormat() {
    Path file = new Fixtures(dir).text("scores.txt", "score,label\n0.5,1\n");
    assertThat(failure(file, ReadOptions.defaults())).hasMessage(file
        + ": cannot tell the format from the file name; use .csv, .tsv, .jsonl, .ndjson or .parquet"
        + " (text formats may add .gz), or give the format explicitly");
  }

  @Test
  void aMissingFileIsAnIoErrorNotADataError() {
    assertThatThrownBy(() -> ScoreFiles.read(dir.resolve("nope.csv"), ReadOptions.defaults(),
        new RecordingSink())).isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}

package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.RecordingSink.Call;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReadingTest {

  @TempDir
  Path dir;

  private RecordingSink read(String name, String content, ReadOptions options) throws Exception {
    RecordingSink sink = new RecordingSink();
    ScoreFiles.read(new Fixtures(dir).text(name, content), options, sink);
    return sink;
  }

  private DataFormatException failure(String content, ReadOptions options) {
    Path file = new Fixtures(dir).text("s.jsonl", content);
    return catchThrowableOfType(DataFormatException.class,
        () -> ScoreFiles.read(file, options, new RecordingSink()));
  }

  @Test
  void labelsMayBeBooleansNumbersOrStrings() throws Exception {
    String content = "{\"score\": 0.1, \"label\": true}\n{\"score\": 0.2, \"label\": 0}\n"
        + "{\"score\": 0.3, \"label\": \"1.0\"}\n{\"score\": 0.4, \"label\": 1e0}\n"
        + "{\"label\": false, \"score\": 0.5}\n";
    assertThat(read("s.jsonl", content, ReadOptions.defaults()).labels())
        .containsExactly(true, false, true, true, false);
  }

  @Test
  void scoresMayBeNumericStrings() throws Exception {
    RecordingSink sink = read("s.ndjson", "{\"score\": \"0.25\", \"label\": 1}\n", ReadOptions.defaults());
    assertThat(sink.scores()).containsExactly(0.25);
  }

  @Test
  void nanTokensAreBadValuesNotMalformedJson() {
    DataFormatException e = failure("{\"score\": 0.5, \"label\": 1}\n{\"score\": NaN, \"label\": 1}\n",
        ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 2, column 'score': 'NaN' is not finite");
    DataFormatException big = failure("{\"score\": 1e999, \"label\": 1}\n", ReadOptions.defaults());
    assertThat(big).hasMessage(big.source() + ", line 1, column 'score': '1e999' is not finite");
  }

  @Test
  void booleanScoreIsNotANumber() {
    DataFormatException e = failure("{\"score\": true, \"label\": 1}\n", ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 1, column 'score': 'true' is not a number");
  }

  @Test
  void nullIsABadValue() {
    DataFormatException e = failure("{\"score\": 0.5, \"label\": 1}\n{\"score\": null, \"label\": 1}\n",
        ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 2, column 'score': is null");
  }

  @Test
  void missingKeyInALaterRowNamesLineAndKey() {
    DataFormatException e = failure("{\"score\": 0.5, \"label\": 1}\n\n{\"score\": 0.4}\n",
        ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 3, column 'label': is missing");
  }

  @Test
  void firstObjectActsAsTheHeader() {
    DataFormatException e = failure("{\"scroe\": 0.5, \"label\": 1, \"id\": 7}\n", ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ": no column 'score' (columns: scroe, label, id);"
        + " did you mean 'scroe'?");
  }

  @Test
  void nestedValuesAreSkippedUnlessRequested() throws Exception {
    String content = "{\"meta\": {\"a\": [1, 2, {\"b\": null}]}, \"score\": 0.5, \"label\": 1}\n";
    assertThat(read("s.jsonl", content, ReadOptions.defaults()).scores()).containsExactly(0.5);
    DataFormatException e = failure("{\"score\": [0.5], \"label\": 1}\n", ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 1, column 'score': '[...]' is not a single value");
  }

  @Test
  void segmentValuesAreScalarTextAndNullIsTheEmptySegment() throws Exception {
    String content = "{\"score\": 0.1, \"label\": 1, \"region\": \"EU\", \"tier\": 3}\n"
        + "{\"score\": 0.2, \"label\": 0, \"region\": null, \"tier\": true}\n"
        + "{\"score\": 0.3, \"label\": 0, \"tier\": 3, \"region\": \"EU\"}\n";
    List<Call> calls = read("s.jsonl", content,
        ReadOptions.defaults().withSegmentColumns(List.of("region", "tier"))).calls();
    assertThat(calls).extracting(Call::segment).containsExactly(
        new SegmentKey(List.of("EU", "3")), new SegmentKey(List.of("", "true")),
        new SegmentKey(List.of("EU", "3")));
    assertThat(calls.get(2).segment()).isSameAs(calls.get(0).segment());
  }

  @Test
  void blankLinesAndCrlfAreFine() throws Exception {
    String content = "\r\n{\"score\": 0.1, \"label\": 1}\r\n\r\n  \r\n{\"score\": 0.2, \"label\": 0}\r\n";
    assertThat(read("s.jsonl", content, ReadOptions.defaults()).scores()).containsExactly(0.1, 0.2);
  }

  @Test
  void gzipRoundTrip() throws Exception {
    Path file = new Fixtures(dir).gzip("s.jsonl.gz", "{\"score\": 0.1, \"label\": 1}\n");
    RecordingSink sink = new RecordingSink();
    ScoreFiles.read(file, ReadOptions.defaults(), sink);
    assertThat(sink.scores()).containsExactly(0.1);
  }

  @Test
  void twoObjectsOnOneLineAreAnError() {
    DataFormatException e = failure(
        "{\"score\": 0.1, \"label\": 1}\n{\"score\": 0.2, \"label\": 0} {\"score\": 0.3, \"label\": 0}\n",
        ReadOptions.defaults().withDropInvalid(true));
    assertThat(e).hasMessage(e.source()
        + ", line 2: holds more than one JSON object; JSON Lines has one object per line");
  }

  @Test
  void anObjectSpanningLinesIsAnError() {
    DataFormatException e = failure("{\"score\": 0.1,\n \"label\": 1}\n", ReadOptions.defaults());
    assertThat(e).hasMessage(e.source()
        + ", line 1: holds an object that ends on line 2; JSON Lines has each object on one line");
  }

  @Test
  void aTopLevelArrayIsNotJsonLines() {
    DataFormatException e = failure("[{\"score\": 0.1, \"label\": 1}]\n", ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 1: is not a JSON object (found an array)");
  }

  @Test
  void aDuplicateRequestedKeyIsAnError() {
    DataFormatException e = failure("{\"score\": 0.1, \"label\": 1, \"score\": 0.2}\n",
        ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 1, column 'score': appears twice in the object");
  }

  @Test
  void anUnfinishedLastObjectIsMalformed() {
    DataFormatException e = failure("{\"score\": 0.1, \"label\": 1}\n{\"score\": 0.2", ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ", line 2: is not valid JSON: Unexpected end-of-input:"
        + " expected close marker for Object (start marker at [line: 2, column: 1])");
  }

  @Test
  void whitespaceOnlyFileIsEmpty() {
    DataFormatException e = failure("\n  \n", ReadOptions.defaults());
    assertThat(e).hasMessage(e.source() + ": is empty");
  }
}

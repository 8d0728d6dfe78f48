package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.RecordingSink.Call;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadingTest {

  @TempDir
  Path dir;

  private RecordingSink read(Path file, ReadOptions options) throws IOException, DataFormatException {
    RecordingSink sink = new RecordingSink();
    ScoreFiles.read(file, options, sink);
    return sink;
  }

  private Fixtures files() {
    return new Fixtures(dir);
  }

  @Test
  void readsScoreAndLabelColumnsInFileOrderIgnoringOthers() throws Exception {
    Path file = files().text("s.csv", "id,score,label,note\na,0.9,1,x\nb,0.2,0,y\nc,0.5,1,z\n");
    RecordingSink sink = new RecordingSink();
    ReadSummary summary = ScoreFiles.read(file, ReadOptions.defaults(), sink);
    assertThat(sink.calls()).containsExactly(Call.of(0.9, true), Call.of(0.2, false), Call.of(0.5, true));
    assertThat(summary).isEqualTo(new ReadSummary(file.toString(), ScoreFormat.CSV, 3, 3, 2, 1,
        java.util.Map.of(), List.of()));
  }

  @Test
  void quotedFieldsMayHoldTheDelimiterQuotesAndLineBreaks() throws Exception {
    Path file = files().text("q.csv",
        "score,label,segment\n\"0.5\",1,\"EU, north\"\n0.25,\"0\",\"say \"\"hi\"\"\"\n0.75,1,\"two\nlines\"\n");
    RecordingSink sink = read(file, ReadOptions.defaults().withSegmentColumns(List.of("segment")));
    assertThat(sink.calls()).extracting(c -> c.segment().values().get(0))
        .containsExactly("EU, north", "say \"hi\"", "two\nlines");
    assertThat(sink.scores()).containsExactly(0.5, 0.25, 0.75);
  }

  @Test
  void crlfLineEndingsReadAndLinesStayPhysical() throws Exception {
    Path file = files().text("crlf.csv", "score,label\r\n0.5,1\r\n0.25,0\r\n");
    assertThat(read(file, ReadOptions.defaults()).scores()).containsExactly(0.5, 0.25);
    Path bad = files().text("crlf-bad.csv", "score,label\r\n0.5,1\r\n\"a\r\nb\",0\r\nx,1\r\n");
    assertThatThrownBy(() -> read(bad, ReadOptions.defaults()))
        .hasMessage(bad + ", line 3, column 'score': 'a\r\nb' is not a number");
  }

  @Test
  void byteOrderMarkIsStrippedFromTheFirstHeaderName() throws Exception {
    Path file = files().text("bom.csv", "\uFEFFscore,label\n0.5,1\n");
    assertThat(read(file, ReadOptions.defaults()).scores()).containsExactly(0.5);
  }

  @Test
  void tsvIsTabSeparatedByDefault() throws Exception {
    Path file = files().text("s.tsv", "score\tlabel\tsegment\n0.5\t1\tEU, north\n");
    RecordingSink sink = read(file, ReadOptions.defaults().withSegmentColumns(List.of("segment")));
    assertThat(sink.calls()).containsExactly(
        new Call(0.5, true, 1.0, new SegmentKey(List.of("EU, north"))));
  }

  @Test
  void customDelimiterSemicolon() throws Exception {
    Path file = files().text("semi.csv", "score;label\n0,5;1\n");
    assertThatThrownBy(() -> read(file, ReadOptions.defaults().withDelimiter(';')))
        .hasMessageContaining("'0,5' is not a number");
    Path ok = files().text("semi-ok.csv", "score;label;weight\n0.5;1;2\n");
    assertThat(read(ok, ReadOptions.defaults().withDelimiter(';').withWeightColumn("weight"))
        .calls()).containsExactly(new Call(0.5, true, 2.0, SegmentKey.NONE));
  }

  @Test
  void gzipRoundTripWithOrWithoutTheSuffix() throws Exception {
    String content = "score,label\n0.5,1\n0.25,0\n";
    Path gz = files().gzip("s.csv.gz", content);
    assertThat(read(gz, ReadOptions.defaults()).scores()).containsExactly(0.5, 0.25);
    Path disguised = files().gzip("really-gzip.csv", content);
    assertThat(read(disguised, ReadOptions.defaults()).scores()).containsExactly(0.5, 0.25);
  }

  @Test
  void damagedGzipIsADataError() throws Exception {
    Path gz = files().gzip("whole.csv.gz", "score,label\n" + "0.5,1\n".repeat(1000));
    byte[] bytes = java.nio.file.Files.readAllBytes(gz);
    Path truncated = files().bytes("cut.csv.gz", java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> read(truncated, ReadOptions.defaults()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(truncated + ": is a truncated gzip file");
  }

  @Test
  void blankLinesAreSkippedAndNotCounted() throws Exception {
    Path file = files().text("blank.csv", "\nscore,label\n\n0.5,1\n   \n\n0.25,0\n\nx,1\n");
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> ScoreFiles.read(file, ReadOptions.defaults(), sink))
        .hasMessage(file + ", line 9, column 'score': 'x' is not a number");
    assertThat(sink.scores()).containsExactly(0.5, 0.25);
  }

  @Test
  void segmentsAreTrimmedAndEqualSegmentsShareOneKeyInstance() throws Exception {
    Path file = files().text("seg.csv",
        "score,label,region,tier\n0.1,1,EU,gold\n0.2,0, EU ,gold\n0.3,1,US,gold\n0.4,0,EU,gold\n");
    RecordingSink sink = read(file, ReadOptions.defaults().withSegmentColumns(List.of("region", "tier")));
    List<Call> calls = sink.calls();
    assertThat(calls.get(0).segment().values()).containsExactly("EU", "gold");
    assertThat(calls.get(1).segment()).isSameAs(calls.get(0).segment());
    assertThat(calls.get(3).segment()).isSameAs(calls.get(0).segment());
    assertThat(calls.get(2).segment().values()).containsExactly("US", "gold");
    Path one = files().text("seg1.csv", "score,label,region\n0.1,1,EU\n0.2,0,EU\n");
    List<Call> single = read(one, ReadOptions.defaults().withSegmentColumns(List.of("region"))).calls();
    assertThat(single.get(1).segment()).isSameAs(single.get(0).segment());
  }

  @Test
  void withoutSegmentColumnsEveryRowIsInSegmentNone() throws Exception {
    Path file = files().text("s.csv", "score,label\n0.5,1\n");
    assertThat(read(file, ReadOptions.defaults()).calls().get(0).segment()).isSameAs(SegmentKey.NONE);
  }

  @Test
  void weightsArePassedOnAndZeroIsAllowed() throws Exception {
    Path file = files().text("w.csv", "score,label,w\n0.5,1,2.5\n0.25,0,0\n0.75,1,1e3\n");
    assertThat(read(file, ReadOptions.defaults().withWeightColumn("w")).calls()).extracting(Call::weight)
        .containsExactly(2.5, 0.0, 1000.0);
  }

  @Test
  void numericAndBooleanLabelFormsMatchTheDefaults() throws Exception {
    Path file = files().text("l.csv", "score,label\n0.1,1.0\n0.2,TRUE\n0.3,1e0\n0.4,0.0\n0.5,False\n0.6, 1 \n");
    assertThat(read(file, ReadOptions.defaults()).labels())
        .containsExactly(true, true, true, false, false, true);
  }

  @Test
  void customPositiveLabelMakesEveryOtherValueNegative() throws Exception {
    Path file = files().text("f.csv", "score,label\n0.9,fraud\n0.1,legit\n0.2,chargeback-reversed\n");
    assertThat(read(file, ReadOptions.defaults().withPositiveLabels(Set.of("fraud"))).labels())
        .containsExactly(true, false, false);
  }

  @Test
  void customPositiveAndNegativeLabelsRejectAnyOtherValue() throws Exception {
    Path file = files().text("f.csv", "score,label\n0.9,fraud\n0.1,legit\n0.2,unknown\n");
    ReadOptions options =
        ReadOptions.defaults().withPositiveLabels(Set.of("fraud")).withNegativeLabels(Set.of("legit"));
    assertThatThrownBy(() -> read(file, options))
        .hasMessage(file + ", line 4, column 'label': 'unknown' is not a declared value"
            + " (positive: fraud; negative: legit)");
  }

  @Test
  void negativeZeroScoreArrivesAsPositiveZero() throws Exception {
    Path file = files().text("z.csv", "score,label\n-0,1\n0,0\n");
    assertThat(read(file, ReadOptions.defaults()).scores())
        .allSatisfy(s -> assertThat(Double.doubleToRawLongBits(s)).isZero());
  }

  @Test
  void explicitFormatOverridesTheFileName() throws Exception {
    Path file = files().text("scores.txt", "score\tlabel\n0.5\t1\n");
    assertThat(read(file, ReadOptions.defaults().withFormat(ScoreFormat.TSV)).scores())
        .containsExactly(0.5);
  }

  @Test
  void aColumnRequestedTwiceIsAnOptionsError() {
    Path file = files().text("s.csv", "score,label\n0.5,1\n");
    assertThatThrownBy(() -> read(file, ReadOptions.defaults().withWeightColumn("score")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'score' is requested twice (as score and as weight)");
  }
}

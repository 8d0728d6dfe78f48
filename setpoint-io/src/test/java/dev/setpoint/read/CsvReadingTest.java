package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadingTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private RecordingSink read(Path file, ReadOptions options) throws Exception {
    RecordingSink sink = new RecordingSink();
    ScoreFiles.read(file, options, sink);
    return sink;
  }

  @Test
  void readsScoresLabelsAndCountsClasses() throws Exception {
    Path file = write("s.csv", "score,label\n0.9,1\n0.1,0\n0.5,1\n");
    RecordingSink sink = new RecordingSink();
    ReadSummary summary = ScoreFiles.read(file, ReadOptions.defaults(), sink);

    assertThat(summary.rows()).isEqualTo(3);
    assertThat(summary.positives()).isEqualTo(2);
    assertThat(summary.negatives()).isEqualTo(1);
    assertThat(summary.format()).isEqualTo(ScoreFormat.CSV);
    assertThat(sink.rows).extracting(RecordingSink.Row::score).containsExactly(0.9, 0.1, 0.5);
    assertThat(sink.rows).extracting(RecordingSink.Row::positive).containsExactly(true, false, true);
  }

  @Test
  void handlesQuotingCrlfBomAndBlankLines() throws Exception {
    Path file = write("q.csv", "\uFEFFid,score,label\r\n\"a,b\",0.25,1\r\n\r\n\"c\"\"d\",\"0.75\",0\r\n");
    RecordingSink sink = read(file, ReadOptions.defaults());

    assertThat(sink.rows).extracting(RecordingSink.Row::score).containsExactly(0.25, 0.75);
  }

  @Test
  void readsTsvAndCustomDelimiters() throws Exception {
    assertThat(read(write("t.tsv", "score\tlabel\n0.5\t1\n"), ReadOptions.defaults()).rows)
        .hasSize(1);
    assertThat(read(write("s.csv", "score;label\n0,5;1\n".replace("0,5", "0.5")),
        ReadOptions.defaults().withDelimiter(';')).rows).hasSize(1);
  }

  @Test
  void readsGzipByContentWhateverTheName() throws Exception {
    Path file = dir.resolve("s.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("score,label\n0.3,0\n0.7,1\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(read(file, ReadOptions.defaults()).rows).hasSize(2);
  }

  @Test
  void matchesNumericAndBooleanLabelForms() throws Exception {
    Path file = write("l.csv", "score,label\n0.1,1.0\n0.2,TRUE\n0.3, 0 \n0.4,False\n0.5,1e0\n");
    RecordingSink sink = read(file, ReadOptions.defaults());

    assertThat(sink.rows).extracting(RecordingSink.Row::positive)
        .containsExactly(true, true, false, false, true);
  }

  @Test
  void positiveLabelAloneMakesEveryOtherValueNegative() throws Exception {
    Path file = write("l.csv", "score,label\n0.1,fraud\n0.2,legit\n0.3,chargeback\n");
    RecordingSink sink = read(file, ReadOptions.defaults().withPositiveLabels(Set.of("fraud")));

    assertThat(sink.rows).extracting(RecordingSink.Row::positive).containsExactly(true, false, false);
  }

  @Test
  void undeclaredLabelIsAnErrorListingTheDeclaredValues() throws Exception {
    Path file = write("l.csv", "score,label\n0.1,fraud\n0.2,legit\n0.3,chargeback\n");
    ReadOptions options = ReadOptions.defaults().withPositiveLabels(Set.of("fraud"))
        .withNegativeLabels(Set.of("legit"));

    assertThatThrownBy(() -> read(file, options))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", line 4, column 'label': 'chargeback' is not a declared label"
            + " (positive: fraud; negative: legit)");
  }

  @Test
  void nonNumericScoreNamesLineColumnAndValue() throws Exception {
    Path file = write("s.csv", "score,label\n0.5,1\nabc,0\n");
    assertThatThrownBy(() -> read(file, ReadOptions.defaults()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", line 3, column 'score': 'abc' is not a number");
  }

  @Test
  void nanAndInfiniteScoresAreErrors() throws Exception {
    Path nan = write("n.csv", "score,label\nNaN,1\n");
    Path inf = write("i.csv", "score,label\n0.1,0\n-Infinity,1\n");
    assertThatThrownBy(() -> read(nan, ReadOptions.defaults()))
        .hasMessage(nan + ", line 2, column 'score': 'NaN' is not finite");
    assertThatThrownBy(() -> read(inf, ReadOptions.defaults()))
        .hasMessage(inf + ", line 3, column 'score': '-Infinity' is not finite");
  }

  @Test
  void emptyScoreAndEmptyLabelAreErrors() throws Exception {
    Path score = write("e.csv", "score,label\n,1\n");
    Path label = write("f.csv", "score,label\n0.5,\n");
    assertThatThrownBy(() -> read(score, ReadOptions.defaults()))
        .hasMessage(score + ", line 2, column 'score': is empty");
    assertThatThrownBy(() -> read(label, ReadOptions.defaults()))
        .hasMessage(label + ", line 2, column 'label': is empty");
  }

  @Test
  void negativeAndNanWeightsAreErrors() throws Exception {
    Path neg = write("w.csv", "score,label,w\n0.5,1,2\n0.5,0,-1.5\n");
    Path nan = write("x.csv", "score,label,w\n0.5,1,NaN\n");
    ReadOptions options = ReadOptions.defaults().withWeightColumn("w");
    assertThatThrownBy(() -> read(neg, options))
        .hasMessage(neg + ", line 3, column 'w': '-1.5' is negative; weights must be >= 0");
    assertThatThrownBy(() -> read(nan, options))
        .hasMessage(nan + ", line 2, column 'w': 'NaN' is not finite");
  }

  @Test
  void readsWeightsAndSegments() throws Exception {
    Path file = write("w.csv", "score,label,w,country\n0.5,1,2.5,DE\n0.4,0,0,FR\n0.3,0,1,DE\n");
    RecordingSink sink = read(file, ReadOptions.defaults().withWeightColumn("w")
        .withSegmentColumns(List.of("country")));

    assertThat(sink.rows).extracting(RecordingSink.Row::weight).containsExactly(2.5, 0.0, 1.0);
    assertThat(sink.rows.get(0).segment()).isEqualTo(new SegmentKey(List.of("DE")));
    assertThat(sink.rows.get(0).segment()).isSameAs(sink.rows.get(2).segment());
  }

  @Test
  void missingColumnListsExistingColumnsAndSuggestsTheClosest() throws Exception {
    Path file = write("s.csv", "score,label,amount\n0.5,1,3\n");
    assertThatThrownBy(() -> read(file, ReadOptions.defaults().withScoreColumn("scroe")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": no column 'scroe' (columns: score, label, amount); did you mean 'score'?");
  }

  @Test
  void emptyFileAndHeaderOnlyFileAreErrors() throws Exception {
    Path empty = write("e.csv", "");
    Path header = write("h.csv", "score,label\n");
    assertThatThrownBy(() -> read(empty, ReadOptions.defaults())).hasMessage(empty + ": is empty");
    assertThatThrownBy(() -> read(header, ReadOptions.defaults()))
        .hasMessage(header + ": contains no data rows");
  }

  @Test
  void wrongFieldCountIsAnErrorEvenWhenDropping() throws Exception {
    Path file = write("s.csv", "score,label\n0.5,1\n0.5\n");
    assertThatThrownBy(() -> read(file, ReadOptions.defaults().withDropInvalid(true)))
        .hasMessage(file + ", line 3: has 1 fields but the header has 2");
  }

  @Test
  void dropInvalidCountsByReasonAndKeepsExamples() throws Exception {
    Path file = write("s.csv", "score,label\n0.5,1\nabc,0\nNaN,0\nxyz,1\n0.2,maybe\n0.3,0\n");
    RecordingSink sink = new RecordingSink();
    ReadSummary summary = ScoreFiles.read(file, ReadOptions.defaults().withDropInvalid(true), sink);

    assertThat(sink.rows).hasSize(2);
    assertThat(summary.rows()).isEqualTo(6);
    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(summary.dropped()).containsExactly(
        java.util.Map.entry("score is not a number", 2L),
        java.util.Map.entry("score is not finite", 1L),
        java.util.Map.entry("label is not a declared value", 1L));
    assertThat(summary.examples().get(0)).isEqualTo(file + ", line 3, column 'score': 'abc' is not a number");
  }

  @Test
  void unknownExtensionIsAnError() throws Exception {
    Path file = write("s.txt", "score,label\n0.5,1\n");
    assertThatThrownBy(() -> read(file, ReadOptions.defaults()))
        .hasMessageContaining("cannot tell the format");
    assertThat(read(file, ReadOptions.defaults().withFormat(ScoreFormat.CSV)).rows).hasSize(1);
  }

  @Test
  void readsTheBundledExampleFiles() throws Exception {
    ReadSummary cancer = ScoreFiles.read(Path.of("../examples/breast_cancer_logreg_oof.csv"),
        ReadOptions.defaults(), new RecordingSink());
    ReadSummary loans = ScoreFiles.read(Path.of("../examples/lending_club_bad_hgb_oof.csv"),
        ReadOptions.defaults(), new RecordingSink());

    assertThat(cancer.rows()).isEqualTo(569);
    assertThat(cancer.positives()).isEqualTo(212);
    assertThat(loans.rows()).isEqualTo(9857);
    assertThat(loans.positives()).isEqualTo(517);
  }

  @Test
  void reportsProgressInBytesEndingAtTheFileSize() throws Exception {
    Path file = write("s.csv", "score,label\n0.5,1\n0.4,0\n");
    long[] last = new long[2];
    ScoreFiles.read(file, ReadOptions.defaults(), new RecordingSink(), (read, total) -> {
      last[0] = read;
      last[1] = total;
    });
    assertThat(last[0]).isEqualTo(Files.size(file));
    assertThat(last[1]).isEqualTo(Files.size(file));
  }
}

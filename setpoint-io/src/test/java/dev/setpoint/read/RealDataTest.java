package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real score files in {@code src/test/resources/data} (see the README there) read completely. */
class RealDataTest {

  private static Path resource(String name) throws Exception {
    return Path.of(RealDataTest.class.getResource("/data/" + name).toURI());
  }

  private static ReadSummary read(String name, RecordingSink sink) throws Exception {
    return ScoreFiles.read(resource(name), ReadOptions.defaults(), sink);
  }

  @Test
  void breastCancerHas569RowsAnd212Positives() throws Exception {
    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read("breast_cancer_logreg_oof.csv", sink);
    assertThat(summary.rows()).isEqualTo(569);
    assertThat(summary.accepted()).isEqualTo(569);
    assertThat(summary.positives()).isEqualTo(212);
    assertThat(summary.negatives()).isEqualTo(357);
    assertThat(summary.dropped()).isEqualTo(Map.of());
    assertThat(sink.calls()).hasSize(569);
    assertThat(sink.scores()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    // The file's first row, as written: 0.9999999892401782,1
    assertThat(sink.calls().get(0)).isEqualTo(RecordingSink.Call.of(0.9999999892401782, true));
  }

  @Test
  void lendingClubHas9857RowsAnd517Positives() throws Exception {
    RecordingSink sink = new RecordingSink();
    ReadSummary summary = read("lending_club_bad_hgb_oof.csv", sink);
    assertThat(summary.rows()).isEqualTo(9857);
    assertThat(summary.accepted()).isEqualTo(9857);
    assertThat(summary.positives()).isEqualTo(517);
    assertThat(summary.negatives()).isEqualTo(9340);
    assertThat(sink.calls().get(0)).isEqualTo(RecordingSink.Call.of(0.00886687650243578, false));
  }
}

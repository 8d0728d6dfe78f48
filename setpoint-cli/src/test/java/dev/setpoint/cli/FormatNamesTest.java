package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report names the input format as people write it (JSON Lines, CSV), not as an enum constant. */
class FormatNamesTest {

  @TempDir Path dir;

  @Test
  void aJsonLinesFileIsReportedAsJsonLines() throws Exception {
    Path file = Files.writeString(dir.resolve("scores.jsonl"),
        "{\"score\": 0.9, \"label\": 1}\n{\"score\": 0.1, \"label\": 0}\n");
    CliRun exact = run("evaluate", file.toString());
    assertThat(exact.code()).as(exact.err()).isZero();
    assertThat(exact.out().lines().findFirst()).hasValue(file + " (JSON Lines)");
    CliRun sketch = run("evaluate", file.toString(), "--sketch", "--bins", "10");
    assertThat(sketch.code()).as(sketch.err()).isZero();
    assertThat(sketch.out().lines().findFirst().orElseThrow())
        .startsWith(file + " (JSON Lines, sketch of 10 linear bins");
  }

  @Test
  void aCsvFileIsReportedAsCsv() throws Exception {
    Path file = Files.writeString(dir.resolve("scores.csv"), "score,label\n0.9,1\n0.1,0\n");
    assertThat(run("evaluate", file.toString()).out().lines().findFirst())
        .hasValue(file + " (CSV)");
  }
}

package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

  @TempDir
  Path dir;

  private final List<long[]> updates = new ArrayList<>();
  private final ReadProgress recorder = (read, total) -> updates.add(new long[] {read, total});

  /** A bit more than two update intervals of tiny rows (~0.8 MB). */
  private static String manyRows() {
    int n = 2 * ProgressTicker.ROWS_PER_UPDATE + 10;
    StringBuilder sb = new StringBuilder(n * 6 + 12).append("score,label\n");
    for (int i = 0; i < n; i++) {
      sb.append(i % 2 == 0 ? "0.5,1\n" : "0.2,0\n");
    }
    return sb.toString();
  }

  @Test
  void reportsEveryIntervalAndOnceAtTheEnd() throws Exception {
    Path file = new Fixtures(dir).text("many.csv", manyRows());
    long size = Files.size(file);
    ReadSummary summary = ScoreFiles.read(file, ReadOptions.defaults(), (s, p, w, g) -> { }, recorder);
    assertThat(summary.rows()).isEqualTo(2L * ProgressTicker.ROWS_PER_UPDATE + 10);
    assertThat(updates).hasSize(3);
    assertThat(updates).allSatisfy(u -> assertThat(u[1]).isEqualTo(size));
    assertThat(updates.get(0)[0]).isPositive().isLessThanOrEqualTo(updates.get(1)[0]);
    assertThat(updates.get(2)[0]).isEqualTo(size);
  }

  @Test
  void gzipProgressCountsCompressedBytes() throws Exception {
    Path file = new Fixtures(dir).gzip("many.csv.gz", manyRows());
    long size = Files.size(file);
    ScoreFiles.read(file, ReadOptions.defaults(), (s, p, w, g) -> { }, recorder);
    assertThat(updates).allSatisfy(u -> {
      assertThat(u[1]).isEqualTo(size);
      assertThat(u[0]).isBetween(0L, size);
    });
    assertThat(updates.get(updates.size() - 1)[0]).isEqualTo(size);
  }
}

package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Curve;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetsTest {

  private static Dataset rows(String id, long rows) {
    Curve curve = Curve.of(new double[] {0.5}, new boolean[] {true});
    return new Dataset(id, id + ".csv", "upload", "0".repeat(64), "CSV", Map.of(), rows, rows,
        Map.of(), List.of(), curve, Map.of(), Map.of(), Instant.EPOCH);
  }

  @Test
  void theLeastRecentlyUsedGoFirstWhenTheCountBoundIsReached() {
    Datasets datasets = new Datasets(new Explorer.Limits(2, 1_000, 1));
    datasets.add(rows("a", 1));
    datasets.add(rows("b", 1));
    datasets.get("a"); // a is now more recent than b
    assertThat(datasets.add(rows("c", 1))).containsExactly("b");
    assertThat(datasets.all()).extracting(Dataset::id).containsExactly("c", "a");
  }

  @Test
  void asManyAsNeededGoWhenTheRowBoundIsReached() {
    Datasets datasets = new Datasets(new Explorer.Limits(10, 100, 1));
    datasets.add(rows("a", 40));
    datasets.add(rows("b", 40));
    datasets.add(rows("c", 10));
    // 90 more rows fit once a and b are gone (10 + 90 = 100); c stays.
    assertThat(datasets.add(rows("d", 90))).containsExactly("a", "b");
    assertThat(datasets.all()).extracting(Dataset::id).containsExactly("d", "c");
  }

  @Test
  void loadingTheSameDataSetAgainReplacesItWithoutCountingItTwice() {
    Datasets datasets = new Datasets(new Explorer.Limits(2, 100, 1));
    datasets.add(rows("a", 60));
    assertThat(datasets.add(rows("a", 60))).isEmpty();
    assertThat(datasets.add(rows("b", 40))).isEmpty();
  }
}

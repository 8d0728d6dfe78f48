package dev.setpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingExperimentTest {

  private static String[] args(Path out, int seeds, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("--out", out.toString(), "--datasets", "toy",
        "--models", "lr", "--methods", "bce,dual_bce", "--targets", "0.9", "--seeds",
        Integer.toString(seeds), "--epochs", "1", "--patience", "1"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void resumingKeepsTheRunsAlreadyWrittenAndAddsOnlyTheMissingOnes() throws Exception {
    Path out = Files.createTempDirectory("setpoint-experiment").resolve("runs.csv");
    TrainingExperiment.main(args(out, 1));
    List<String> first = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(first).hasSize(3).first().isEqualTo(ExperimentRow.HEADER);

    TrainingExperiment.main(args(out, 2, "--resume"));
    List<String> resumed = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(resumed).hasSize(5).startsWith(first.toArray(String[]::new));
    assertThat(resumed.subList(3, 5)).allSatisfy(line -> assertThat(line.split(",", -1)[5])
        .isEqualTo("2"));
    // Seed 2's runs are the runs a fresh start would make: same split, same training, same metrics
    // (every column but the two timings).
    Path fresh = out.resolveSibling("fresh.csv");
    TrainingExperiment.main(args(fresh, 2));
    List<String> again = Files.readAllLines(fresh, StandardCharsets.UTF_8);
    assertThat(again.subList(3, 5).stream().map(TrainingExperimentTest::withoutTimes).toList())
        .isEqualTo(resumed.subList(3, 5).stream().map(TrainingExperimentTest::withoutTimes).toList());

    TrainingExperiment.main(args(out, 2, "--resume"));
    assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).isEqualTo(resumed);

    // Killed while writing seed 2's last line: that run is dropped and made again.
    String whole = Files.readString(out, StandardCharsets.UTF_8);
    Files.writeString(out, whole.substring(0, whole.length() - 20), StandardCharsets.UTF_8);
    TrainingExperiment.main(args(out, 2, "--resume"));
    assertThat(Files.readAllLines(out, StandardCharsets.UTF_8).stream()
        .map(TrainingExperimentTest::withoutTimes).toList())
        .isEqualTo(resumed.stream().map(TrainingExperimentTest::withoutTimes).toList());
  }

  @Test
  void resumingAFileWithAnotherHeaderIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("old.csv");
    Files.writeString(out, "dataset,model\ntoy,lr\n");
    assertThatThrownBy(() -> TrainingExperiment.main(args(out, 1, "--resume")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(out.toString())
        .hasMessageContaining("header");
  }

  private static String withoutTimes(String line) {
    List<String> header = List.of(ExperimentRow.HEADER.split(","));
    String[] f = line.split(",", -1);
    f[header.indexOf("seconds")] = "";
    f[header.indexOf("cpu_seconds")] = "";
    return String.join(",", f);
  }
}

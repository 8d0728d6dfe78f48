package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code decide} and {@code policy diff} print for a seeded file of 500 rows, byte for byte:
 * fractional weights (decide), with and without a label column, attributes empty or absent, every
 * segment and action of the example policy. The golden files were printed by the commands as they were
 * before they rendered the policy module's tally, so a change in a count's last bit, an order or a
 * format shows here. Rewrite them (only for an intended change) with {@code
 * -Dsetpoint.golden.write=true}.
 */
class DecideSummaryGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/dev/setpoint/cli/tally");
  private static final Path EXAMPLE = Path.of("..", "examples", "policies", "card-fraud.yaml");

  @TempDir Path dir;

  /** 500 rows, with or without a label column. */
  private Path data(boolean labelled) throws IOException {
    Random random = new Random(21);
    String[] jurisdictions = {"EU", "US", "CA", ""};
    String[] tiers = {"premium", "standard", ""};
    StringBuilder csv = new StringBuilder(labelled ? "score,label,weight,jurisdiction,tier,amount\n"
        : "score,weight,jurisdiction,tier,amount\n");
    for (int i = 0; i < 500; i++) {
      double score = random.nextInt(1000) / 1000.0;
      String label = random.nextDouble() < score ? "1," : "0,";
      csv.append(score).append(',').append(labelled ? label : "")
          .append((1 + random.nextInt(29)) / 10.0).append(',')
          .append(jurisdictions[random.nextInt(4)]).append(',')
          .append(tiers[random.nextInt(3)]).append(',')
          .append(random.nextInt(4) == 0 ? "" : Integer.toString(random.nextInt(10000))).append('\n');
    }
    return Files.writeString(dir.resolve(labelled ? "labelled.csv" : "unlabelled.csv"), csv);
  }

  @Test
  void decidesSummaryOfFractionalWeightsIsPinned() throws IOException {
    CliRun r = run("decide", data(true).toString(), "--policy", EXAMPLE.toString(), "--weight",
        "weight");
    assertThat(r.code()).as(r.err()).isZero();
    matchesGolden("decide.txt", r.out().replace(dir.toString(), "DIR"));
  }

  @Test
  void decidesJsonSummaryOfFractionalWeightsIsPinned() throws IOException {
    CliRun r = run("decide", data(true).toString(), "--policy", EXAMPLE.toString(), "--weight",
        "weight", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    matchesGolden("decide.json", r.out().replace(dir.toString(), "DIR"));
  }

  @Test
  void decidesSummaryWithoutLabelsIsPinned() throws IOException {
    CliRun r = run("decide", data(false).toString(), "--policy", EXAMPLE.toString());
    assertThat(r.code()).as(r.err()).isZero();
    matchesGolden("decide-unlabelled.txt", r.out().replace(dir.toString(), "DIR"));
  }

  @Test
  void policyDiffOnDataIsPinned() throws IOException {
    Path candidate = Files.writeString(dir.resolve("candidate.yaml"), Files.readString(EXAMPLE)
        .replace("minScore: 0.97", "minScore: 0.9").replace("minScore: 0.55", "minScore: 0.6")
        .replace("minScore: 0.7, queue: general", "minScore: 0.5, queue: general"));
    for (boolean labelled : new boolean[] {true, false}) {
      CliRun r = run("policy", "diff", EXAMPLE.toString(), candidate.toString(), "--data",
          data(labelled).toString());
      assertThat(r.code()).as(r.err()).isZero();
      matchesGolden(labelled ? "diff.txt" : "diff-unlabelled.txt",
          r.out().replace(dir.toString(), "DIR"));
    }
  }

  private static void matchesGolden(String name, String printed) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("setpoint.golden.write")) {
      Files.writeString(file, printed, StandardCharsets.UTF_8);
    }
    assertThat(printed).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}

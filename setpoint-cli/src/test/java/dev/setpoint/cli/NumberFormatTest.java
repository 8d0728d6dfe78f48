package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One number format across reports (docs/definitions.md#printed-numbers): counts with thousands
 * separators, rates with 4 decimals, thresholds as the shortest decimal that reads back, shares of rows
 * as percentages with 2 decimals and a space ({@code 5.25 %}); an objective's value as what it is (a
 * recall is a rate, a total cost a count).
 */
class NumberFormatTest {

  private static final String LOANS = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv")
      .toString();

  @TempDir Path dir;

  @Test
  void anObjectivesValueIsPrintedAsTheFigureItIs() {
    CliRun r = run("choose", LOANS, "-O", "recall@precision>=0.2", "-O", "cost:fn=10,fp=1");
    assertThat(r.code()).as(r.err()).isZero();
    // recall 0.0232 in its own column and as the value; a total cost of 4548 is a count.
    assertThat(r.out()).containsPattern("59 +12 +47 +0\\.2034 +0\\.0232 +0\\.0232\\n")
        .containsPattern("1,798 +220 +1,578 +0\\.1224 +0\\.4255 +4,548\\n");
  }

  @Test
  void theNearestPointOfAnInfeasibleTargetPrintsRatesAsTheColumnsDo() {
    CliRun r = run("choose", LOANS, "-O", "recall@precision>=0.5");
    assertThat(r.out()).contains("the highest precision is 0.2222 (recall 0.0193, threshold "
        + "0.4141234933743694)");
  }

  @Test
  void bootstrapIntervalsPrintThresholdsAsThresholdsAndRatesAsRates() {
    CliRun r = run("choose", LOANS, "-O", "recall@precision>=0.2", "--bootstrap", "50", "--seed", "7");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("\\n  precision +\\[0\\.\\d{4}, 0\\.\\d{4}\\]\\n")
        .containsPattern("\\n  recall +\\[0\\.\\d{4}, 0\\.\\d{4}\\]\\n")
        // thresholds are scores of the data, printed exactly: more than 6 significant digits
        .containsPattern("\\n  threshold +\\[0\\.\\d{7,}, 0\\.\\d{7,}\\]\\n");
  }

  @Test
  void sharesOfRowsArePercentagesWithTwoDecimalsEverywhere() throws Exception {
    String policy = dir.resolve("loans.yaml").toString();
    assertThat(run("choose", LOANS, "-O", "recall@precision>=0.2", "-o", policy).code()).isZero();
    assertThat(run("evaluate", LOANS).out()).contains("positives          517 (5.25 %)");
    assertThat(run("decide", LOANS, "--policy", policy).out())
        .containsPattern("review +59 +0\\.60 % ")
        .containsPattern("allow +9,798 +99\\.40 % ");
    assertThat(run("evaluate", LOANS, "--sketch", "--bins", "1000").out())
        .contains("the largest holds 2.13 % of the positives and 7.51 % of the negatives");

    Path lower = Files.writeString(dir.resolve("lower.yaml"),
        Files.readString(Path.of(policy)).replace("minScore: 0.3778048833360574", "minScore: 0.35"));
    CliRun diff = run("policy", "diff", policy, lower.toString(), "--data", LOANS);
    assertThat(diff.code()).as(diff.err()).isZero();
    assertThat(diff.out()).contains("+16 (+27.12 %)").contains("16 rows (0.16 %) change action");
  }

  @Test
  void aConfidenceLevelIsAPercentageAsInTheCoresSentences() throws Exception {
    CliRun r = run("choose", LOANS, "-O", "recall@precision>=0.2", "--confidence", "0.95",
        "--bootstrap", "20", "--seed", "3");
    assertThat(r.out()).contains("95 % clopper-pearson: precision [")
        .contains("; 95 % percentile intervals");
    String policy = dir.resolve("loans.yaml").toString();
    assertThat(run("choose", LOANS, "-O", "recall@precision>=0.2", "-o", policy).code()).isZero();
    assertThat(run("policy", "explain", policy).out()).contains("   95 % clopper-pearson: precision in [");
  }

  @Test
  void aSketchsBoundOnARateHasFourDecimalsAndOnACostIsACount() {
    CliRun r = run("choose", LOANS, "--sketch", "--bins", "1000", "-O", "recall@precision>=0.2",
        "-O", "cost:fn=10,fp=1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("exact optimum: recall in [0.0232, 0.0368]")
        .contains("exact optimum: total cost in [4,522, 4,552]");
  }
}

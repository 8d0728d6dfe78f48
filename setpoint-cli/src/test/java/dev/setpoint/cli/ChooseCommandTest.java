package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChooseCommandTest {

  private static final String CANCER = Path.of("..", "examples", "breast_cancer_logreg_oof.csv")
      .toString();
  private static final String LOANS = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv")
      .toString();

  @TempDir Path dir;

  @Test
  void choosesTheSameThresholdAsTheGoldenSelection() throws IOException {
    CliRun r = run("choose", CANCER, "-O", "recall@precision>=0.95", "--format", "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode selection = new ObjectMapper().readTree(r.out()).get("objectives").get(0)
        .get("segments").get(0).get("selection");
    // The scikit-learn-derived golden point (SelectionGoldenTest): threshold, TP 205, FP 8.
    assertThat(selection.get("threshold").asDouble()).isEqualTo(0.3975137869093911);
    assertThat(selection.get("tp").asLong()).isEqualTo(205);
    assertThat(selection.get("fp").asLong()).isEqualTo(8);
  }

  @Test
  void infeasibleTargetIsAnAnswerWithTheNearestPoint() throws IOException {
    CliRun r = run("choose", LOANS, "-O", "recall@precision>=0.5", "--format", "json");

    assertThat(r.code()).isZero();
    JsonNode selection = new ObjectMapper().readTree(r.out()).get("objectives").get(0)
        .get("segments").get(0).get("selection");
    assertThat(selection.get("feasible").asBoolean()).isFalse();
    assertThat(selection.get("reason").asText()).startsWith("no threshold reaches precision 0.5");
    assertThat(selection.get("nearest").get("threshold").asDouble()).isEqualTo(0.4141234933743694);
  }

  @Test
  void flagNothingIsWrittenAsInfinityNotAsABrokenNumber() throws IOException {
    CliRun r = run("choose", LOANS, "-O", "cost:fn=1,fp=100", "--format", "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode selection = new ObjectMapper().readTree(r.out()).get("objectives").get(0)
        .get("segments").get(0).get("selection");
    assertThat(selection.get("threshold").asText()).isEqualTo("+Infinity");
    assertThat(selection.get("tp").asLong()).isZero();
  }

  @Test
  void smallSegmentsFallBackToTheirParentWithAReason() throws IOException {
    StringBuilder csv = new StringBuilder("score,label,country\n");
    for (int i = 0; i < 400; i++) {
      boolean positive = i % 4 == 0;
      csv.append(positive ? 0.5 + (i % 97) / 200.0 : (i % 89) / 150.0).append(',')
          .append(positive ? 1 : 0).append(',').append(i < 360 ? "DE" : "LU").append('\n');
    }
    Path file = Files.writeString(dir.resolve("seg.csv"), csv);
    CliRun r = run("choose", file.toString(), "-O", "f1", "--segment", "country",
        "--min-positives", "30");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("(default: all rows)").containsPattern("(?m)^  DE ")
        .containsPattern("(?m)^  LU ")
        .contains("fell back: LU: only 10 positives (minimum 30); using the default");
  }

  @Test
  void bandsReportEachBand() {
    CliRun r = run("choose", CANCER, "--block-precision", "0.98", "--review-capacity", "flags<=50");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("block").contains("review").contains("allow")
        .contains("positives caught by block + review");
  }

  @Test
  void aReviewCapacityAtADeploymentPrevalenceIsRefusedQuotingWhatWasTyped() {
    CliRun r = run("choose", CANCER, "--block-precision", "0.98", "--review-capacity",
        "flags<=50;prevalence=0.1");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--review-capacity takes no ;prevalence=Q")
        .contains("was 'flags<=50;prevalence=0.1'").doesNotContain("budget:")
        .doesNotContain("Exception");
  }

  @Test
  void badObjectiveIsAUsageErrorPointingAtTheToken() {
    CliRun r = run("choose", CANCER, "-O", "recall@precision>=1.5");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("-O 'recall@precision>=1.5': precision target must be in (0, 1], "
        + "was 1.5").doesNotContain("^");
    CliRun unknown = run("choose", CANCER, "-O", "precision>=0.9");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("-O 'precision>=0.9': unknown objective 'precision>=0.9' "
        + "(did you mean 'recall@precision>=0.9'?)");
    CliRun inside = run("choose", CANCER, "-O", "cost:fn=10,fq=1");
    assertThat(inside.err()).contains("(at 'fq=1')");
  }

  @Test
  void nothingToChooseIsAUsageError() {
    CliRun r = run("choose", CANCER);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Nothing to choose");
  }

  @Test
  void negativeSegmentSupportIsAUsageErrorNamingTheOption() {
    CliRun r = run("choose", CANCER, "-O", "f1", "--min-flags", "-1");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--min-flags must be >= 0, was -1.0").doesNotContain("internal");
  }

  @Test
  void aScoreRangeThatIsNotMinMaxIsRefusedBeforeTheFileIsRead() {
    CliRun r = run("choose", CANCER, "-O", "f1", "-o", dir.resolve("p.yaml").toString(),
        "--score-range", "0,1,");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--score-range: '0,1,' (expected MIN,MAX); e.g. 0,1");
    assertThat(r.out()).as("nothing read, nothing reported").isEmpty();
    assertThat(dir.resolve("p.yaml")).doesNotExist();
  }

  @Test
  void policyOptionsWithoutOutputAreAUsageError() {
    CliRun r = run("choose", CANCER, "-O", "f1", "--created-by", "ana");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("describe the policy written with -o POLICY.yaml");
  }

  @Test
  void evaluateReportsObjectiveRowsToo() {
    CliRun r = run("evaluate", CANCER, "-O", "recall@precision>=0.95", "-O", "youden");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("recall@precision>=0.95").contains("0.3975137869093911")
        .contains("youden");
  }

  @Test
  void confidenceAndBootstrapAddIntervalsThatContainTheEstimate() throws IOException {
    CliRun r = run("choose", CANCER, "-O", "recall@precision>=0.95", "--confidence", "0.95",
        "--bootstrap", "200", "--seed", "7", "--format", "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode selection = root.get("objectives").get(0).get("segments").get(0).get("selection");
    JsonNode precision = selection.get("intervals").get("precision");
    assertThat(precision.get(0).asDouble()).isLessThan(selection.get("precision").asDouble());
    assertThat(precision.get(1).asDouble()).isGreaterThan(selection.get("precision").asDouble());
    JsonNode boot = root.get("bootstrap").get(0);
    assertThat(boot.get("replicates").asInt()).isEqualTo(200);
    assertThat(boot.get("threshold").get(0).asDouble())
        .isLessThanOrEqualTo(boot.get("threshold").get(1).asDouble());
    // Same seed, same answer.
    assertThat(run("choose", CANCER, "-O", "recall@precision>=0.95", "--confidence", "0.95",
        "--bootstrap", "200", "--seed", "7", "--format", "json").out()).isEqualTo(r.out());
  }

  @Test
  void guaranteedPrecisionNeedsAValidationFile() throws IOException {
    CliRun missing = run("choose", CANCER, "--guaranteed-precision", "0.9");
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("needs --validation");

    CliRun r = run("choose", CANCER, "--guaranteed-precision", "0.9", "--validation", LOANS,
        "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode guaranteed = new ObjectMapper().readTree(r.out()).get("guaranteed").get("selection");
    assertThat(guaranteed.has("feasible")).isTrue();
    assertThat(guaranteed.get("objective").asText()).isEqualTo("guaranteed precision>=0.9 at delta=0.05");
  }

  @Test
  void aGuaranteedPolicyRecordsTheLearnThenTestBoundAsTrainDoes() throws IOException {
    // Calibration: every other row of the example; validation: the rest.
    java.util.List<String> rows = Files.readAllLines(Path.of(CANCER));
    StringBuilder cal = new StringBuilder(rows.get(0)).append('\n');
    StringBuilder val = new StringBuilder(rows.get(0)).append('\n');
    for (int i = 1; i < rows.size(); i++) {
      (i % 2 == 1 ? cal : val).append(rows.get(i)).append('\n');
    }
    Path calibration = Files.writeString(dir.resolve("cal.csv"), cal);
    Path validation = Files.writeString(dir.resolve("val.csv"), val);
    Path policyFile = dir.resolve("guaranteed.yaml");
    CliRun r = run("choose", calibration.toString(), "--guaranteed-precision", "0.9", "--delta", "0.1",
        "--validation", validation.toString(), "-o", policyFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    dev.setpoint.policy.Policy p = ((dev.setpoint.policy.Validation.Valid)
        dev.setpoint.policy.PolicyDocuments.read(policyFile)).policy();
    dev.setpoint.policy.Provenance provenance = p.segments().get(0).provenance().orElseThrow();
    assertThat(provenance.objective()).isEqualTo("guaranteed precision>=0.9 at delta=0.1 "
        + "(Learn-then-Test on " + calibration + "; thresholds from " + validation + ")");
    assertThat(provenance.note()).contains("chosen on all rows");
    var flagged = provenance.expected().orElseThrow().bands().get(0);
    // The same record as `setpoint train --policy`: the guarantee's method, 1 − δ, and the one-sided
    // Clopper-Pearson bound from the calibration counts at the threshold (not a two-sided interval).
    dev.setpoint.policy.Provenance.IntervalRecord bound = provenance.interval().orElseThrow();
    assertThat(bound.method()).isEqualTo("learn-then-test");
    assertThat(bound.confidence()).isEqualTo(0.9);
    assertThat(bound.precisionLower().orElseThrow()).isEqualTo(
        dev.setpoint.stats.IntervalMethod.CLOPPER_PEARSON.lowerBound((long) flagged.positives(),
            (long) flagged.rows(), 0.9));
    assertThat(bound.precisionLower().orElseThrow()).isGreaterThanOrEqualTo(0.9);
    assertThat(bound.precisionUpper()).isEmpty();
    assertThat(bound.recallLower()).isEmpty();

    // Nothing certified: no policy, and the message says why.
    CliRun none = run("choose", calibration.toString(), "--guaranteed-precision", "0.999",
        "--validation", validation.toString(), "-o", dir.resolve("none.yaml").toString());
    assertThat(none.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(none.err()).contains("cannot write a policy: guaranteed precision>=0.999");
    assertThat(dir.resolve("none.yaml")).doesNotExist();
  }

  @Test
  void guaranteedRecallChoosesTheKthHighestPositiveScoreAndWritesItsBound() throws IOException {
    CliRun text = run("choose", CANCER, "--guaranteed-recall", "0.9");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("guaranteed: P(recall >= 0.9) >= 0.95 (the order statistic of the "
        + "positives of " + CANCER + ")");

    CliRun r = run("choose", CANCER, "--guaranteed-recall", "0.9", "--format", "json");
    JsonNode guaranteed = new ObjectMapper().readTree(r.out()).get("guaranteed");
    assertThat(guaranteed.get("metric").asText()).isEqualTo("recall");
    assertThat(guaranteed.get("method").asText()).isEqualTo("order-statistic");
    assertThat(guaranteed.get("minRecall").asDouble()).isEqualTo(0.9);
    assertThat(guaranteed.has("validation")).isFalse();
    JsonNode selection = guaranteed.get("selection");
    assertThat(selection.get("objective").asText()).isEqualTo("guaranteed recall>=0.9 at delta=0.05");
    // The example has 212 positives; the threshold flags the least k with P(Bin(212, 0.9) >= k) <= 0.05.
    long needed = new dev.setpoint.stats.GuaranteedRecall(0.9, 0.05).positivesNeeded(212);
    assertThat(selection.get("tp").asLong()).isGreaterThanOrEqualTo(needed);
    double threshold = selection.get("threshold").asDouble();
    long above = 0;
    for (String line : Files.readAllLines(Path.of(CANCER)).subList(1, 570)) {
      String[] f = line.split(",");
      above += Double.parseDouble(f[0]) > threshold && f[1].equals("1") ? 1 : 0;
    }
    assertThat(above).as("positives strictly above the threshold").isLessThan(needed);

    Path policyFile = dir.resolve("recall.yaml");
    assertThat(run("choose", CANCER, "--guaranteed-recall", "0.9", "-o", policyFile.toString())
        .code()).isZero();
    dev.setpoint.policy.Provenance provenance = ((dev.setpoint.policy.Validation.Valid)
        dev.setpoint.policy.PolicyDocuments.read(policyFile)).policy().segments().get(0).provenance()
        .orElseThrow();
    dev.setpoint.policy.Provenance.IntervalRecord bound = provenance.interval().orElseThrow();
    assertThat(bound.method()).isEqualTo("order-statistic");
    assertThat(bound.precisionLower()).isEmpty();
    assertThat(bound.recallLower().orElseThrow()).isEqualTo(dev.setpoint.stats.IntervalMethod
        .CLOPPER_PEARSON.lowerBound(selection.get("tp").asLong(), 212, 0.95))
        .isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void guaranteeOptionsThatCannotWorkAreUsageErrorsNotStackTraces() throws IOException {
    Path weighted = Files.writeString(dir.resolve("w.csv"), "score,label,w\n0.9,1,2\n0.5,0,1\n");
    CliRun w = run("choose", weighted.toString(), "--weight", "w", "--guaranteed-precision", "0.9",
        "--validation", weighted.toString());
    assertThat(w.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(w.err()).contains("a guarantee counts independent rows").contains("drop --weight")
        .doesNotContain("Exception");
    CliRun both = run("choose", CANCER, "--guaranteed-recall", "0.9", "--guaranteed-precision", "0.9",
        "--validation", CANCER);
    assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("give one");
    CliRun validation = run("choose", CANCER, "--guaranteed-recall", "0.9", "--validation", CANCER);
    assertThat(validation.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(validation.err()).contains("--guaranteed-recall needs only FILE");
    CliRun one = run("choose", CANCER, "--guaranteed-recall", "1");
    assertThat(one.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(one.err()).contains("recall 1 can never be certified");
  }

  @Test
  void perExampleCostsWeighMissesByTheirAmount() throws IOException {
    Path file = Files.writeString(dir.resolve("txns.csv"),
        "score,label,amount\n0.9,0,50\n0.6,1,10\n0.5,0,70\n0.2,1,1000\n");
    CliRun r = run("choose", file.toString(), "--miss-cost", "amount", "--flag-cost", "5",
        "--format", "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode sel = new ObjectMapper().readTree(r.out()).get("exampleCosts").get("selection");
    assertThat(sel.get("threshold").asDouble()).isEqualTo(0.2);
    assertThat(sel.get("totalCost").asDouble()).isEqualTo(10.0);
    assertThat(sel.get("tp").asLong()).isEqualTo(2);

    CliRun alone = run("choose", file.toString(), "--miss-cost", "amount");
    assertThat(alone.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(alone.err()).contains("--miss-cost and --flag-cost go together");
  }

  @Test
  void aFixedThresholdAndAGuaranteeShowNoBareValueNobodyCanRead() {
    CliRun r = run("choose", CANCER, "-O", "threshold=0.5", "--guaranteed-recall", "0.9");

    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("objective threshold=0.5") || lines[i].startsWith("guaranteed: ")) {
        assertThat(lines[i + 1]).as("header").endsWith("recall").doesNotContain("value");
        assertThat(lines[i + 2]).as("row").endsWith(lines[i].startsWith("objective") ? "0.9575"
            : "0.9387");
      }
    }
    assertThat(r.out()).contains("objective threshold=0.5").contains("guaranteed: ");
  }

  @Test
  void countsAtADeploymentPrevalenceSayTheyAreReweighted() throws IOException {
    CliRun table = run("choose", LOANS, "-O", "f1;prevalence=0.01");
    CliRun plain = run("choose", LOANS, "-O", "f1");
    CliRun json = run("choose", LOANS, "-O", "f1;prevalence=0.01", "-f", "json");

    assertThat(table.out()).contains("objective f1;prevalence=0.01" + System.lineSeparator()
        + "  (counts are expected counts reweighted to prevalence 0.01, per as many rows as the "
        + "data has: docs/definitions.md#deployment-prevalence)");
    assertThat(plain.out()).doesNotContain("reweighted");
    JsonNode objective = new ObjectMapper().readTree(json.out()).get("objectives").get(0);
    assertThat(objective.get("countsReweightedToPrevalence").asDouble()).isEqualTo(0.01);
    assertThat(new ObjectMapper().readTree(run("choose", LOANS, "-O", "f1", "-f", "json").out())
        .get("objectives").get(0).has("countsReweightedToPrevalence")).isFalse();
  }

  @Test
  void aPolicyChosenAtADeploymentPrevalenceSaysItsExpectedFiguresAreTheDatasAndGivesTheReportsOnes()
      throws IOException {
    Path policyFile = dir.resolve("prevalence.yaml");
    CliRun r = run("choose", LOANS, "-O", "recall@precision>=0.2;prevalence=0.1", "-o",
        policyFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // The report's row at prevalence 0.1: precision 0.2005, recall 0.4913.
    assertThat(r.out()).contains("0.2005    0.4913");
    dev.setpoint.policy.Provenance provenance = ((dev.setpoint.policy.Validation.Valid)
        dev.setpoint.policy.PolicyDocuments.read(policyFile)).policy().segments().get(0).provenance()
        .orElseThrow();
    assertThat(provenance.note().orElseThrow()).contains("expected figures are this data's "
        + "(prevalence 0.0525); at the objective's deployment prevalence 0.1000 it expects precision "
        + "0.2005, recall 0.4913");
    assertThat(provenance.expected().orElseThrow().precision().getAsDouble()).isLessThan(0.2);

    Path plain = dir.resolve("plain.yaml");
    assertThat(run("choose", LOANS, "-O", "recall@precision>=0.2", "-o", plain.toString()).code())
        .isZero();
    assertThat(((dev.setpoint.policy.Validation.Valid) dev.setpoint.policy.PolicyDocuments.read(
        plain)).policy().segments().get(0).provenance().orElseThrow().note().orElseThrow())
        .doesNotContain("prevalence");
  }
}

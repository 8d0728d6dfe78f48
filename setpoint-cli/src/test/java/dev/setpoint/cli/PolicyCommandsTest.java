package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * choose -o → policy → decide: the policy reproduces the chosen operating points exactly on the data it
 * was chosen on; and the policy subcommands' output and exit codes.
 */
class PolicyCommandsTest {

  private static final String LOANS = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv")
      .toString();
  private static final String EXAMPLE = Path.of("..", "examples", "policies", "card-fraud.yaml")
      .toString();

  @TempDir Path dir;

  /** A segmented file with ties (scores on a grid of 200) and segments too small for their own threshold. */
  private Path segmentedFile() throws IOException {
    Random rnd = new Random(3);
    StringBuilder sb = new StringBuilder("score,label,country,tier\n");
    String[] countries = {"DE", "FR", "US", "tiny"};
    String[] tiers = {"premium", "standard"};
    for (int i = 0; i < 20_000; i++) {
      String country = countries[rnd.nextInt(i % 500 == 0 ? 4 : 3)];
      String tier = tiers[rnd.nextInt(2)];
      boolean positive = rnd.nextDouble() < (country.equals("US") ? 0.08 : 0.04);
      double score = Math.min(1, Math.max(0, (positive ? 0.6 : 0.35) + rnd.nextGaussian() * 0.18));
      sb.append(Math.round(score * 200) / 200.0).append(',').append(positive ? 1 : 0).append(',')
          .append(country).append(',').append(tier).append('\n');
    }
    return Files.writeString(dir.resolve("segmented.csv"), sb.toString());
  }

  /** Decides the policy on the file and checks every band's rows and positives against provenance. */
  private void decideReproducesExpectedCounts(Path policyFile, String data, String... extra)
      throws IOException {
    Validation v = PolicyDocuments.read(policyFile);
    assertThat(v).as(v.toString()).isInstanceOf(Validation.Valid.class);
    Policy policy = ((Validation.Valid) v).policy();
    String[] args = new String[4 + extra.length];
    args[0] = "decide";
    args[1] = data;
    args[2] = "--policy=" + policyFile;
    args[3] = "--format=json";
    System.arraycopy(extra, 0, args, 4, extra.length);
    CliRun r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(r.out());
    int checked = 0;
    for (int s = 0; s < policy.segments().size(); s++) {
      Segment segment = policy.segments().get(s);
      Provenance p = segment.provenance().orElseThrow();
      List<Provenance.BandExpectation> expected = p.expected().orElseThrow().bands();
      JsonNode bands = summary.get("segments").get(s).get("bands");
      boolean isDefaultOfSegmentedPolicy = segment.match().isAll() && policy.segments().size() > 1;
      if (isDefaultOfSegmentedPolicy) {
        // Chosen on all rows, but serves only rows of unseen segments: none in this file.
        assertThat(bands.findValues("rows")).allMatch(n -> n.asDouble() == 0);
        continue;
      }
      assertThat(bands.size()).isEqualTo(expected.size());
      for (int b = 0; b < expected.size(); b++) {
        assertThat(bands.get(b).get("rows").asDouble()).as("%s band %d", segment.name(), b)
            .isEqualTo(expected.get(b).rows());
        assertThat(bands.get(b).get("positives").asDouble()).as("%s band %d", segment.name(), b)
            .isEqualTo(expected.get(b).positives());
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void chosenPolicyReproducesTheOperatingPointOnItsData() throws IOException {
    Path policy = dir.resolve("loans.yaml");
    CliRun r = run("choose", LOANS, "-O", "recall@precision>=0.2", "-o", policy.toString(),
        "--model-name", "hgb", "--model-version", "7", "--queue", "analysts");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("policy 'loans' written to");
    Policy p = ((Validation.Valid) PolicyDocuments.read(policy)).policy();
    Provenance prov = p.segments().get(0).provenance().orElseThrow();
    assertThat(prov.data().orElseThrow().sha256()).hasSize(64);
    assertThat(prov.data().orElseThrow().n()).isEqualTo(9857);
    assertThat(prov.model().orElseThrow().version()).isEqualTo("7");
    assertThat(prov.interval()).isPresent();
    // The golden selection of this objective (ChooseCommandTest): flags 59 rows, 12 positives.
    assertThat(prov.expected().orElseThrow().bands().get(0).rows()).isEqualTo(59);
    decideReproducesExpectedCounts(policy, LOANS);
  }

  @Test
  void segmentedPolicyReproducesEverySegmentIncludingFallbacks() throws IOException {
    Path data = segmentedFile();
    Path policy = dir.resolve("segmented.json");
    CliRun r = run("choose", data.toString(), "-O", "recall@precision>=0.3", "--segment",
        "country,tier", "--min-positives", "30", "-o", policy.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Policy p = ((Validation.Valid) PolicyDocuments.read(policy)).policy();
    assertThat(p.segments()).extracting(Segment::name).contains("DE/premium", "tiny/standard",
        "default");
    assertThat(p.segments().stream().filter(s -> s.name().startsWith("tiny/")).findFirst()
        .orElseThrow().provenance().orElseThrow().note()).hasValueSatisfying(n ->
        assertThat(n).contains("positives (minimum 30)"));
    decideReproducesExpectedCounts(policy, data.toString());
  }

  @Test
  void bandedPolicyReproducesBlockReviewAndAllowCounts() throws IOException {
    Path data = segmentedFile();
    Path policy = dir.resolve("bands.yaml");
    CliRun r = run("choose", data.toString(), "--block-precision", "0.3", "--review-capacity",
        "rate<=0.05", "--segment", "country", "-o", policy.toString(), "--queue", "fraud-ops");
    assertThat(r.code()).as(r.err()).isZero();
    Policy p = ((Validation.Valid) PolicyDocuments.read(policy)).policy();
    assertThat(p.segments().get(0).bands()).extracting(b -> b.action())
        .containsExactly("block", "review", "allow");
    decideReproducesExpectedCounts(policy, data.toString());
  }

  @Test
  void objectiveGivenToOutputNamesTheFix() {
    CliRun r = run("choose", LOANS, "-o", "f1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("-o writes a policy document and needs a .yaml, .yml or .json file "
        + "name, was 'f1'; 'f1' is an objective: give it with --objective (or -O)");
  }

  @Test
  void outputNeedsExactlyOneSource() {
    CliRun r = run("choose", LOANS, "-O", "f1", "-O", "youden", "-o", dir.resolve("p.yaml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("needs exactly one of --objective");
  }

  @Test
  void validateReportsEveryProblemWithLineAndExitsThree() throws IOException {
    String text = Files.readString(Path.of(EXAMPLE)).replace("minScore: 0.62", "minScore: 0.99")
        .replace("{ action: review, minScore: 0.55", "{ action: reveiw, minScore: 0.55");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), text);
    CliRun r = run("policy", "validate", bad.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains(bad + ":21:27: error: /segments/0/bands/2/minScore: bands must go "
        + "from the highest minScore down: 0.99 is above band 1's 0.85")
        .contains("error: /segments/1/bands/1/action: unknown action 'reveiw' (did you mean "
            + "'review'?)")
        .contains("invalid: 2 errors");
    assertThat(run("policy", "validate", EXAMPLE).code()).isZero();
  }

  @Test
  void validateStrictFailsOnWarnings() throws IOException {
    Path p = Files.writeString(dir.resolve("w.yaml"), """
        apiVersion: setpoint/v1
        kind: Policy
        name: w
        segments:
          - { name: default, match: {}, bands: [ { action: allow } ] }
        """);
    assertThat(run("policy", "validate", p.toString()).code()).isZero();
    CliRun strict = run("policy", "validate", "--strict", "--format", "json", p.toString());
    assertThat(strict.code()).isEqualTo(3);
    assertThat(strict.out()).contains("\"pointer\" : \"/segments/0\"").contains("has no provenance");
  }

  @Test
  void explainTracesOneDecision() {
    CliRun r = run("policy", "explain", EXAMPLE, "--score", "0.9", "--attribute", "jurisdiction=US",
        "--attribute", "amount=7000");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("0. eu-premium           no: jurisdiction is 'US', not EU; tier is "
        + "missing").contains("2. us-large             matches")
        .contains("decision: block (segment us-large, threshold 0.9");
  }

  @Test
  void explainNumbersSegmentsAndBandsFromZeroAsTheServiceAndDecisionsCsvDo() {
    CliRun r = run("policy", "explain", EXAMPLE, "--score", "0.7", "--attribute", "jurisdiction=EU");
    assertThat(r.code()).as(r.err()).isZero();
    // eu's bands: block >= 0.95, review >= 0.55, allow: the service answers "band": 1 for 0.7.
    assertThat(r.out()).contains("  1. eu                   matches (jurisdiction = EU)")
        .contains("  band 1 (bands 0-2): 0.55 <= score < 0.95 -> review -> queue eu-analysts")
        .doesNotContain(" of 3");
    CliRun described = run("policy", "explain", EXAMPLE);
    assertThat(described.out()).contains("1. eu: jurisdiction = EU")
        .contains("   band 0  score >= 0.95").contains("   band 2  score < 0.55");
  }

  @Test
  void explainRefusesAScoreTheServiceRefusesNamingTheValueAndTheRange() {
    CliRun above = run("policy", "explain", EXAMPLE, "--score", "1.2");
    assertThat(above.code()).isEqualTo(2);
    assertThat(above.err()).contains("--score: 1.2 is outside the model's score range [0.0, 1.0]");
    assertThat(above.out()).isEmpty();
    CliRun nan = run("policy", "explain", EXAMPLE, "--score", "NaN");
    assertThat(nan.code()).isEqualTo(2);
    assertThat(nan.err()).contains("--score: NaN is not a number; send a finite number in the "
        + "model's score range [0.0, 1.0]").doesNotContain("Exception");
    CliRun infinite = run("policy", "explain", EXAMPLE, "--score", "-Infinity");
    assertThat(infinite.code()).isEqualTo(2);
    assertThat(infinite.err()).contains("--score: -Infinity is not a finite number");
    assertThat(run("policy", "explain", EXAMPLE, "--score", "1.0").code()).isZero();
  }

  @Test
  void explainCallsANonNumberForARangeMissingInTheTraceAndTheDecisionAlike() {
    CliRun r = run("policy", "explain", EXAMPLE, "--score", "0.95", "--attribute",
        "jurisdiction=US", "--attribute", "amount=abc");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2. us-large             no: amount is missing ('abc' is not a "
        + "number)").contains("route default_missing_attributes, missing tier, amount)")
        .doesNotContain("', not a number");
  }

  @Test
  void explainNamesTheAttributeAMisspeltOneIsLikelyToBe() {
    CliRun r = run("policy", "explain", EXAMPLE, "--score", "0.5", "--attribute",
        "Jurisdiction=EU");
    assertThat(r.out()).contains("note: the policy does not match on 'Jurisdiction'; did you mean "
        + "'jurisdiction'? (it matches on jurisdiction, tier, amount)");
  }

  @Test
  void explainDescribesEverySegment() {
    CliRun r = run("policy", "explain", EXAMPLE);
    assertThat(r.out()).contains("0. eu-premium: jurisdiction = EU and tier = premium")
        .contains("0.62 <= score < 0.85").contains("review -> queue eu-premium-analysts")
        .contains("3. default: every other request");
  }

  @Test
  void diffShowsThresholdChangesAndTheirEffectOnData() throws IOException {
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    assertThat(run("choose", LOANS, "-O", "recall@precision>=0.2", "-o", a.toString()).code()).isZero();
    assertThat(run("choose", LOANS, "-O", "recall@precision>=0.15", "-o", b.toString()).code())
        .isZero();
    CliRun r = run("policy", "diff", a.toString(), b.toString(), "--data", LOANS);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("~ segment default band review: minScore 0.3778048833360574 -> ")
        .contains("on " + LOANS + ": 9,857 rows, 517 positives").contains("allow -> review");
  }

  @Test
  void decideWithoutLabelsCountsRowsOnly() throws IOException {
    Path data = Files.writeString(dir.resolve("u.csv"), "score,jurisdiction,tier,amount\n"
        + "0.99,EU,premium,10\n0.7,EU,premium,10\n0.9,US,,9000\n0.9,US,,\n");
    Path out = dir.resolve("decisions.csv");
    CliRun r = run("decide", data.toString(), "--policy", EXAMPLE, "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 rows decided by policy card-fraud").contains("no labels");
    assertThat(Files.readAllLines(out)).containsExactly(
        "row,score,segment,band,action,queue,threshold,route,missing,label",
        "1,0.99,eu-premium,0,block,,0.97,matched,,",
        "2,0.7,eu-premium,2,review,eu-premium-analysts,0.62,matched,,",
        "3,0.9,us-large,0,block,,0.9,matched,,",
        "4,0.9,default,1,review,general,0.7,default_missing_attributes,amount,");
  }

  @Test
  void decideRefusesAScoreOutsideTheModelsRangeAsTheServiceDoesNamingTheRow() throws IOException {
    Path data = Files.writeString(dir.resolve("u.csv"), "score,jurisdiction,tier,amount\n"
        + "0.99,EU,premium,10\n1.2,EU,premium,10\n");
    CliRun r = run("decide", data.toString(), "--policy", EXAMPLE);
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains(data + ", row 2, column 'score': 1.2 is outside the model's score "
        + "range [0.0, 1.0]; the decision service refuses it too").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void decideRefusesAnInvalidPolicyListingItsErrors() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(Path.of(EXAMPLE))
        .replace("minScore: 0.62", "minScore: 0.99"));
    CliRun r = run("decide", LOANS, "--policy", bad.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("is not a valid policy:").contains("/segments/0/bands/2/minScore");
  }
}

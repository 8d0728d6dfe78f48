package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Validation;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.Selection;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --sketch}, {@code --merge}, {@code --save-sketch} and {@code choose --sketch}. */
class SketchCommandTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv");
  private static List<String> lines;
  private static Curve exact;

  @TempDir Path dir;

  @BeforeAll
  static void readExampleDirectly() throws IOException {
    lines = Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8);
    exact = ExampleCurve.of(lines);
  }

  private static JsonNode json(CliRun r) throws IOException {
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  private static void assertContains(JsonNode interval, double value) {
    assertThat(value).isBetween(interval.get(0).asDouble(), interval.get(1).asDouble());
  }

  @Test
  void sketchReportStatesABoundHoldingTheExactApAucAndBestF1() throws IOException {
    JsonNode j = json(run("evaluate", EXAMPLE.toString(), "--sketch", "--bins", "200",
        "--format", "json"));
    assertThat(j.get("rows").get("used").asLong()).isEqualTo(9857);
    assertThat(j.get("sketch").get("bins").asInt()).isEqualTo(200);
    assertContains(j.get("averagePrecision").get("exact"), exact.averagePrecision());
    assertContains(j.get("rocAuc").get("exact"), exact.rocAuc());
    double bestF1 = ((Selection.Feasible) Objective.fBeta(1).select(exact)).objectiveValue();
    assertThat(j.get("bestF1").get("exactBound").get("kind").asText()).isEqualTo("feasible");
    assertContains(j.get("bestF1").get("exactBound").get("value"), bestF1);
    // Not exact: with 200 bins the interval has width, and the table says so beside the number.
    CliRun table = run("evaluate", EXAMPLE.toString(), "--sketch", "--bins", "200");
    assertThat(table.out()).contains("sketch of 200 linear bins over [0.0, 1.0)")
        .containsPattern("average precision  0\\.\\d{4} at the edges; exact AP in \\[0\\.\\d{4}, "
            + "0\\.\\d{4}\\]")
        .contains("exact optimum: F1 in [");
  }

  @Test
  void everyObjectiveOnTheSketchReportsAnEdgeWithExactCountsAndABoundHoldingTheExactOptimum()
      throws IOException {
    List<String> objectives = List.of("recall@precision>=0.2", "recall@precision>=0.9",
        "precision@recall>=0.5", "budget:flags<=100", "cost:fn=10,fp=1", "f1",
        "recall@precision>=0.25;prevalence=0.1");
    String[] args = {"choose", EXAMPLE.toString(), "--sketch", "--bins", "50", "--format", "json"};
    for (String o : objectives) {
      args = Arrays.copyOf(args, args.length + 2);
      args[args.length - 2] = "-O";
      args[args.length - 1] = o;
    }
    JsonNode j = json(run(args));
    for (int i = 0; i < objectives.size(); i++) {
      JsonNode node = j.get("objectives").get(i);
      Selection truth = ObjectiveParser.parse(objectives.get(i)).select(exact);
      String kind = node.get("exactBound").get("kind").asText();
      if (node.get("feasible").asBoolean() && !objectives.get(i).contains("prevalence")) {
        double t = node.get("threshold").asDouble();
        assertThat(node.get("tp").asDouble()).as(objectives.get(i))
            .isEqualTo(exact.at(t).confusion().truePositives());
        assertThat(node.get("fp").asDouble()).as(objectives.get(i))
            .isEqualTo(exact.at(t).confusion().falsePositives());
      }
      if (kind.equals("infeasible")) {
        assertThat(truth).as(objectives.get(i)).isInstanceOf(Selection.Infeasible.class);
      } else if (truth instanceof Selection.Feasible f) {
        assertContains(node.get("exactBound").get("value"), f.objectiveValue());
      } else {
        assertThat(kind).as(objectives.get(i)).isEqualTo("maybeFeasible");
      }
    }
    assertThat(j.get("objectives").get(1).get("exactBound").get("statement").asText())
        .contains("infeasible too (proven)");
  }

  @Test
  void aBudgetOnRowsWithoutPositivesSaysItsRecallWouldBeUndefined() throws IOException {
    Path negatives = write("negatives.csv", "score,label\n0.9,0\n0.7,0\n0.6,0\n0.2,0\n");
    CliRun text = run("choose", negatives.toString(), "--sketch", "--bins", "2", "--range", "0:1",
        "-O", "budget:flags<=1");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("the exact engine may be feasible, with its recall undefined")
        .doesNotContain("recall <= 0");
    JsonNode j = json(run("choose", negatives.toString(), "--sketch", "--bins", "2", "--range", "0:1",
        "-O", "budget:flags<=1", "--format", "json"));
    JsonNode bound = j.get("objectives").get(0).get("exactBound");
    assertThat(bound.get("kind").asText()).isEqualTo("maybeFeasible");
    assertThat(bound.get("value").get(0).isNull()).as(bound.toString()).isTrue();
    assertThat(bound.get("value").get(1).isNull()).as(bound.toString()).isTrue();
  }

  @Test
  void mergingSavedSketchesOfTwoHalvesGivesTheSketchOfTheWholeFile() throws IOException {
    Path a = dir.resolve("a.spsk");
    Path b = dir.resolve("b.spsk");
    sketchHalves(a, b);
    Path whole = dir.resolve("whole.spsk");
    Path merged = dir.resolve("merged.spsk");
    CliRun all = run("evaluate", EXAMPLE.toString(), "--sketch", "--save-sketch", whole.toString(),
        "-O", "recall@precision>=0.2", "--at", "0.3");
    CliRun m = run("evaluate", "--merge", a.toString(), b.toString(), "--save-sketch",
        merged.toString(), "-O", "recall@precision>=0.2", "--at", "0.3");
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(m.err()).contains("wrote the sketch (10000 linear bins over [0.0, 1.0), 9,857 rows)");
    assertThat(Files.readAllBytes(merged)).isEqualTo(Files.readAllBytes(whole));
    assertThat(m.out()).contains("merge of 2 sketches").contains("merged             " + a);
    // Everything after the header is the same report.
    assertThat(m.out().substring(m.out().indexOf("  positives")))
        .isEqualTo(all.out().substring(all.out().indexOf("  positives")));
    CliRun choose = run("choose", "--merge", a.toString(), b.toString(), "-O", "f1");
    assertThat(choose.code()).as(choose.err()).isZero();
    assertThat(choose.out()).contains("objective f1").contains("exact optimum: F1 in [");
  }

  @Test
  void aSavedSketchHasTheSameSizeWhateverTheNumberOfRows() throws IOException {
    Path small = write("small.csv", "score,label\n0.2,0\n0.7,1\n");
    Path smallSketch = dir.resolve("small.spsk");
    Path bigSketch = dir.resolve("big.spsk");
    assertThat(run("evaluate", small.toString(), "--sketch", "--bins", "500", "--save-sketch",
        smallSketch.toString()).code()).isZero();
    assertThat(run("evaluate", EXAMPLE.toString(), "--sketch", "--bins", "500", "--save-sketch",
        bigSketch.toString()).code()).isZero();
    assertThat(Files.size(bigSketch)).isEqualTo(Files.size(smallSketch))
        .isEqualTo(8 + 1 + 8 + 8 + 4 + 8 + 4 * 8 + 16 * 500);
  }

  @Test
  void scoresOutsideTheRangeAreCountedApartAndSaidSo() throws IOException {
    Path file = write("wide.csv", "score,label\n-2,0\n-1,1\n0.25,0\n0.5,1\n0.75,1\n3,1\n");
    CliRun r = run("evaluate", file.toString(), "--sketch", "--bins", "4", "--at", "-1,0.5,0.6");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("below the range    2 (scores from -2.0, below 0.0: counted as one "
        + "more bin)").contains("above the range    scores up to 3.0, at or above 1.0: in the last "
        + "bin, which starts at 0.75")
        .containsPattern("-1\\.0 +4 to 6 +3 to 4 +1 to 2 +\\[0\\.6000, 0\\.8000\\]")   // inside the cell below the range: a range
        .containsPattern("0\\.5 \\(exact\\) +3 ") // an edge: exact
        .containsPattern("0\\.6 +2 to 3 ");
    ScoreSketch s = new ScoreSketch(Binning.linear(0, 1, 4));
    for (double[] row : new double[][] {{-2, 0}, {-1, 1}, {0.25, 0}, {0.5, 1}, {0.75, 1}, {3, 1}}) {
      s.add(row[0], row[1] == 1);
    }
    assertThat(s.belowRange()).isEqualTo(2);
  }

  @Test
  void savedSketchesThatCannotBeMergedAreDataErrorsNamingTheFile() throws IOException {
    Path a = dir.resolve("a.spsk");
    Path coarse = dir.resolve("coarse.spsk");
    assertThat(run("evaluate", EXAMPLE.toString(), "--sketch", "--save-sketch", a.toString())
        .code()).isZero();
    assertThat(run("evaluate", EXAMPLE.toString(), "--sketch", "--bins", "100", "--save-sketch",
        coarse.toString()).code()).isZero();
    Path junk = write("junk.spsk", "hello");
    Path truncated = dir.resolve("cut.spsk");
    Files.write(truncated, Arrays.copyOf(Files.readAllBytes(a), 40));

    CliRun differ = run("evaluate", "--merge", a.toString(), coarse.toString());
    assertThat(differ.code()).isEqualTo(3);
    assertThat(differ.err()).contains(coarse + ": its binning (100 linear bins over [0.0, 1.0)) "
        + "differs from that of " + a + " (10000 linear bins over [0.0, 1.0))");
    CliRun notSketch = run("choose", "--merge", a.toString(), junk.toString(), "-O", "f1");
    assertThat(notSketch.code()).isEqualTo(3);
    assertThat(notSketch.err()).contains(junk + ": is not a saved sketch (made by "
        + "--save-sketch): it is text; a score file is read without --merge").doesNotContain("0x");
    CliRun cut = run("evaluate", "--merge", truncated.toString());
    assertThat(cut.code()).isEqualTo(3);
    assertThat(cut.err()).contains(truncated + ": score sketch is truncated (40 bytes)");
    CliRun missing = run("evaluate", "--merge", a.toString(), dir.resolve("nope.spsk").toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("nope.spsk: no such file");
  }

  @Test
  void badSketchOptionsAreUsageErrorsNamingTheValue() {
    String file = EXAMPLE.toString();
    assertUsage(run("evaluate", file, "--sketch", "--bins", "0"),
        "setpoint: error: --bins: bins must be 1 to 16777216, was 0");
    assertUsage(run("evaluate", file, "--sketch", "--range", "0..1"),
        "setpoint: error: --range: '0..1' is not LO:HI");
    assertUsage(run("evaluate", file, "--sketch", "--range", "1:0"), "was [1.0, 0.0]");
    assertUsage(run("evaluate", file, "--sketch", "--logit", "--range", "0:1"),
        "logit spacing needs 0 < low < high < 1, was [0.0, 1.0]");
    assertUsage(run("evaluate", file, "--bins", "10"), "--bins applies to --sketch");
    assertUsage(run("evaluate", file, "--sketch", "--merge"), "give one of them");
    assertUsage(run("evaluate", "--merge", file, "--score", "p"), "--score does not apply to --merge");
    assertUsage(run("evaluate", file, "--sketch", "--segment", "grade"),
        "--segment is not available with --sketch");
    assertUsage(run("evaluate", file, file), "setpoint: error: unexpected argument '" + file + "'");
    assertUsage(run("choose", file, "--sketch", "-O", "threshold=0.5"), "chooses nothing");
    assertUsage(run("evaluate", file, "--sketch", "-O", "threshold=0.5;prevalence=0.1"),
        "chooses nothing; use --at 0.5");
    assertUsage(run("choose", file, "--sketch", "-O", "f1", "-O", "fbeta=2", "-o", "p.yaml"),
        "-o writes one policy, so it needs exactly one of --objective");
    assertUsage(run("choose", file, "--sketch", "-O", "f1", "--policy-name", "p"),
        "describe the policy written with -o POLICY.yaml");
    assertUsage(run("choose", file, "--sketch", "-O", "f1", "-o", "p.txt"),
        "-o writes a policy document and needs a");
  }

  @Test
  void aPolicyFromASketchFlagsAtTheChosenBinEdgeAndExpectsTheRowsOwnCountsThere()
      throws Exception {
    Path policyFile = dir.resolve("budget.yaml");
    CliRun r = run("choose", EXAMPLE.toString(), "--sketch", "--bins", "1000", "-O",
        "budget:flags<=300", "-o", policyFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("policy 'budget' written to " + policyFile);
    Policy policy = ((Validation.Valid) PolicyDocuments.read(policyFile)).policy();
    double threshold = policy.segments().get(0).bands().get(0).minScore().orElseThrow();
    // The threshold is a bin edge of 1,000 linear bins over [0, 1) ...
    assertThat(threshold * 1000).isCloseTo(Math.rint(threshold * 1000), within(1e-9));
    // ... where the sketch is exact: the expected counts are the rows' own at score >= threshold.
    Confusion rows = exact.at(threshold).confusion();
    Provenance provenance = policy.segments().get(0).provenance().orElseThrow();
    Provenance.BandExpectation review = provenance.expected().orElseThrow().bands().get(0);
    assertThat(review.rows()).isEqualTo(rows.flagged()).isLessThanOrEqualTo(300);
    assertThat(review.positives()).isEqualTo(rows.truePositives());
    Provenance.DataFingerprint data = provenance.data().orElseThrow();
    assertThat(data.sha256()).isEqualTo(sha256(Files.readAllBytes(EXAMPLE)));
    assertThat(data.n()).isEqualTo(9857);
    // The score range is the rows' lowest and highest score, not the bin edges.
    assertThat(data.minScore()).hasValue(exact.threshold(exact.size() - 1));
    assertThat(data.maxScore()).hasValue(exact.threshold(0));
    assertThat(provenance.note().orElseThrow()).isEqualTo("chosen on all rows; summarised by a "
        + "score sketch (1000 linear bins over [0.0, 1.0)): the threshold is a bin edge, where the "
        + "counts are exact; " + r.out().lines().filter(l -> l.contains("exact optimum: "))
            .findFirst().orElseThrow().strip());
  }

  @Test
  void aPolicyFromMergedSketchesEqualsTheOneFromTheWholeFileAndFingerprintsTheMerge()
      throws Exception {
    Path a = dir.resolve("a.spsk");
    Path b = dir.resolve("b.spsk");
    sketchHalves(a, b);
    Path merged = dir.resolve("merged.spsk");
    Path fromMerge = dir.resolve("merge.yaml");
    CliRun m = run("choose", "--merge", a.toString(), b.toString(), "--save-sketch",
        merged.toString(), "-O", "recall@precision>=0.2", "-o", fromMerge.toString());
    assertThat(m.code()).as(m.err()).isZero();
    Path fromFile = dir.resolve("file.yaml");
    assertThat(run("choose", EXAMPLE.toString(), "--sketch", "-O", "recall@precision>=0.2", "-o",
        fromFile.toString()).code()).isZero();

    Policy policy = ((Validation.Valid) PolicyDocuments.read(fromMerge)).policy();
    Policy whole = ((Validation.Valid) PolicyDocuments.read(fromFile)).policy();
    assertThat(policy.segments().get(0).bands()).isEqualTo(whole.segments().get(0).bands());
    Provenance.DataFingerprint data = policy.segments().get(0).provenance().orElseThrow().data()
        .orElseThrow();
    assertThat(data.source()).contains("merge of 2 sketches");
    assertThat(data.sha256()).isEqualTo(sha256(Files.readAllBytes(merged)));
    assertThat(data.n()).isEqualTo(9857);
    assertThat(policy.segments().get(0).provenance().orElseThrow().expected())
        .isEqualTo(whole.segments().get(0).provenance().orElseThrow().expected());
  }

  @Test
  void noPolicyIsWrittenWhenNoBinEdgeMeetsTheObjective() {
    Path policyFile = dir.resolve("never.yaml");
    CliRun r = run("choose", EXAMPLE.toString(), "--sketch", "-O", "recall@precision>=0.99", "-o",
        policyFile.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("cannot write a policy: recall@precision>=0.99 is infeasible on "
        + "all rows");
    assertThat(Files.exists(policyFile)).isFalse();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(bytes));
  }

  private static void assertUsage(CliRun r, String message) {
    assertThat(r.code()).as(r.out()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void aBadRowWhileSketchingNamesFileLineColumnAndValue() throws IOException {
    Path file = write("bad.csv", "score,label\n0.5,1\nabc,0\n");
    CliRun r = run("evaluate", file.toString(), "--sketch");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains(file + ", line 3, column 'score': 'abc' is not a number");
  }

  @Test
  void helpDescribesTheSketchOptionsAndTheirDefaults() {
    CliRun r = run("evaluate", "--help");
    assertThat(r.out()).contains("--sketch").contains("--merge").contains("--save-sketch")
        .contains("default: 10000").contains("--logit").contains("--range=LO:HI")
        .contains("Scores below the").contains("--merge day-1.spsk day-2.spsk");
    assertThat(run("choose", "--help").out()).contains("--sketch").contains("--merge");
  }

  /** Sketches the example's first 5,000 rows into {@code a} and the rest into {@code b}. */
  private void sketchHalves(Path a, Path b) throws IOException {
    Path first = write("a.csv", String.join("\n", lines.subList(0, 5001)) + "\n");
    Path second = write("b.csv", lines.get(0) + "\n"
        + String.join("\n", lines.subList(5001, lines.size())) + "\n");
    assertThat(run("evaluate", first.toString(), "--sketch", "--save-sketch", a.toString()).code())
        .isZero();
    assertThat(run("evaluate", second.toString(), "--sketch", "--save-sketch", b.toString()).code())
        .isZero();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}

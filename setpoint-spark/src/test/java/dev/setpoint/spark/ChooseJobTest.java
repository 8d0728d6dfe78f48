package dev.setpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.Validation;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.spark.ScoredRows.Weights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit job: options, output, the policy file, exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChooseJobTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T23:50:12.345Z"),
      ZoneOffset.UTC);

  private SparkSession spark;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  void startSpark() {
    spark = LocalSpark.start("ChooseJobTest");
  }

  @AfterAll
  void stopSpark() {
    spark.stop();
  }

  private int run(String... args) throws Exception {
    out.reset();
    err.reset();
    return ChooseJob.run(spark, args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
  }

  @Test
  void writesAValidPolicyWithTheThresholdsChooseFindsPerSegment(@TempDir Path dir) throws Exception {
    ScoredRows rows = ScoredRows.random(new SplittableRandom(21), 3_000, Weights.ONE);
    Path data = dir.resolve("scores.parquet");
    rows.frame(spark).write().parquet(data.toString());
    Path policyFile = dir.resolve("fraud.yaml");
    int code = run("--input", data.toString(), "--objective", "recall@precision>=0.7",
        "--segment", "country", "--min-positives", "60", "--partitions", "3", "-o",
        policyFile.toString(), "--model-name", "gbm", "--model-version", "7", "--queue", "analysts",
        "--created-by", "ana");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("3,000 rows", "(default: all rows)",
        "DE", "fell back: MT: only");

    Validation read = PolicyDocuments.read(policyFile);
    assertThat(read).isInstanceOf(Validation.Valid.class);
    Policy policy = ((Validation.Valid) read).policy();
    assertThat(policy.name()).isEqualTo("fraud");
    assertThat(policy.model().orElseThrow().version()).isEqualTo("7");
    Provenance provenance = policy.segments().get(0).provenance().orElseThrow();
    assertThat(provenance.createdAt()).contains(Instant.parse("2026-12-07T23:50:12Z"));
    assertThat(provenance.tool().orElseThrow()).startsWith("setpoint-spark ");
    assertThat(provenance.createdBy()).contains("ana");
    List<SegmentedSelection.Choice> expected = new SegmentedSelection(
        ObjectiveParser.parse("recall@precision>=0.7"), 60, 0).choose(rows.segmented().buildOverall(),
        countryCurves(rows), 1);
    for (SegmentedSelection.Choice c : expected) {
      String name = c.segment() == SegmentKey.NONE ? "default" : c.segment().label();
      Segment segment = policy.segments().stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow();
      Band flagged = segment.bands().get(0);
      assertThat(flagged.action()).isEqualTo("review");
      assertThat(flagged.queue()).contains("analysts");
      assertThat(flagged.minScore().getAsDouble()).as(name)
          .isEqualTo(((Selection.Feasible) c.effective()).point().threshold());
    }
  }

  private static java.util.Map<SegmentKey, dev.setpoint.curve.Curve> countryCurves(ScoredRows rows) {
    dev.setpoint.curve.SegmentedCurves sink = new dev.setpoint.curve.SegmentedCurves(false);
    for (int i = 0; i < rows.scores().length; i++) {
      sink.accept(rows.scores()[i], rows.labels()[i], rows.weights()[i],
          new SegmentKey(List.of(rows.country()[i])));
    }
    return sink.buildSegments();
  }

  @Test
  void aBadOptionIsAOneLineUsageErrorNamingTheValueAsTheSetpointCommandGivesIt() throws Exception {
    assertThat(run("--input", "x", "--objectve", "f1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ChooseJob: error: unknown option "
        + "'--objectve' (did you mean '--objective'?)\nTry 'ChooseJob --help' for the options.\n");
    assertThat(usageError("--input", "x")).isEqualTo("missing --objective OBJECTIVE (it is required)");
    assertThat(usageError("--input", "x", "--table", "t", "-O", "f1"))
        .isEqualTo("give exactly one of --input PATH and --table NAME (got both)");
    assertThat(usageError("--input", "x", "--objective", "recall@precision>=2"))
        .startsWith("--objective 'recall@precision>=2': ").contains("was 2");
    assertThat(usageError("--input", "x", "-O", "f1", "--min-positives", "lots"))
        .isEqualTo("--min-positives: 'lots' is not a number (e.g. 30)");
    assertThat(usageError("--input", "x", "-O", "f1", "--min-flags", "-1"))
        .isEqualTo("--min-flags must be >= 0, was -1.0");
    assertThat(usageError("--input", "x", "-O", "f1", "--partitions", "0"))
        .isEqualTo("--partitions must be >= 1, was 0");
    assertThat(usageError("--input", "x", "--objective", "f1", "-o", "policy.txt")).isEqualTo(
        "-o writes a policy document and needs a .yaml, .yml or .json file name, was 'policy.txt'");
    assertThat(usageError("--input", "x", "-O", "f1", "-o", "f1")).isEqualTo("-o writes a policy "
        + "document and needs a .yaml, .yml or .json file name, was 'f1'; 'f1' is an objective: give "
        + "it with --objective (or -O)");
    assertThat(usageError("--input", "x", "-O", "f1", "-o", "p.yaml", "--model-version", "7"))
        .isEqualTo("--model-version needs --model-name");
    assertThat(usageError("--input", "x", "-O", "f1", "--model-name", "gbm"))
        .isEqualTo("--policy-name, --model-name, --model-version, --score-range, --queue and "
            + "--created-by describe the policy written with -o POLICY.yaml");
    assertThat(usageError("--input", "x", "-O", "f1", "-o", "p.yaml", "--action", " "))
        .isEqualTo("an action must be non-blank text, was ' '");
  }

  @Test
  void helpListsTheOptionsAndExitsZero() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: ChooseJob", "--objective",
        "--min-positives", "default: 30", "Objectives: ");
  }

  /** The one line of a usage error (exit 2), without the "ChooseJob: error: " before it. */
  private String usageError(String... args) throws Exception {
    assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
    String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("ChooseJob: error: ");
    return lines[0].substring("ChooseJob: error: ".length());
  }

  @Test
  void invalidValuesAreADataErrorNamingTheColumn(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("bad.csv");
    java.nio.file.Files.writeString(data, "score,label\n0.5,1\n0.2,maybe\n0.1,0\n");
    assertThat(run("--input", data.toString(), "--format", "csv", "--objective", "f1")).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("label column 'label' must be 0, 1, true or false, but 1 row is not, e.g. maybe");
  }
}

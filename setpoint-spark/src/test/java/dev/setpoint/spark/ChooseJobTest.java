package dev.setpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
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
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesAValidPolicyWithTheThresholdsChooseFindsPerSegment(@TempDir Path dir) throws Exception {
    ScoredRows rows = ScoredRows.random(new SplittableRandom(21), 3_000, Weights.ONE);
    Path data = dir.resolve("scores.parquet");
    rows.frame(spark).write().parquet(data.toString());
    Path policyFile = dir.resolve("fraud.yaml");
    int code = run("--input", data.toString(), "--objective", "recall@precision>=0.7",
        "--segment", "country", "--min-positives", "60", "--partitions", "3", "-o",
        policyFile.toString(), "--model-name", "gbm", "--model-version", "7");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("3,000 rows", "(default: all rows)",
        "DE", "fell back: MT: only");

    Validation read = PolicyDocuments.read(policyFile);
    assertThat(read).isInstanceOf(Validation.Valid.class);
    Policy policy = ((Validation.Valid) read).policy();
    assertThat(policy.name()).isEqualTo("fraud");
    List<SegmentedSelection.Choice> expected = new SegmentedSelection(
        ObjectiveParser.parse("recall@precision>=0.7"), 60, 0).choose(rows.segmented().buildOverall(),
        countryCurves(rows), 1);
    for (SegmentedSelection.Choice c : expected) {
      String name = c.segment() == SegmentKey.NONE ? "default" : c.segment().label();
      Segment segment = policy.segments().stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow();
      Band flagged = segment.bands().get(0);
      assertThat(flagged.action()).isEqualTo("review");
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
  void unknownOptionsAndMissingObjectiveAreUsageErrors() throws Exception {
    assertThat(run("--input", "x", "--objectve", "f1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--objectve'", "usage:");
    assertThat(run("--input", "x")).isEqualTo(2);
    assertThat(run("--input", "x", "--objective", "recall@precision>=2")).isEqualTo(2);
    assertThat(run("--input", "x", "--objective", "f1", "-o", "policy.txt")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(".yaml, .yml or .json");
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

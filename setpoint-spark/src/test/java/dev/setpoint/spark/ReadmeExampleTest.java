package dev.setpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Curve;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import dev.setpoint.spark.ScoredRows.Weights;
import dev.setpoint.stats.IntervalMethod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "From Java" snippet (section "Spark: setpoint-spark"): the same calls in the same
 * order, on a local frame instead of a lake path and with values that fit it (a linear binning, a
 * precision target the data reaches). If the API the README shows changes, this stops compiling.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeExampleTest {

  private SparkSession session;

  @BeforeAll
  void startSpark() {
    session = LocalSpark.start("ReadmeExampleTest");
  }

  @AfterAll
  void stopSpark() {
    session.stop();
  }

  @Test
  void theReadmeSnippetRunsAndWritesAValidPolicy(@TempDir Path dir) throws Exception {
    Dataset<Row> scores = ScoredRows.random(new SplittableRandom(31), 2_000, Weights.INTEGER)
        .frame(session).withColumnRenamed("label", "is_fraud")
        .withColumn("tier", org.apache.spark.sql.functions.coalesce(
            org.apache.spark.sql.functions.col("tier"), org.apache.spark.sql.functions.lit("basic")));
    ChosenPolicy.Settings settings = new ChosenPolicy.Settings("card-fraud", Optional.empty(),
        Optional.empty(), "review", Optional.empty(), IntervalMethod.CLOPPER_PEARSON, 0.95, "readme",
        Instant.parse("2026-11-23T00:00:00Z"), "setpoint-spark test");
    Path policyFile = dir.resolve("card-fraud.yaml");

    // --- the README snippet ---
    SparkCurves spark = SparkCurves.create();   // or SparkCurves.withPartitions(64)

    Curve curve = spark.curve(scores, "score", "is_fraud", "weight");    // exact, = CurveBuilder's
    double ap = curve.averagePrecision();
    ScoreSketch sketch = spark.sketch(scores, ScoredColumns.of("score", "is_fraud"),
        Binning.linear(-0.5, 1.5, 10_000));                              // fixed memory, merged

    SparkChoice choice = spark.choose(scores,
        ScoredColumns.of("score", "is_fraud").withSegments("country", "tier"),
        new SegmentedSelection(ObjectiveParser.parse("recall@precision>=0.7"), 50, 0));
    choice.choices().forEach(c -> System.out.println(c.segment() + " " + c.effective()));
    PolicyDocuments.write(choice.policy(settings, "memory:readme"), policyFile);
    // --- end ---

    assertThat(ap).isBetween(0.0, 1.0);
    assertThat(sketch.rows()).isPositive();
    assertThat(PolicyDocuments.read(policyFile)).isInstanceOf(Validation.Valid.class);
  }
}

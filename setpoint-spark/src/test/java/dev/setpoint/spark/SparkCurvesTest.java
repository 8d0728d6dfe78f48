package dev.setpoint.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.SegmentedCurves;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import dev.setpoint.spark.ScoredRows.Weights;
import dev.setpoint.stats.IntervalMethod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Spark engine against the in-memory one on seeded random data: bit-for-bit curves over partition
 * counts, weights and row orders; sketches; choices per segment; policies; input errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkCurvesTest {

  private static final int[] PARTITIONS = {1, 2, 3, 7};
  private static final ScoredColumns WEIGHTED = ScoredColumns.of("score", "label").withWeight("weight");

  private SparkSession spark;

  @BeforeAll
  void startSpark() {
    spark = LocalSpark.start("SparkCurvesTest");
  }

  @AfterAll
  void stopSpark() {
    spark.stop();
  }

  @Test
  void weightedCurveEqualsCurveBuilderBitForBitOverPartitionCounts() {
    SplittableRandom random = new SplittableRandom(1);
    for (int c = 0; c < 3; c++) {
      ScoredRows rows = ScoredRows.random(random, 1_500 + random.nextInt(1_500), Weights.FRACTIONAL);
      Curve expected = rows.curve();
      assertThat(expected.isWeighted()).isTrue();
      Dataset<Row> df = rows.frame(spark).cache();
      for (int p : PARTITIONS) {
        assertBitForBit("case " + c + ", " + p + " partitions", expected,
            SparkCurves.withPartitions(p).curve(df, "score", "label", "weight"));
      }
      df.unpersist();
    }
  }

  @Test
  void unweightedAndIntegerWeightedCurvesEqualCurveBuilderBitForBit() {
    SplittableRandom random = new SplittableRandom(2);
    for (Weights kind : List.of(Weights.ONE, Weights.ZERO_OR_ONE, Weights.INTEGER)) {
      ScoredRows rows = ScoredRows.random(random, 2_000, kind);
      Dataset<Row> df = rows.frame(spark).cache();
      for (int p : new int[] {1, 3}) {
        assertBitForBit(kind + ", " + p + " partitions", rows.curve(),
            SparkCurves.withPartitions(p).curve(df, WEIGHTED));
      }
      if (kind == Weights.ONE) {
        assertBitForBit("no weight column", rows.curve(),
            SparkCurves.withPartitions(2).curve(df, "score", "label"));
      }
      df.unpersist();
    }
  }

  @Test
  void adaptiveExecutionChangesNothing() {
    // Spark's default: AQE may coalesce the range partitions between the two weighted passes' reads.
    ScoredRows rows = ScoredRows.random(new SplittableRandom(10), 3_000, Weights.FRACTIONAL);
    spark.conf().set("spark.sql.adaptive.enabled", "true");
    try {
      assertBitForBit("AQE, default partitions", rows.curve(),
          SparkCurves.create().curve(rows.frame(spark), WEIGHTED));
      assertBitForBit("AQE, 7 partitions", rows.curve(),
          SparkCurves.withPartitions(7).curve(rows.frame(spark), WEIGHTED));
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", "false");
    }
  }

  @Test
  void shufflingRowsChangesNothing() {
    SplittableRandom random = new SplittableRandom(3);
    ScoredRows rows = ScoredRows.random(random, 3_000, Weights.FRACTIONAL);
    ScoredRows shuffled = rows.shuffled(random);
    Curve original = SparkCurves.withPartitions(3).curve(rows.frame(spark), WEIGHTED);
    assertBitForBit("shuffled rows, other partitions", original,
        SparkCurves.withPartitions(5).curve(shuffled.frame(spark), WEIGHTED));
    assertBitForBit("shuffled rows in memory", original, shuffled.curve());
  }

  @Test
  void segmentCurvesEqualTheInMemoryOnesBitForBit() {
    ScoredRows rows = ScoredRows.random(new SplittableRandom(4), 3_000, Weights.FRACTIONAL);
    ScoredCurves spark = SparkCurves.withPartitions(3).curves(rows.frame(this.spark),
        WEIGHTED.withSegments("country", "tier"));
    SegmentedCurves memory = rows.segmented();
    Map<SegmentKey, Curve> expected = memory.buildSegments();
    // Rows per key whatever their weights (ChosenPolicy.Data#segmentRows), weight-0 rows included.
    Map<SegmentKey, Long> expectedRows = new java.util.HashMap<>();
    for (int i = 0; i < rows.scores().length; i++) {
      String tier = rows.tier()[i] == null ? "" : rows.tier()[i];
      expectedRows.merge(new SegmentKey(List.of(rows.country()[i])), 1L, Long::sum);
      expectedRows.merge(new SegmentKey(List.of(rows.country()[i], tier)), 1L, Long::sum);
    }
    assertBitForBit("overall", memory.buildOverall(), spark.overall());
    assertThat(spark.rows()).isEqualTo(rows.scores().length);
    assertThat(spark.segments().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, curve) -> assertBitForBit(key.label(), curve, spark.segments().get(key)));
    assertThat(spark.segmentRows()).containsExactlyInAnyOrderEntriesOf(expectedRows);
    assertThat(spark.segments()).containsKey(new SegmentKey(List.of("DE", ""))); // null tier
  }

  @Test
  void sketchFromSparkEqualsTheSketchBuiltInMemory() {
    Binning binning = Binning.linear(-0.5, 1.5, 64);
    for (Weights kind : List.of(Weights.ONE, Weights.INTEGER)) {
      ScoredRows rows = ScoredRows.random(new SplittableRandom(5), 4_000, kind);
      Dataset<Row> df = rows.frame(spark).repartition(5);
      ScoreSketch fromSpark = SparkCurves.create().sketch(df, WEIGHTED, binning);
      assertThat(fromSpark).as(kind.toString()).isEqualTo(rows.sketch(binning));
      assertThat(fromSpark.rows()).isPositive();
    }
  }

  @Test
  void fractionalWeightSketchAgreesWithinRoundingOfItsBinSums() {
    Binning binning = Binning.linear(-0.5, 1.5, 64);
    ScoredRows rows = ScoredRows.random(new SplittableRandom(6), 4_000, Weights.FRACTIONAL);
    ScoreSketch fromSpark = SparkCurves.create().sketch(rows.frame(spark).repartition(4), WEIGHTED,
        binning);
    ScoreSketch memory = rows.sketch(binning);
    Curve a = fromSpark.curve();
    Curve b = memory.curve();
    assertThat(a.size()).isEqualTo(b.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.threshold(i)).isEqualTo(b.threshold(i));
      assertThat(a.truePositives(i)).isCloseTo(b.truePositives(i),
          org.assertj.core.data.Percentage.withPercentage(1e-10));
    }
  }

  @Test
  void chooseEqualsTheCoreChoiceOverallAndPerSegment() {
    ScoredRows rows = ScoredRows.random(new SplittableRandom(7), 4_000, Weights.ZERO_OR_ONE);
    for (String objective : List.of("recall@precision>=0.8", "f1", "cost:fn=10,fp=1")) {
      SegmentedSelection selection = new SegmentedSelection(ObjectiveParser.parse(objective), 40, 0);
      SparkChoice choice = SparkCurves.withPartitions(3).choose(rows.frame(spark),
          WEIGHTED.withSegments("country", "tier"), selection);
      SegmentedCurves memory = rows.segmented();
      Curve overall = memory.buildOverall();
      List<SegmentedSelection.Choice> expected = selection.choose(overall, memory.buildSegments(), 2);
      assertThat(choice.choices()).as(objective).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(choice.choices().get(0).segment()).isEqualTo(SegmentKey.NONE);
      // Rare MT segments lack support and fall back; the test would be vacuous otherwise.
      assertThat(choice.choices()).anySatisfy(c -> assertThat(c.reason()).isPresent());
      assertThat(choice.choices()).anySatisfy(c -> assertThat(c.reason()).isEmpty());
    }
  }

  @Test
  void choosePolicyIsTheDocumentChooseWritesAndValidates() throws Exception {
    // Weight-0 rows: both sides record them in the segments' row counts (ChosenPolicy.Data).
    ScoredRows rows = ScoredRows.random(new SplittableRandom(8), 3_000, Weights.ZERO_OR_ONE);
    SegmentedSelection selection = new SegmentedSelection(
        ObjectiveParser.parse("recall@precision>=0.7"), 40, 0);
    SparkChoice choice = SparkCurves.withPartitions(2).choose(rows.frame(spark),
        WEIGHTED.withSegments("country"), selection);
    ChosenPolicy.Settings settings = new ChosenPolicy.Settings("spark-test", Optional.empty(),
        Optional.empty(), "review", Optional.empty(), IntervalMethod.CLOPPER_PEARSON, 0.95, "test",
        Instant.parse("2026-11-23T00:00:00Z"), "setpoint test");
    Policy policy = choice.policy(settings, "memory:rows");
    assertThat(PolicyDocuments.validate(policy)).isInstanceOf(Validation.Valid.class);
    assertThat(policy.segments()).allSatisfy(s -> assertThat(s.provenance().orElseThrow().scores())
        .isPresent());
    // The same document ChosenPolicy writes from the in-memory curves (as `setpoint choose -o`),
    // given the same data description and the segments in the same order.
    SegmentedCurves memory = new SegmentedCurves(false);
    for (int i = 0; i < rows.scores().length; i++) {
      memory.accept(rows.scores()[i], rows.labels()[i], rows.weights()[i], new SegmentKey(List.of(
          rows.country()[i])));
    }
    Curve overall = memory.buildOverall();
    Map<SegmentKey, Long> memoryRows = memory.rows();
    Map<SegmentKey, Curve> sorted = new java.util.LinkedHashMap<>();
    Map<SegmentKey, Curve> built = memory.buildSegments();
    choice.curves().segments().keySet().forEach(k -> sorted.put(k, built.get(k)));
    Policy expected = new ChosenPolicy(settings, new ChosenPolicy.Data("memory:rows",
        choice.curves().fingerprint(), rows.scores().length, overall, List.of("country"), sorted,
        memoryRows)).single("recall@precision>=0.7", selection.choose(overall, sorted, 1));
    assertThat(PolicyDocuments.write(policy, PolicyDocuments.Format.YAML))
        .isEqualTo(PolicyDocuments.write(expected, PolicyDocuments.Format.YAML));
  }

  @Test
  void fingerprintDependsOnTheDataNotOnRowOrder() {
    ScoredRows rows = ScoredRows.random(new SplittableRandom(9), 1_000, Weights.FRACTIONAL);
    ScoredColumns columns = WEIGHTED.withSegments("country");
    String a = SparkCurves.withPartitions(2).curves(rows.frame(spark), columns).fingerprint();
    String b = SparkCurves.withPartitions(3).curves(rows.shuffled(new SplittableRandom(1))
        .frame(spark), columns).fingerprint();
    rows.weights()[0] += 0.5;
    String c = SparkCurves.withPartitions(2).curves(rows.frame(spark), columns).fingerprint();
    assertThat(a).matches("[0-9a-f]{64}").isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void badScoresLabelsAndWeightsAreNamedWithTheirCountAndAValue() {
    StructType schema = new StructType().add("score", DataTypes.DoubleType)
        .add("label", DataTypes.StringType).add("weight", DataTypes.DoubleType);
    Dataset<Row> df = spark.createDataFrame(List.of(
        RowFactory.create(0.5, "1", 1.0),
        RowFactory.create(Double.NaN, "0", 1.0),
        RowFactory.create(null, "true", 1.0),
        RowFactory.create(0.2, "yes", 1.0),
        RowFactory.create(0.3, "FALSE", -2.0)), schema);
    assertThatThrownBy(() -> SparkCurves.create().curve(df, "score", "label", "weight"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 rows")
        .hasMessageContaining("score column 'score' must be a finite number, but 2 rows are not")
        .hasMessageContaining("label column 'label' must be 0, 1, true or false, but 1 row is not, "
            + "e.g. yes")
        .hasMessageContaining("weight column 'weight' must be a finite number >= 0, but 1 row is not, "
            + "e.g. -2.0");
    assertThatThrownBy(() -> SparkCurves.create().curve(df.filter("score = 0.5 or score is null"),
        "score", "label"))
        .hasMessageContaining("score column 'score' must be a finite number, but 1 row is not, "
            + "e.g. null");
    Dataset<Row> numeric = spark.createDataFrame(List.of(RowFactory.create(0.5, 2, Double.NaN)),
        new StructType().add("s", DataTypes.DoubleType).add("y", DataTypes.IntegerType)
            .add("w", DataTypes.DoubleType));
    assertThatThrownBy(() -> SparkCurves.create().curve(numeric, "s", "y", "w"))
        .hasMessageContaining("label column 'y' must be 0, 1, true or false, but 1 row is not, e.g. 2")
        .hasMessageContaining("weight column 'w' must be a finite number >= 0, but 1 row is not, "
            + "e.g. NaN");
    assertThatThrownBy(() -> SparkCurves.create().curve(numeric, "s", "nope"))
        .hasMessageContaining("no column 'nope'");
    assertThatThrownBy(() -> SparkCurves.create().curve(df, "label", "score"))
        .hasMessageContaining("score column 'label' must be numeric, was string");
  }

  @Test
  void aSegmentValueHoldingNulIsRefusedNamingItsColumn() {
    StructType schema = new StructType().add("score", DataTypes.DoubleType)
        .add("label", DataTypes.IntegerType).add("country", DataTypes.StringType);
    Dataset<Row> df = spark.createDataFrame(List.of(
        RowFactory.create(0.5, 1, "DE"),
        RowFactory.create(0.4, 0, "D\u0000E")), schema);
    assertThatThrownBy(() -> SparkCurves.create().curves(df,
        ScoredColumns.of("score", "label").withSegments("country")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment column 'country' must be text without the NUL character "
            + "(U+0000), but 1 row is not");
  }

  @Test
  void theExactSumPathCountsUnitWeightsAsTheCountingPathDoes() {
    // Beyond COUNTED_ROWS_LIMIT rows, unweighted data takes the exact-sum path (ints would overflow);
    // on unit weights it must count what the counting path counts.
    ScoredRows rows = ScoredRows.random(new SplittableRandom(9), 3_000, Weights.ONE);
    Dataset<Row> df = rows.frame(spark).select(org.apache.spark.sql.functions.lit("").as("k"),
        org.apache.spark.sql.functions.col("score").as("s"),
        org.apache.spark.sql.functions.col("label").equalTo(1).as("p"),
        org.apache.spark.sql.functions.col("weight").as("w"));
    Curve counted = ExactCurves.compute(df, false, 3).curves().get("");
    Curve summed = ExactCurves.compute(df, true, 3).curves().get("");
    assertThat(summed.isWeighted()).isTrue();
    assertThat(summed.size()).isEqualTo(counted.size());
    assertThat(summed.positives()).isEqualTo(counted.positives());
    assertThat(summed.negatives()).isEqualTo(counted.negatives());
    for (int i = 0; i < counted.size(); i++) {
      assertThat(summed.threshold(i)).isEqualTo(counted.threshold(i));
      assertThat(summed.truePositives(i)).isEqualTo(counted.truePositives(i));
      assertThat(summed.falsePositives(i)).isEqualTo(counted.falsePositives(i));
    }
    assertThat(summed.averagePrecision()).isCloseTo(counted.averagePrecision(), within(1e-12));
    assertThat(summed.rocAuc()).isCloseTo(counted.rocAuc(), within(1e-12));
  }

  @Test
  void infiniteScoresAreRefused() {
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(Double.NEGATIVE_INFINITY, true)),
        new StructType().add("s", DataTypes.DoubleType).add("y", DataTypes.BooleanType));
    assertThatThrownBy(() -> SparkCurves.create().curve(df, "s", "y"))
        .hasMessageContaining("score column 's' must be a finite number, but 1 row is not, e.g. "
            + "-Infinity");
  }

  /** Same points, same bits: thresholds, TP, FP, P, N, and so AP and AUC. */
  static void assertBitForBit(String what, Curve expected, Curve actual) {
    assertThat(actual.size()).as(what + ": points").isEqualTo(expected.size());
    assertThat(actual.isWeighted()).as(what + ": weighted").isEqualTo(expected.isWeighted());
    assertThat(bits(actual.positives())).as(what + ": P").isEqualTo(bits(expected.positives()));
    assertThat(bits(actual.negatives())).as(what + ": N").isEqualTo(bits(expected.negatives()));
    for (int i = 0; i < expected.size(); i++) {
      assertThat(bits(actual.threshold(i))).as(what + ": threshold " + i)
          .isEqualTo(bits(expected.threshold(i)));
      assertThat(bits(actual.truePositives(i))).as(what + ": TP " + i)
          .isEqualTo(bits(expected.truePositives(i)));
      assertThat(bits(actual.falsePositives(i))).as(what + ": FP " + i)
          .isEqualTo(bits(expected.falsePositives(i)));
    }
    if (expected.positives() > 0 && expected.negatives() > 0) {
      assertThat(bits(actual.averagePrecision())).as(what + ": AP")
          .isEqualTo(bits(expected.averagePrecision()));
      assertThat(bits(actual.rocAuc())).as(what + ": AUC").isEqualTo(bits(expected.rocAuc()));
    }
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

}

package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Curve;
import dev.setpoint.select.Bands;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reference histogram a policy's provenance records (docs/definitions.md#drift). */
class ScoreHistogramTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"),
      ZoneOffset.UTC);

  /** 1000 rows: scores 0.000…0.999, label by a seeded coin weighted by the score. */
  private static Curve curve() {
    double[] scores = new double[1000];
    boolean[] labels = new boolean[1000];
    Random random = new Random(5);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i / 1000.0;
      labels[i] = random.nextDouble() < scores[i];
    }
    return Curve.of(scores, labels);
  }

  @Test
  void edgesAreTheTwentyQuantilesAndTheThresholdsAndWeightsCountTheRowsBetween() {
    Provenance.ScoreHistogram h = ChosenPolicy.histogram(curve(),
        List.of(Band.above("block", 0.9125), Band.above("review", 0.5), Band.rest("allow"))).get();
    // 50 rows per 20-quantile: the q-th edge is the score with (20 - q) * 50 rows at or above it
    assertThat(h.edges()).contains(0.05, 0.5, 0.95).contains(0.9125).doesNotContain(0.0)
        .isSorted().hasSize(20);
    // independently: count the rows between the edges by a naive loop
    for (int b = 0; b < h.bins(); b++) {
      double lo = b == 0 ? Double.NEGATIVE_INFINITY : h.edges().get(b - 1);
      double hi = b == h.edges().size() ? Double.POSITIVE_INFINITY : h.edges().get(b);
      int n = 0;
      for (int i = 0; i < 1000; i++) {
        double s = i / 1000.0;
        n += s >= lo && s < hi ? 1 : 0;
      }
      assertThat(h.weights().get(b)).as("bin %d", b).isEqualTo((double) n);
    }
    assertThat(h.total()).isEqualTo(1000.0);
    assertThat(h.shareAtLeast(0.5)).hasValue(0.5);
    assertThat(h.shareAtLeast(0.9125)).hasValue(0.087);
    assertThat(h.shareAtLeast(0.51)).isEmpty();
    assertThat(h.bin(0.5)).isEqualTo(h.edges().indexOf(0.5) + 1);
    assertThat(h.bin(-1)).isZero();
  }

  @Test
  void aHeavyTieMakesFewerBins() {
    double[] scores = new double[100];
    boolean[] labels = new boolean[100];
    for (int i = 0; i < 100; i++) {
      scores[i] = i < 60 ? 0.0 : i / 100.0;
      labels[i] = i % 2 == 0;
    }
    Provenance.ScoreHistogram h = ChosenPolicy.histogram(Curve.of(scores, labels),
        List.of(Band.rest("allow"))).get();
    assertThat(h.weights().get(0)).isEqualTo(60.0);
    assertThat(h.bins()).isLessThan(ChosenPolicy.QUANTILES);
    assertThat(h.total()).isEqualTo(100.0);
  }

  @Test
  void aWrittenPolicyRecordsItPerSegmentWithItsExpectedFlagRateAndReadsBack() throws Exception {
    Curve curve = curve();
    ChosenPolicy.Data data = new ChosenPolicy.Data("scores.csv", "0".repeat(64), 1000, curve,
        List.of(), Map.of(), Map.of());
    Policy policy = new ChosenPolicy(ChosenPolicy.Settings.builder("cards", CLOCK).build(), data)
        .banded("bands by hand", c -> Bands.at(c, 0.9, 0.6));
    Provenance p = policy.segments().get(0).provenance().orElseThrow();
    Provenance.ScoreHistogram h = p.scores().orElseThrow();
    assertThat(h.shareAtLeast(0.6).getAsDouble())
        .isEqualTo(p.expected().orElseThrow().flagRate().getAsDouble());
    String json = PolicyDocuments.write(policy, PolicyDocuments.Format.JSON);
    assertThat(json).contains("\"scores\"");
    Validation read = PolicyDocuments.parse(json, PolicyDocuments.Format.JSON, "cards.json");
    assertThat(read).isInstanceOf(Validation.Valid.class);
    assertThat(((Validation.Valid) read).policy()).isEqualTo(policy);
  }

  @Test
  void aDocumentWithoutScoresStillLoadsAndHasNone() {
    String yaml = """
        apiVersion: setpoint/v1
        kind: Policy
        name: cards
        segments:
          - name: default
            match: {}
            bands: [ { action: review, minScore: 0.5 }, { action: allow } ]
            provenance: { objective: "recall@precision>=0.8" }
        """;
    Validation v = PolicyDocuments.parse(yaml, PolicyDocuments.Format.YAML, "old.yaml");
    assertThat(v).isInstanceOf(Validation.Valid.class);
    assertThat(((Validation.Valid) v).policy().segments().get(0).provenance().orElseThrow()
        .scores()).isEmpty();
  }

  @Test
  void edgesOutOfOrderOrAMissingWeightAreErrorsWithTheirPointers() {
    String base = """
        apiVersion: setpoint/v1
        kind: Policy
        name: cards
        segments:
          - name: default
            match: {}
            bands: [ { action: allow } ]
            provenance: { objective: "x", scores: %s }
        """;
    Validation unordered = PolicyDocuments.parse(base.formatted(
        "{ edges: [0.5, 0.2], weights: [1, 2, 3] }"), PolicyDocuments.Format.YAML, "p.yaml");
    assertThat(unordered.toString()).contains("/segments/0/provenance/scores/edges/1")
        .contains("edges must ascend strictly");
    Validation short_ = PolicyDocuments.parse(base.formatted(
        "{ edges: [0.2, 0.5], weights: [1, 2] }"), PolicyDocuments.Format.YAML, "p.yaml");
    assertThat(short_.toString()).contains("/segments/0/provenance/scores/weights")
        .contains("3 for 2 edges, but has 2");
    assertThat(short_).isInstanceOf(Validation.Invalid.class);
  }
}

package dev.setpoint.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Match;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PSI, KS and the drift verdict of one segment (docs/definitions.md#drift). */
class DriftTest {

  private static final List<Double> EDGES = List.of(0.2, 0.5, 0.8);
  private static final List<Double> WEIGHTS = List.of(10.0, 20.0, 30.0, 40.0);

  private static Segment segment(Optional<Provenance.ScoreHistogram> scores) {
    Provenance p = new Provenance("recall@precision>=0.8", Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.<Instant>empty(), Optional.empty(), scores);
    return new Segment("eu", Match.ALL, List.of(Band.above("review", 0.5), Band.rest("allow")),
        Optional.of(p));
  }

  private static Segment withReference() {
    return segment(Optional.of(new Provenance.ScoreHistogram(EDGES, WEIGHTS)));
  }

  /** The definition, once more, by a naive loop over the bins: no shared code with {@link Drift}. */
  private static double naivePsi(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] == 0 ? 0.0001 : p[i];
      double b = q[i] == 0 ? 0.0001 : q[i];
      sum += (b - a) * Math.log(b / a);
    }
    return sum;
  }

  @Test
  void psiAndKsOfTheWorkedExampleAreTheHandComputedValues() {
    long[] live = {20, 20, 20, 40};
    assertThat(Drift.psi(WEIGHTS, live)).isCloseTo(0.1 * Math.log(3), org.assertj.core.data.Offset
        .offset(1e-15));
    assertThat(Drift.ks(WEIGHTS, live)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void anEmptyBinCountsAsATenThousandthOnEitherSide() {
    long[] live = {0, 50, 50, 0};
    double expected = naivePsi(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0, 0.5, 0.5, 0});
    assertThat(Drift.psi(WEIGHTS, live)).isCloseTo(expected, org.assertj.core.data.Offset
        .offset(1e-12));
    // (0.0001 - 0.1) ln(0.001) + 0.3 ln 2.5 + 0.2 ln(5/3) + (0.0001 - 0.4) ln(0.00025), by hand
    assertThat(expected).isCloseTo(0.69008 + 0.27489 + 0.10217 + 3.31679,
        org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void ksIsTheLargestGapOfTheCumulativeSharesAtTheEdges() {
    long[] live = {70, 10, 10, 10};
    // below 0.2: 0.7 vs 0.1; below 0.5: 0.8 vs 0.3; below 0.8: 0.9 vs 0.6
    assertThat(Drift.ks(WEIGHTS, live)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void liveScoresLandInTheBinThatStartsAtTheirEdge() {
    Drift drift = new Drift(withReference());
    for (double s : new double[] {0.1, 0.2, 0.5, 0.79, 0.8, 1.0}) {
      drift.add(s);
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    drift.write(node, 0.95);
    assertThat(node.get("liveBins").toString()).isEqualTo("[1,1,2,2]");
    assertThat(node.get("flagged").asLong()).isEqualTo(4);
    assertThat(node.get("expectedFlagRate").asDouble()).isEqualTo(0.7);
    assertThat(node.get("status").asText()).isEqualTo("too few decisions");
  }

  private static ObjectNode verdict(Segment segment, List<Double> scores) {
    Drift drift = new Drift(segment);
    scores.forEach(drift::add);
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    drift.write(node, 0.95);
    return node;
  }

  /** Scores drawn bin by bin in the reference's own shares: 10 %, 20 %, 30 %, 40 %. */
  private static List<Double> like(Random random, int n, double shift) {
    double[] lo = {0.0, 0.2, 0.5, 0.8};
    double[] hi = {0.2, 0.5, 0.8, 1.0};
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int b = u < 0.1 ? 0 : u < 0.3 ? 1 : u < 0.6 ? 2 : 3;
      scores.add(Math.max(0, lo[b] + random.nextDouble() * (hi[b] - lo[b]) - shift));
    }
    return scores;
  }

  @Test
  void scoresLikeTheReferenceAreStable() {
    ObjectNode node = verdict(withReference(), like(new Random(7), 5000, 0));
    assertThat(node.get("status").asText()).as(node.toString()).isEqualTo("stable");
    assertThat(node.get("drifted").asBoolean()).isFalse();
    assertThat(node.get("psi").asDouble()).isLessThan(0.01);
  }

  @Test
  void scoresShiftedDownDriftAndTheReasonSaysWhy() {
    ObjectNode node = verdict(withReference(), like(new Random(7), 5000, 0.3));
    assertThat(node.get("status").asText()).as(node.toString()).isEqualTo("drifted");
    assertThat(node.get("psi").asDouble()).isGreaterThan(Drift.PSI_DRIFTED);
    assertThat(node.get("reason").asText()).contains("PSI").contains("flag rate");
  }

  @Test
  void shufflingTheLiveScoresChangesNothing() {
    List<Double> scores = like(new Random(11), 2000, 0.05);
    ObjectNode first = verdict(withReference(), scores);
    for (int seed = 0; seed < 5; seed++) {
      List<Double> shuffled = new ArrayList<>(scores);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(verdict(withReference(), shuffled)).isEqualTo(first);
    }
  }

  @Test
  void aSegmentWithoutAReferenceSaysSoAndNeverDrifts() {
    ObjectNode node = verdict(segment(Optional.empty()), like(new Random(7), 5000, 0.3));
    assertThat(node.get("status").asText()).isEqualTo("no reference");
    assertThat(node.get("reason").asText()).contains("records no score distribution");
    assertThat(node.get("drifted").asBoolean()).isFalse();
  }

  @Test
  void aSegmentTheVersionDoesNotHaveHasNoReference() {
    Drift drift = new Drift(null);
    drift.add(0.5);
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    assertThat(drift.write(node, 0.95)).isFalse();
    assertThat(node.get("reason").asText()).isEqualTo("this version of the policy has no such segment");
  }

  @Test
  void theMonitorNamesTheSegmentsThatDriftedAndOnlyThose() {
    Segment eu = withReference();
    Segment fallback = new Segment("default", Match.ALL, eu.bands(), eu.provenance());
    Segment euMatched = new Segment("eu", new Match(java.util.Map.of("region",
        dev.setpoint.policy.Condition.OneOf.of("EU"))), eu.bands(), eu.provenance());
    dev.setpoint.policy.Policy policy = new dev.setpoint.policy.Policy("cards", Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), List.of(euMatched, fallback));
    Instant from = Instant.parse("2026-12-01T00:00:00Z");
    List<dev.setpoint.server.store.Store.LabelledDecision> log = new ArrayList<>();
    Random random = new Random(3);
    List<Double> up = like(random, 5000, -0.05);
    List<Double> same = like(random, 5000, 0);
    for (int i = 0; i < 5000; i++) {
      for (String segment : List.of("eu", "default")) {
        double score = segment.equals("eu") ? up.get(i) : same.get(i);
        log.add(new dev.setpoint.server.store.Store.LabelledDecision(
            new dev.setpoint.server.store.DecisionRecord("d" + segment + i, from.plusSeconds(i),
                "cards", 1, segment, score >= 0.5 ? 0 : 1, score >= 0.5 ? "review" : "allow",
                Optional.empty(), java.util.OptionalDouble.of(0.5), score, segment, List.of(), "{}"),
            Optional.empty()));
      }
    }
    ObjectNode report = Monitor.report(each -> log.forEach(each), "cards", from,
        from.plusSeconds(86400), v -> policy, 0.95);
    assertThat(report.get("drifted").toString()).isEqualTo("[{\"version\":1,\"segment\":\"eu\"}]");
    com.fasterxml.jackson.databind.JsonNode segments = report.get("versions").get(0).get("segments");
    assertThat(segments.get(0).get("segment").asText()).isEqualTo("default");
    assertThat(segments.get(0).get("drift").get("status").asText()).isEqualTo("stable");
    assertThat(segments.get(1).get("drift").get("status").asText()).isEqualTo("drifted");
    // the figures docs/operations.md shows
    assertThat(segments.get(1).get("drift").get("psi").asDouble()).isEqualTo(0.014362447367112532);
    assertThat(segments.get(1).get("drift").get("ks").asDouble()).isEqualTo(0.0464);
  }

  /** The share of {@code sample} below {@code x} (or at or below it, when {@code orEqual}). */
  private static double share(double[] sample, double x, boolean orEqual) {
    int n = 0;
    for (double v : sample) {
      n += v < x || (orEqual && v == x) ? 1 : 0;
    }
    return (double) n / sample.length;
  }

  @Test
  void ksOnTheEdgesBoundsTheExactDistanceFromBelowWithinTheLargestBin() {
    Random random = new Random(17);
    for (int trial = 0; trial < 20; trial++) {
      double[] ref = new double[400];
      double[] live = new double[300];
      double shift = random.nextDouble() * 0.3;
      for (int i = 0; i < ref.length; i++) {
        ref[i] = Math.rint(random.nextDouble() * 200) / 200; // ties, as scores have
      }
      for (int i = 0; i < live.length; i++) {
        live[i] = Math.min(1, Math.rint((random.nextDouble() + shift) * 200) / 200);
      }
      double[] sorted = ref.clone();
      java.util.Arrays.sort(sorted);
      java.util.TreeSet<Double> edgeSet = new java.util.TreeSet<>();
      for (int q = 1; q < 20; q++) {
        edgeSet.add(sorted[q * sorted.length / 20]);
      }
      List<Double> edges = List.copyOf(edgeSet);
      Provenance.ScoreHistogram h = new Provenance.ScoreHistogram(edges, List.of(0.0));
      List<Double> weights = new ArrayList<>();
      long[] liveBins = new long[edges.size() + 1];
      double[] refBins = new double[edges.size() + 1];
      for (double v : ref) {
        refBins[h.bin(v)]++;
      }
      for (double v : live) {
        liveBins[h.bin(v)]++;
      }
      double largest = 0;
      for (int b = 0; b < refBins.length; b++) {
        weights.add(refBins[b]);
        largest = Math.max(largest, Math.max(refBins[b] / ref.length,
            (double) liveBins[b] / live.length));
      }
      double exact = 0;
      for (double[] sample : new double[][] {ref, live}) {
        for (double x : sample) {
          exact = Math.max(exact, Math.abs(share(ref, x, true) - share(live, x, true)));
          exact = Math.max(exact, Math.abs(share(ref, x, false) - share(live, x, false)));
        }
      }
      double binned = Drift.ks(weights, liveBins);
      assertThat(binned).as("trial %d", trial).isLessThanOrEqualTo(exact + 1e-12);
      assertThat(exact).as("trial %d", trial).isLessThanOrEqualTo(binned + largest + 1e-12);
      // and PSI is never negative
      assertThat(Drift.psi(weights, liveBins)).isGreaterThanOrEqualTo(0);
    }
  }
}

package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeciderTest {

  static Decider compile(String yaml) {
    Validation v = PolicyValidationTest.yaml(yaml);
    assertThat(v).as(v.toString()).isInstanceOf(Validation.Valid.class);
    return Decider.compile((Validation.Valid) v);
  }

  private final Decider base = compile(PolicyValidationTest.BASE);

  @Test
  void firstMatchingSegmentWins() {
    Decision d = base.decide(0.7, Map.of("jurisdiction", "EU", "tier", "premium"));
    assertThat(d.segment()).isEqualTo("eu-premium");
    assertThat(d.action()).isEqualTo("review");
    assertThat(d.queue()).contains("eu");
    assertThat(d.threshold()).hasValue(0.62);
    assertThat(d.route()).isEqualTo(Decision.Route.MATCHED);
    assertThat(base.decide(0.7, Map.of("jurisdiction", "EU", "tier", "standard")).segment())
        .isEqualTo("eu");
  }

  @Test
  void scoreEqualToMinScoreTakesThatBand() {
    Map<String, String> eu = Map.of("jurisdiction", "EU", "tier", "premium");
    assertThat(base.decide(0.97, eu).action()).isEqualTo("block");
    assertThat(base.decide(Math.nextDown(0.97), eu).action()).isEqualTo("review");
    assertThat(base.decide(0.62, eu).action()).isEqualTo("review");
    assertThat(base.decide(Math.nextDown(0.62), eu).action()).isEqualTo("allow");
    assertThat(base.decide(Math.nextDown(0.62), eu).threshold()).isEmpty();
  }

  @Test
  void infiniteScoresTakeTheFirstAndLastBands() {
    assertThat(base.decide(Double.POSITIVE_INFINITY, Map.of()).band()).isEqualTo(0);
    assertThat(base.decide(Double.NEGATIVE_INFINITY, Map.of()).band()).isEqualTo(1);
  }

  @Test
  void nanScoreIsRefused() {
    assertThatThrownBy(() -> base.decide(Double.NaN, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("score must be a number, was NaN");
  }

  @Test
  void aScoreOutsideTheModelsRangeOrNotFiniteIsRefusedNamingTheValueAndTheRange() {
    assertThat(base.refusal(1.2)).contains("1.2 is outside the model's score range [0.0, 1.0]");
    assertThat(base.refusal(-0.5)).contains("-0.5 is outside the model's score range [0.0, 1.0]");
    assertThat(base.refusal(Double.NaN))
        .contains("NaN is not a number; send a finite number in the model's score range [0.0, 1.0]");
    assertThat(base.refusal(Double.POSITIVE_INFINITY)).contains("Infinity is not a finite number; "
        + "send a finite number in the model's score range [0.0, 1.0]");
    assertThat(base.refusal(0.0)).isEmpty();
    assertThat(base.refusal(1.0)).isEmpty();
    assertThat(base.refusal(Math.nextUp(1.0))).isPresent();
    assertThat(base.refusal(Math.nextDown(0.0))).isPresent();
    Decider unbounded = compile(PolicyValidationTest.BASE.replace(
        ", scoreRange: { min: 0, max: 1 }", ""));
    assertThat(unbounded.refusal(1.2)).isEmpty();
    assertThat(unbounded.refusal(Double.NEGATIVE_INFINITY))
        .contains("-Infinity is not a finite number; send a finite number");
  }

  @Test
  void missingAttributesRouteToTheDefaultAndSaySo() {
    Decision d = base.decide(0.4, Map.of("tier", "premium"));
    assertThat(d.segment()).isEqualTo("default");
    assertThat(d.route()).isEqualTo(Decision.Route.DEFAULT_MISSING_ATTRIBUTES);
    assertThat(d.missingAttributes()).containsExactly("jurisdiction");
  }

  @Test
  void unmatchedValuesRouteToTheDefaultWithoutMissing() {
    Decision d = base.decide(0.4, Map.of("jurisdiction", "US", "tier", "premium"));
    assertThat(d.route()).isEqualTo(Decision.Route.DEFAULT);
    assertThat(d.missingAttributes()).isEmpty();
  }

  @Test
  void aMissingAttributeOnlyFailsTheConditionsOnIt() {
    Decision d = base.decide(0.4, Map.of("jurisdiction", "EU"));
    assertThat(d.segment()).isEqualTo("eu");
    assertThat(d.route()).isEqualTo(Decision.Route.MATCHED);
    assertThat(d.missingAttributes()).containsExactly("tier");
  }

  @Test
  void commonPathReturnsPrebuiltDecisions() {
    Map<String, String> eu = Map.of("jurisdiction", "EU", "tier", "premium");
    assertThat(base.decide(0.99, eu)).isSameAs(base.decide(0.98, eu));
  }

  @Test
  void valuesCompareAsText() {
    Decider d = compile("""
        apiVersion: setpoint/v1
        kind: Policy
        name: p
        segments:
          - { name: grocery, match: { mcc: 5411, vip: true }, bands: [ { action: block } ] }
          - { name: default, match: {}, bands: [ { action: allow } ] }
        """);
    assertThat(d.decide(0.5, Map.of("mcc", 5411, "vip", true)).segment()).isEqualTo("grocery");
    assertThat(d.decide(0.5, Map.of("mcc", 5411.0, "vip", "true")).segment()).isEqualTo("grocery");
    assertThat(d.decide(0.5, Map.of("mcc", "5411", "vip", false)).segment()).isEqualTo("default");
  }

  @Test
  void rangesHonourInclusiveAndExclusiveBounds() {
    Decider d = compile("""
        apiVersion: setpoint/v1
        kind: Policy
        name: p
        segments:
          - { name: small, match: { amount: { lt: 100 } }, bands: [ { action: allow } ] }
          - { name: mid, match: { amount: { gte: 100, lte: 5000 } }, bands: [ { action: review } ] }
          - { name: large, match: { amount: { gt: 5000 } }, bands: [ { action: block } ] }
          - { name: default, match: {}, bands: [ { action: review } ] }
        """);
    assertThat(d.decide(0, Map.of("amount", 99.99)).segment()).isEqualTo("small");
    assertThat(d.decide(0, Map.of("amount", 100)).segment()).isEqualTo("mid");
    assertThat(d.decide(0, Map.of("amount", "5000")).segment()).isEqualTo("mid");
    assertThat(d.decide(0, Map.of("amount", 5000.0001)).segment()).isEqualTo("large");
    Decision notNumber = d.decide(0, Map.of("amount", "lots"));
    assertThat(notNumber.segment()).isEqualTo("default");
    assertThat(notNumber.missingAttributes()).containsExactly("amount");
  }

  @Test
  void compilingAnInvalidPolicyListsItsErrors() {
    Policy p = new Policy("p", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        List.of(new Segment("only", new Match(Map.of("tier", Condition.OneOf.of("a"))),
            List.of(Band.rest("allow")), Optional.empty())));
    assertThatThrownBy(() -> Decider.compile(p)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/segments/0/match: the last segment must match every request");
  }

  @Test
  void versionIsTheDocumentsOrItsHash() {
    assertThat(base.version()).startsWith("sha256:").hasSize(19);
    assertThat(compile(PolicyValidationTest.BASE.replace("name: card-fraud\n",
        "name: card-fraud\nversion: 12\n")).version()).isEqualTo("12");
  }

  @Test
  void positionalValuesDecideAsTheMapDoes() {
    assertThat(base.attributes()).containsExactly("jurisdiction", "tier");
    assertThat(base.decide(0.7, new Object[] {"EU", "premium"}))
        .isSameAs(base.decide(0.7, Map.of("jurisdiction", "EU", "tier", "premium")));
    assertThat(base.decide(0.4, new Object[] {null, "premium"}).missingAttributes())
        .containsExactly("jurisdiction");
    assertThatThrownBy(() -> base.decide(0.4, new Object[] {"EU"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 2 attribute values [jurisdiction, tier], got 1");
  }

  @Test
  void concurrentDecisionsEqualSequentialOnes() throws Exception {
    Random rnd = new Random(17);
    Policy policy = randomPolicy(rnd, 40);
    Decider decider = Decider.compile(new Validation.Valid("random", policy, "0".repeat(64),
        List.of()));
    int n = 20_000;
    List<Map<String, Object>> requests = new ArrayList<>();
    double[] scores = new double[n];
    Decision[] expected = new Decision[n];
    for (int i = 0; i < n; i++) {
      requests.add(randomRequest(rnd));
      scores[i] = rnd.nextDouble();
      expected[i] = decider.decide(scores[i], requests.get(i));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        mismatches.add(pool.submit(() -> {
          int bad = 0;
          for (int k = 0; k < n; k++) {
            int i = (k * 7 + offset * 5003) % n;
            bad += decider.decide(scores[i], requests.get(i)).equals(expected[i]) ? 0 : 1;
          }
          return bad;
        }));
      }
      for (java.util.concurrent.Future<Integer> f : mismatches) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- agreement with a naive interpreter on random policies, including > 64 segments ----

  @Test
  void agreesWithNaiveInterpreterOnRandomPolicies() {
    Random rnd = new Random(20261123);
    for (int trial = 0; trial < 300; trial++) {
      Policy policy = randomPolicy(rnd, trial % 10 == 0 ? 70 + rnd.nextInt(60) : 1 + rnd.nextInt(12));
      Decider decider = Decider.compile(new Validation.Valid("random", policy, "0".repeat(64),
          List.of()));
      for (int q = 0; q < 200; q++) {
        Map<String, Object> request = randomRequest(rnd);
        double score = rnd.nextInt(12) / 10.0;
        Decision d = decider.decide(score, request);
        int[] expected = naive(policy, score, request);
        assertThat(new int[] {d.segmentIndex(), d.band()}).as("trial %d request %s score %s", trial,
            request, score).containsExactly(expected);
        assertThat(d.action()).isEqualTo(policy.segments().get(expected[0]).bands().get(expected[1])
            .action());
      }
    }
  }

  static final String[] TEXT_ATTRIBUTES = {"country", "tier"};
  static final String[] VALUES = {"a", "b", "c", "d"};

  static Policy randomPolicy(Random rnd, int segments) {
    List<Segment> list = new ArrayList<>();
    for (int s = 0; s < segments - 1; s++) {
      Map<String, Condition> match = new LinkedHashMap<>();
      for (String a : TEXT_ATTRIBUTES) {
        if (rnd.nextBoolean()) {
          List<String> values = new ArrayList<>();
          for (String v : VALUES) {
            if (rnd.nextInt(3) == 0) {
              values.add(v);
            }
          }
          if (values.isEmpty()) {
            values.add(VALUES[rnd.nextInt(VALUES.length)]);
          }
          match.put(a, new Condition.OneOf(values));
        }
      }
      if (rnd.nextBoolean()) {
        double lo = rnd.nextInt(5) * 10;
        double hi = lo + rnd.nextInt(4) * 10;
        match.put("amount", new Condition.Range(rnd.nextBoolean() ? lo : Double.NEGATIVE_INFINITY,
            rnd.nextBoolean(), rnd.nextBoolean() ? hi : Double.POSITIVE_INFINITY, rnd.nextBoolean()));
      }
      list.add(new Segment("s" + s, new Match(match), randomBands(rnd), Optional.empty()));
    }
    list.add(new Segment("default", Match.ALL, randomBands(rnd), Optional.empty()));
    return new Policy("random", Optional.empty(), Optional.empty(), Optional.empty(), List.of(), list);
  }

  static List<Band> randomBands(Random rnd) {
    int k = 1 + rnd.nextInt(4);
    List<Band> bands = new ArrayList<>();
    double t = 1.1;
    for (int b = 0; b < k - 1; b++) {
      t -= 0.1 * (1 + rnd.nextInt(3));
      bands.add(new Band("a" + b, OptionalDouble.of(Math.round(t * 10) / 10.0), Optional.empty()));
    }
    bands.add(Band.rest("rest"));
    return bands;
  }

  static Map<String, Object> randomRequest(Random rnd) {
    Map<String, Object> r = new HashMap<>();
    for (String a : TEXT_ATTRIBUTES) {
      int pick = rnd.nextInt(VALUES.length + 2);
      if (pick < VALUES.length) {
        r.put(a, VALUES[pick]);
      } else if (pick == VALUES.length) {
        r.put(a, "zzz");
      }
    }
    int amount = rnd.nextInt(8);
    if (amount < 7) {
      r.put("amount", amount * 10 - 5 + 5 * rnd.nextInt(2));
    }
    return r;
  }

  /** The definition, read literally: segments in order, conditions one by one, bands from the top. */
  static int[] naive(Policy policy, double score, Map<String, Object> request) {
    for (int s = 0; s < policy.segments().size(); s++) {
      Segment segment = policy.segments().get(s);
      boolean all = true;
      for (Map.Entry<String, Condition> e : segment.match().conditions().entrySet()) {
        Object v = request.get(e.getKey());
        boolean holds;
        if (v == null) {
          holds = false;
        } else if (e.getValue() instanceof Condition.OneOf one) {
          holds = one.values().contains(Decider.text(v));
        } else {
          holds = ((Condition.Range) e.getValue()).contains(((Number) v).doubleValue());
        }
        all &= holds;
      }
      if (all) {
        List<Band> bands = segment.bands();
        for (int b = 0; b < bands.size(); b++) {
          if (bands.get(b).minScore().isEmpty() || score >= bands.get(b).minScore().getAsDouble()) {
            return new int[] {s, b};
          }
        }
      }
    }
    throw new AssertionError("no segment matched");
  }
}

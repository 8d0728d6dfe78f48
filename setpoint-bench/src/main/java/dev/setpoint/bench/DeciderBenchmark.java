package dev.setpoint.bench;

import dev.setpoint.policy.Attributes;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Condition;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.Match;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second of a compiled policy of 50 segments × 3 bands matched on 2 attributes (25
 * countries × 2 tiers, 49 specific segments and the default), against a hand-written lookup of the
 * same thresholds (a map of maps and a threshold scan). Requests cycle through 4,096 pre-built maps so
 * that neither branch nor hash prediction sees one request. Run with {@code -prof gc} for the
 * allocation per decision.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeciderBenchmark {

  static final int REQUESTS = 4096;

  private Decider decider;
  private Map<String, Object>[] requests;
  private Attributes[] arrayRequests;
  private Object[][] positional;
  private double[] scores;
  private Map<String, Map<String, double[]>> handWritten;
  private String[] actions;
  private final double[] defaultThresholds = {0.98, 0.7};
  private int i;

  /** The 25 countries of the benchmark policy. */
  static List<String> countries() {
    List<String> countries = new ArrayList<>();
    for (int c = 0; c < 25; c++) {
      countries.add("C" + c);
    }
    return countries;
  }

  /**
   * The benchmark policy: 49 segments {country, tier} and the default, 3 bands each.
   *
   * @param handWritten filled with the same thresholds by country and tier
   */
  static Policy policy(Random rnd, Map<String, Map<String, double[]>> handWritten) {
    List<String> countries = countries();
    List<Segment> segments = new ArrayList<>();
    int n = 0;
    outer:
    for (String country : countries) {
      for (String tier : List.of("premium", "standard")) {
        if (n++ == 49) {
          break outer;
        }
        double block = 0.9 + rnd.nextDouble() * 0.09;
        double review = 0.3 + rnd.nextDouble() * 0.5;
        Map<String, Condition> match = new LinkedHashMap<>();
        match.put("country", Condition.OneOf.of(country));
        match.put("tier", Condition.OneOf.of(tier));
        segments.add(new Segment(country + "-" + tier, new Match(match), List.of(
            Band.above("block", block), Band.above("review", review), Band.rest("allow")),
            Optional.empty()));
        handWritten.computeIfAbsent(country, k -> new HashMap<>()).put(tier,
            new double[] {block, review});
      }
    }
    segments.add(new Segment("default", Match.ALL, List.of(Band.above("block", 0.98),
        Band.above("review", 0.7), Band.rest("allow")), Optional.empty()));
    return new Policy("bench", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        segments);
  }

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    Random rnd = new Random(42);
    List<String> countries = countries();
    handWritten = new HashMap<>();
    decider = Decider.compile(policy(rnd, handWritten));
    actions = new String[] {"block", "review", "allow"};
    @SuppressWarnings("unchecked") // an array of a generic type can only be made raw
    Map<String, Object>[] made = (Map<String, Object>[]) new Map<?, ?>[REQUESTS];
    requests = made;
    arrayRequests = new Attributes[REQUESTS];
    positional = new Object[REQUESTS][];
    scores = new double[REQUESTS];
    for (int r = 0; r < REQUESTS; r++) {
      Map<String, Object> request = new HashMap<>();
      // 10% of requests come from a country no segment names, and go to the default.
      String country = rnd.nextInt(10) == 0 ? "ZZ" : countries.get(rnd.nextInt(25));
      String tier = rnd.nextBoolean() ? "premium" : "standard";
      request.put("country", country);
      request.put("tier", tier);
      request.put("channel", "web");
      requests[r] = request;
      positional[r] = new Object[] {country, tier};
      arrayRequests[r] = name -> name.equals("country") ? country : name.equals("tier") ? tier : null;
      scores[r] = rnd.nextDouble();
    }
  }

  /** A compiled policy, attributes in a HashMap (as JSON decoding gives them). */
  @Benchmark
  public Decision deciderWithMap() {
    int r = i++ & (REQUESTS - 1);
    return decider.decide(scores[r], requests[r]);
  }

  /** A compiled policy, attributes from a caller's accessor. */
  @Benchmark
  public Decision deciderWithAccessor() {
    int r = i++ & (REQUESTS - 1);
    return decider.decide(scores[r], arrayRequests[r]);
  }

  /** A compiled policy, attribute values by position (as the service extracts them from JSON). */
  @Benchmark
  public Decision deciderPositional() {
    int r = i++ & (REQUESTS - 1);
    return decider.decide(scores[r], positional[r]);
  }

  /** The same thresholds as a hand-written lookup: two map lookups and a two-threshold scan. */
  @Benchmark
  public String handWrittenLookup() {
    int r = i++ & (REQUESTS - 1);
    Map<String, Object> request = requests[r];
    Map<String, double[]> byTier = handWritten.get((String) request.get("country"));
    double[] t = byTier == null ? null : byTier.get((String) request.get("tier"));
    if (t == null) {
      t = defaultThresholds;
    }
    double score = scores[r];
    return score >= t[0] ? actions[0] : score >= t[1] ? actions[1] : actions[2];
  }
}

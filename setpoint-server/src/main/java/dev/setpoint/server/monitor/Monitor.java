package dev.setpoint.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Confusion;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.tally.Cell;
import dev.setpoint.policy.tally.Counts;
import dev.setpoint.policy.tally.Tally;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.stats.Intervals;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Whether a policy keeps its promise: for each version, segment and band over a time window, the
 * decisions, how many are labelled, and the realised precision of the labelled ones with a
 * Clopper-Pearson interval, beside the precision the provenance promised for that band. A band is
 * <b>in breach</b> when it has at least {@link #MIN_LABELLED} labelled decisions and the upper bound of
 * its realised precision is below the promise: the data say, at the stated confidence, that the band
 * does worse than it was chosen to ({@code docs/operations.md#monitoring}). The counting is a {@link
 * Tally} of the logged cells per version; this class renders it against the promises. Beside it,
 * before any label arrives, each segment's {@link Drift}: its live scores against the distribution
 * its thresholds were chosen on, and the list of the segments that drifted.
 */
public final class Monitor {

  /** The fewest labelled decisions in a band before it can be in breach. */
  public static final int MIN_LABELLED = 30;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Monitor() {}

  /**
   * The report for {@code name} over {@code [from, to)}.
   *
   * @param policyOf the policy document of each version
   * @param confidence the interval level, e.g. 0.95
   */
  public static ObjectNode report(Store store, String name, Instant from, Instant to,
      LongFunction<Policy> policyOf, double confidence) {
    // The documents are read before the scan, which holds the store's connection while it runs.
    Map<Long, Policy> documents = new HashMap<>();
    for (PolicyVersion v : store.versions(name)) {
      documents.put(v.version(), policyOf.apply(v.version()));
    }
    return report(each -> store.scanDecisions(name, from, to, each), name, from, to,
        version -> {
          Policy p = documents.get(version);
          return p != null ? p : policyOf.apply(version);
        }, confidence);
  }

  /** The report over the decisions {@code log} gives, oldest first (those of the window). */
  static ObjectNode report(Consumer<Consumer<Store.LabelledDecision>> log, String name,
      Instant from, Instant to, LongFunction<Policy> policyOf, double confidence) {
    Map<Long, Tally.Counter> counters = new TreeMap<>();
    Map<Long, Map<String, Drift>> drifts = new HashMap<>();
    log.accept(l -> {
      DecisionRecord d = l.decision();
      drifts.computeIfAbsent(d.version(), v -> new HashMap<>())
          .computeIfAbsent(d.segment(), s -> new Drift(segment(policyOf.apply(d.version()), s)))
          .add(d.score());
      counters.computeIfAbsent(d.version(), v -> Tally.counter())
          .add(new Cell(d.segment(), d.band(), d.action()),
              l.label().map(Tally.Label::of).orElse(Tally.Label.UNKNOWN), 1);
    });
    ObjectNode out = NODES.objectNode();
    out.put("policy", name).put("from", from.toString()).put("to", to.toString())
        .put("confidence", confidence).put("minLabelled", MIN_LABELLED);
    ArrayNode versions = out.putArray("versions");
    boolean anyBreach = false;
    ArrayNode drifted = NODES.arrayNode();
    for (Map.Entry<Long, Tally.Counter> v : counters.entrySet()) {
      Tally tally = v.getValue().tally();
      // segment -> band -> counts; a band's logged action comes from its version, so it is one
      Map<String, Map<Integer, Counts>> byBand = new TreeMap<>();
      tally.cells().forEach((cell, c) -> byBand.computeIfAbsent(cell.segment(), k -> new TreeMap<>())
          .merge(cell.band(), c, Counts::plus));
      Map<String, Counts> bySegment = tally.bySegment();
      Policy policy = policyOf.apply(v.getKey());
      ObjectNode vn = versions.addObject().put("version", v.getKey());
      ArrayNode segments = vn.putArray("segments");
      Map<String, Drift> versionDrifts = drifts.getOrDefault(v.getKey(), Map.of());
      for (Map.Entry<String, Map<Integer, Counts>> s : byBand.entrySet()) {
        Segment segment = segment(policy, s.getKey());
        // The tally's per-segment sums have every segment its cells have.
        double positives = Objects.requireNonNull(bySegment.get(s.getKey()), s.getKey())
            .positives();
        ObjectNode sn = segments.addObject().put("segment", s.getKey());
        ArrayNode bands = sn.putArray("bands");
        for (Map.Entry<Integer, Counts> b : s.getValue().entrySet()) {
          anyBreach |= band(bands.addObject(), segment, b.getKey(), b.getValue(), positives,
              confidence);
        }
        // The scan counted a drift for every segment the tally has.
        Drift drift = Objects.requireNonNull(versionDrifts.get(s.getKey()), s.getKey());
        if (drift.write(sn.putObject("drift"), confidence)) {
          drifted.addObject().put("version", v.getKey()).put("segment", s.getKey());
        }
      }
    }
    out.put("breach", anyBreach);
    out.set("drifted", drifted);
    return out;
  }

  private static @Nullable Segment segment(Policy policy, String name) {
    return policy.segments().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
  }

  /** Writes one band's node; every logged decision weighs 1, so each sum is a count. */
  private static boolean band(ObjectNode node, @Nullable Segment segment, int band, Counts c,
      double segmentPositives, double confidence) {
    node.put("band", band);
    if (segment != null && band < segment.bands().size()) {
      Band b = segment.bands().get(band);
      node.put("action", b.action());
      b.queue().ifPresent(q -> node.put("queue", q));
    }
    node.put("decisions", (long) c.rows()).put("labelled", (long) c.labelled())
        .put("positives", (long) c.positives());
    node.put("labelledShare", c.rows() == 0 ? 0 : c.labelled() / c.rows());
    Promise promised = promise(segment, band);
    Double promise = promised.precision();
    if (promise != null) {
      node.put("promise", "precision");
      node.put("promisedPrecision", promise);
    } else {
      node.put("promise", "none");
      node.put("promiseReason", promised.reason());
      node.putNull("promisedPrecision");
    }
    if (c.labelled() == 0) {
      node.putNull("precision");
      node.putNull("recall");
      node.put("breach", false);
      return false;
    }
    node.put("precision", c.precision());
    if (segmentPositives > 0) {
      node.put("recall", c.positives() / segmentPositives);
    } else {
      node.putNull("recall");
    }
    Interval i = Intervals.precision(new Confusion(c.positives(), c.negatives(), 0, 0),
        IntervalMethod.CLOPPER_PEARSON, confidence);
    node.putArray("precisionInterval").add(i.lower()).add(i.upper());
    boolean breach = promise != null && c.labelled() >= MIN_LABELLED && i.upper() < promise;
    node.put("breach", breach);
    return breach;
  }

  /**
   * What a band promised: the precision its provenance expected, or none and why.
   *
   * @param precision the promised precision; null when there is none
   * @param reason why there is none; null when there is one
   */
  private record Promise(@Nullable Double precision, @Nullable String reason) {
    static Promise none(String reason) {
      return new Promise(null, reason);
    }
  }

  /**
   * The precision the provenance expected of a band, when it is a promise: recorded, on rows, and
   * above 0. An expected precision of 0 (a threshold inherited from a parent segment that catches
   * nothing on this segment's rows, docs/definitions.md#segment-fallback) promises nothing, and
   * realised figures are not compared with it.
   */
  private static Promise promise(@Nullable Segment segment, int band) {
    if (segment == null) {
      return Promise.none("this version of the policy has no such segment");
    }
    List<Provenance.BandExpectation> expected = segment.provenance()
        .flatMap(Provenance::expected).map(Provenance.Expected::bands).orElse(List.of());
    if (expected.isEmpty()) {
      return Promise.none("the segment's provenance records no expected counts");
    }
    if (band >= expected.size()) {
      return Promise.none("the segment's provenance records no expected counts for band " + band);
    }
    Provenance.BandExpectation e = expected.get(band);
    if (e.rows() == 0) {
      return Promise.none("band '" + e.action() + "' took no rows in the data its thresholds were "
          + "chosen on, so it promised no precision");
    }
    if (!(e.precision() > 0)) {
      return Promise.none("band '" + e.action() + "' expected precision 0 (no positive among its "
          + (e.rows() == Math.rint(e.rows()) ? Long.toString((long) e.rows()) : Double.toString(e.rows()))
          + " rows in the data its thresholds were chosen on; an inherited threshold?), "
          + "which is no promise");
    }
    return new Promise(e.precision(), null);
  }
}

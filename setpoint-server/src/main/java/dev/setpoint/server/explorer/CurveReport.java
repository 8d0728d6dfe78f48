package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Curve;
import dev.setpoint.json.JsonNumbers;
import dev.setpoint.select.Bands;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The answer to {@code GET /v1/explorer/datasets/{id}/curve}: the compressed curve with exact counts,
 * the objective markers, the score histogram by class, and — for the prevalence lab — the expected
 * counts at a deployment prevalence at the same thresholds.
 *
 * <pre>
 * {"positives": 517, "negatives": 9340, "points": 9857, "weighted": false,
 *  "averagePrecision": 0.1133, "rocAuc": 0.7055, "minScore": …, "maxScore": …,
 *  "curve": {"threshold": ["+Infinity", 0.93, …], "tp": [0, 1, …], "fp": [0, 0, …],
 *            "tiedPositives": [0, 1, …], "tiedNegatives": [0, 0, …]},
 *  "markers": [{"objective": "f1", "feasible": true, "threshold": …, "tp": …, …}, …],
 *  "histogram": {"edges": [...], "positives": [...], "negatives": [...]},
 *  "deployed": {"prevalence": 0.01, "tp": [...], "fp": [...], "positives": …, "negatives": …},
 *  "bands": {"feasible": true, "block": …, "review": …, "blocked": {…}, "reviewed": {…}, …}}
 * </pre>
 *
 * <p>{@code curve} holds the kept points ({@link Compression}), the first being "flag nothing"
 * ({@code +Infinity}), and every threshold asked to be kept ({@code keep}, markers) even where no row
 * scores it; {@code tp} and {@code fp} are TP(t) and FP(t) exactly, and {@code tiedPositives}/{@code
 * tiedNegatives} the rows scoring exactly t (ties are flagged together).
 */
final class CurveReport {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * How to draw.
   *
   * @param resolution ε of {@link Compression}
   * @param maxPoints the most points
   * @param bins histogram bins
   * @param prevalence a deployment prevalence, if the lab asks for one
   * @param keep thresholds to keep exactly (typed by the user)
   * @param bands block and review thresholds to choose jointly, if asked for
   */
  record Request(double resolution, int maxPoints, int bins, OptionalDouble prevalence,
      List<Double> keep, Optional<Bands> bands) {

    static Request of(Params p) {
      List<Double> keep = new ArrayList<>();
      for (String t : p.all("keep")) {
        try {
          double v = Double.parseDouble(t);
          if (!Double.isNaN(v)) {
            keep.add(v);
            continue;
          }
        } catch (NumberFormatException e) {
          // reported below, with the value
        }
        throw Params.bad("keep", "must be a threshold (a number), was " + Params.quoted(t));
      }
      return new Request(p.number("resolution", 1e-6, 0.5).orElse(1.0 / 2000),
          p.integer("maxPoints", 100, 20_000).orElse(4000), p.integer("bins", 1, 500).orElse(50),
          p.open01("prevalence"), keep, bands(p));
    }

    /** {@code blockPrecision} with {@code reviewCapacity} (a budget: {@code flags<=500/day,…}). */
    private static Optional<Bands> bands(Params p) {
      OptionalDouble precision = p.number("blockPrecision", 0, 1);
      Optional<String> capacity = p.text("reviewCapacity");
      if (precision.isEmpty() && capacity.isEmpty()) {
        return Optional.empty();
      }
      if (precision.isEmpty() || capacity.isEmpty()) {
        throw Params.bad(precision.isEmpty() ? "blockPrecision" : "reviewCapacity",
            "blockPrecision and reviewCapacity go together");
      }
      Objective budget;
      try {
        budget = ObjectiveParser.parse("budget:" + capacity.get());
      } catch (ObjectiveSyntaxException e) {
        throw Params.bad("reviewCapacity", Params.quoted(capacity.get()) + ": " + e.problem()
            + " (expected flags<=K, rate<=X or flags<=K/day,volume=V/day)");
      }
      if (budget.deploymentPrevalence().isPresent()) { // "…;prevalence=Q" after the budget
        throw Params.bad("reviewCapacity", "must be a plain budget (flags<=K, rate<=X or "
            + "flags<=K/day,volume=V/day), was " + Params.quoted(capacity.get()));
      }
      try {
        return Optional.of(new Bands(precision.getAsDouble(), budget));
      } catch (IllegalArgumentException e) {
        throw Params.bad("blockPrecision", String.valueOf(e.getMessage()));
      }
    }
  }

  private CurveReport() {}

  static ObjectNode of(Curve curve, Request request, Markers.Request markerRequest) {
    ObjectNode out = NODES.objectNode();
    JsonNumbers.put(out, "positives", curve.positives());
    JsonNumbers.put(out, "negatives", curve.negatives());
    out.put("points", curve.size());
    out.put("weighted", curve.isWeighted());
    JsonNumbers.put(out, "averagePrecision", curve.positives() > 0 ? curve.averagePrecision()
        : Double.NaN);
    JsonNumbers.put(out, "rocAuc", curve.positives() > 0 && curve.negatives() > 0 ? curve.rocAuc()
        : Double.NaN);
    int k = curve.size();
    JsonNumbers.put(out, "minScore", k == 0 ? Double.NaN : curve.threshold(k - 1));
    JsonNumbers.put(out, "maxScore", k == 0 ? Double.NaN : curve.threshold(0));

    List<Double> required = new ArrayList<>(request.keep());
    ArrayNode markers = Markers.of(curve, markerRequest, required);
    request.bands().ifPresent(b -> out.set("bands", bands(curve, b, required)));
    int[] requiredIndices = required.stream().mapToInt(t -> curve.indexAt(t)).toArray();
    int[] kept = Compression.keep(curve, request.resolution(), request.maxPoints()
        + requiredIndices.length, requiredIndices);
    List<Entry> entries = entries(curve, kept, required);

    ObjectNode c = out.putObject("curve");
    ArrayNode threshold = c.putArray("threshold");
    ArrayNode tp = c.putArray("tp");
    ArrayNode fp = c.putArray("fp");
    ArrayNode tiedPositives = c.putArray("tiedPositives");
    ArrayNode tiedNegatives = c.putArray("tiedNegatives");
    for (Entry e : entries) {
      int i = e.index();
      JsonNumbers.add(threshold, e.threshold());
      JsonNumbers.add(tp, i < 0 ? 0 : curve.truePositives(i));
      JsonNumbers.add(fp, i < 0 ? 0 : curve.falsePositives(i));
      JsonNumbers.add(tiedPositives, i < 0 || !e.onCurve() ? 0 : tied(curve, i, true));
      JsonNumbers.add(tiedNegatives, i < 0 || !e.onCurve() ? 0 : tied(curve, i, false));
    }
    out.set("markers", markers);
    out.set("histogram", histogram(curve, request.bins()));
    if (request.prevalence().isPresent()) {
      out.set("deployed", deployed(curve, request.prevalence().getAsDouble(), entries));
    }
    return out;
  }

  /**
   * One threshold the page gets: a kept curve point, or a required threshold that is not a score (a
   * typed 0.3 between two scores), whose counts are those of the curve point it falls under ({@link
   * Curve#at}) and which no row scores exactly.
   */
  private record Entry(double threshold, int index, boolean onCurve) {}

  /** The kept points and the required thresholds between them, in descending threshold. */
  private static List<Entry> entries(Curve curve, int[] kept, List<Double> required) {
    List<Entry> entries = new ArrayList<>(kept.length + required.size());
    for (int i : kept) {
      entries.add(new Entry(i < 0 ? Double.POSITIVE_INFINITY : curve.threshold(i), i, true));
    }
    boolean extra = false;
    for (double t : required) {
      int i = curve.indexAt(t);
      boolean isScore = i >= 0 && curve.threshold(i) == t;
      if (!isScore && t != Double.POSITIVE_INFINITY) {
        entries.add(new Entry(t, i, false));
        extra = true;
      }
    }
    if (extra) {
      entries.sort((a, b) -> Double.compare(b.threshold(), a.threshold()));
      List<Entry> distinct = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        if (distinct.isEmpty() || distinct.get(distinct.size() - 1).threshold() != e.threshold()) {
          distinct.add(e);
        }
      }
      return distinct;
    }
    return entries;
  }

  /** The jointly chosen bands ({@code docs/definitions.md#bands}), or why they are impossible. */
  private static ObjectNode bands(Curve curve, Bands bands, List<Double> required) {
    ObjectNode b = NODES.objectNode();
    if (curve.size() == 0) {
      return b.put("feasible", false).put("reason", "the data has no rows");
    }
    Bands.Result r = bands.choose(curve);
    if (r instanceof Bands.Impossible imp) {
      return b.put("feasible", false).put("reason", imp.reason());
    }
    Bands.Chosen c = (Bands.Chosen) r;
    b.put("feasible", true);
    JsonNumbers.put(b, "block", c.block());
    JsonNumbers.put(b, "review", c.review());
    band(b.putObject("blocked"), c.blocked());
    band(b.putObject("reviewed"), c.reviewed());
    band(b.putObject("allowed"), c.allowed());
    JsonNumbers.put(b, "caughtRecall", c.caughtRecall());
    required.add(c.block());
    required.add(c.review());
    return b;
  }

  private static void band(ObjectNode node, Bands.Band band) {
    JsonNumbers.put(node, "rows", band.weight());
    JsonNumbers.put(node, "positives", band.positives());
    JsonNumbers.put(node, "negatives", band.negatives());
    JsonNumbers.put(node, "precision", band.precision());
  }

  /** The rows scoring exactly the threshold of point i, of one class: the point's increment. */
  static double tied(Curve curve, int i, boolean positive) {
    double now = positive ? curve.truePositives(i) : curve.falsePositives(i);
    double before = i == 0 ? 0 : positive ? curve.truePositives(i - 1) : curve.falsePositives(i - 1);
    return Math.max(0, now - before);
  }

  /**
   * Rows per class in equal-width score bins over [lowest, highest score]: bin b holds scores in
   * {@code [e_b, e_{b+1})}, the last bin also the highest score. Weighted counts when weighted.
   */
  private static ObjectNode histogram(Curve curve, int bins) {
    ObjectNode h = NODES.objectNode();
    ArrayNode edges = h.putArray("edges");
    ArrayNode positives = h.putArray("positives");
    ArrayNode negatives = h.putArray("negatives");
    int k = curve.size();
    if (k == 0) {
      return h;
    }
    double lo = curve.threshold(k - 1);
    double hi = curve.threshold(0);
    int b = lo == hi ? 1 : bins;
    double width = (hi - lo) / b;
    double[] pos = new double[b];
    double[] neg = new double[b];
    for (int i = 0; i < k; i++) {
      int bin = width == 0 ? 0 : (int) Math.min(b - 1, Math.floor((curve.threshold(i) - lo) / width));
      pos[bin] += tied(curve, i, true);
      neg[bin] += tied(curve, i, false);
    }
    for (int i = 0; i <= b; i++) {
      JsonNumbers.add(edges, i == b ? hi : lo + i * width);
    }
    for (int i = 0; i < b; i++) {
      JsonNumbers.add(positives, pos[i]);
      JsonNumbers.add(negatives, neg[i]);
    }
    return h;
  }

  /** The expected counts per as many rows at a deployment prevalence ({@link Curve#atPrevalence}). */
  private static ObjectNode deployed(Curve curve, double prevalence, List<Entry> entries) {
    ObjectNode d = NODES.objectNode();
    JsonNumbers.put(d, "prevalence", prevalence);
    if (!(curve.positives() > 0 && curve.negatives() > 0)) {
      d.put("unavailable", "a deployment prevalence needs both positives and negatives in the data");
      return d;
    }
    Curve at = curve.atPrevalence(prevalence);
    JsonNumbers.put(d, "positives", at.positives());
    JsonNumbers.put(d, "negatives", at.negatives());
    ArrayNode tp = d.putArray("tp");
    ArrayNode fp = d.putArray("fp");
    for (Entry e : entries) {
      int i = e.index();
      JsonNumbers.add(tp, i < 0 ? 0 : at.truePositives(i));
      JsonNumbers.add(fp, i < 0 ? 0 : at.falsePositives(i));
    }
    return d;
  }
}

package dev.setpoint.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Policy.ActionDef;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Converts between a document tree and {@link Policy}, in both directions. Reading assumes the tree
 * passed the schema ({@link SchemaCheck}); it keeps NaN and infinite numbers as they are, for {@link
 * PolicyRules} to report with their paths.
 */
final class TreeBinding {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeBinding() {}

  // ---- tree to policy ----

  static Policy read(JsonNode root) {
    List<ActionDef> actions = new ArrayList<>();
    for (JsonNode a : root.path("actions")) {
      actions.add(new ActionDef(a.path("name").asText(), text(a, "description")));
    }
    List<Segment> segments = new ArrayList<>();
    for (JsonNode s : root.path("segments")) {
      segments.add(segment(s));
    }
    return new Policy(root.path("name").asText(), text(root, "description"), text(root, "version"),
        root.has("model") ? Optional.of(model(root.get("model"))) : Optional.empty(), actions,
        segments);
  }

  private static ModelRef model(JsonNode m) {
    Optional<ModelRef.ScoreRange> range = Optional.empty();
    JsonNode r = m.get("scoreRange");
    if (r != null) {
      double min = r.path("min").asDouble();
      double max = r.path("max").asDouble();
      // An impossible range is reported by PolicyRules from the tree; keep a placeholder here.
      range = Double.isFinite(min) && Double.isFinite(max) && min <= max
          ? Optional.of(new ModelRef.ScoreRange(min, max)) : Optional.empty();
    }
    return new ModelRef(m.path("name").asText(), m.path("version").asText(), instant(m, "trainedAt"),
        range);
  }

  private static Segment segment(JsonNode s) {
    Map<String, Condition> conditions = new LinkedHashMap<>();
    s.path("match").properties().forEach(e -> conditions.put(e.getKey(), condition(e.getValue())));
    List<Band> bands = new ArrayList<>();
    for (JsonNode b : s.path("bands")) {
      bands.add(new Band(b.path("action").asText(), number(b, "minScore"), text(b, "queue")));
    }
    Optional<Provenance> provenance = s.has("provenance")
        ? Optional.of(provenance(s.get("provenance"))) : Optional.empty();
    return new Segment(s.path("name").asText(), new Match(conditions), bands, provenance);
  }

  private static Condition condition(JsonNode c) {
    if (c.isObject()) {
      double lower = Double.NEGATIVE_INFINITY;
      boolean lowerInclusive = false;
      double upper = Double.POSITIVE_INFINITY;
      boolean upperInclusive = false;
      if (c.has("gte")) {
        lower = c.get("gte").asDouble();
        lowerInclusive = true;
      }
      if (c.has("gt") && (!c.has("gte") || c.get("gt").asDouble() >= lower)) {
        lower = c.get("gt").asDouble();
        lowerInclusive = false;
      }
      if (c.has("lte")) {
        upper = c.get("lte").asDouble();
        upperInclusive = true;
      }
      if (c.has("lt") && (!c.has("lte") || c.get("lt").asDouble() <= upper)) {
        upper = c.get("lt").asDouble();
        upperInclusive = false;
      }
      return new Condition.Range(nanToInfinity(lower, -1), lowerInclusive, nanToInfinity(upper, 1),
          upperInclusive);
    }
    List<String> values = new ArrayList<>();
    if (c.isArray()) {
      c.forEach(v -> values.add(v.asText()));
    } else {
      values.add(c.asText());
    }
    return new Condition.OneOf(values);
  }

  /** NaN bounds are reported by PolicyRules from the tree; the record keeps an open side instead. */
  private static double nanToInfinity(double bound, int side) {
    return Double.isNaN(bound) ? side * Double.POSITIVE_INFINITY : bound;
  }

  private static Provenance provenance(JsonNode p) {
    Optional<Provenance.DataFingerprint> data = Optional.empty();
    JsonNode d = p.get("data");
    if (d != null) {
      List<String> segment = new ArrayList<>();
      d.path("segment").forEach(v -> segment.add(v.asText()));
      data = Optional.of(new Provenance.DataFingerprint(text(d, "source"), d.path("sha256").asText(),
          segment, d.path("n").asLong(), d.path("positives").asDouble(), number(d, "negatives"),
          number(d, "minScore"), number(d, "maxScore")));
    }
    Optional<Provenance.Expected> expected = Optional.empty();
    JsonNode x = p.get("expected");
    if (x != null) {
      List<Provenance.BandExpectation> bands = new ArrayList<>();
      for (JsonNode b : x.path("bands")) {
        bands.add(new Provenance.BandExpectation(b.path("action").asText(), b.path("rows").asDouble(),
            b.path("positives").asDouble()));
      }
      expected = Optional.of(new Provenance.Expected(number(x, "precision"), number(x, "recall"),
          number(x, "flagRate"), bands));
    }
    Optional<Provenance.IntervalRecord> interval = Optional.empty();
    JsonNode i = p.get("interval");
    if (i != null) {
      interval = Optional.of(new Provenance.IntervalRecord(i.path("method").asText(),
          i.path("confidence").asDouble(), number(i, "precisionLower"), number(i, "precisionUpper"),
          number(i, "recallLower"), number(i, "recallUpper")));
    }
    Optional<Provenance.ModelVersion> model = Optional.empty();
    JsonNode m = p.get("model");
    if (m != null) {
      model = Optional.of(new Provenance.ModelVersion(m.path("name").asText(),
          m.path("version").asText()));
    }
    Optional<Provenance.ScoreHistogram> scores = Optional.empty();
    JsonNode h = p.get("scores");
    if (h != null) {
      List<Double> edges = new ArrayList<>();
      h.path("edges").forEach(v -> edges.add(v.asDouble()));
      List<Double> weights = new ArrayList<>();
      h.path("weights").forEach(v -> weights.add(v.asDouble()));
      scores = Optional.of(new Provenance.ScoreHistogram(edges, weights));
    }
    return new Provenance(p.path("objective").asText(), text(p, "note"), data, expected, interval,
        model, text(p, "createdBy"), instant(p, "createdAt"), text(p, "tool"), scores);
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static OptionalDouble number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
  }

  /** A date-time field; the schema's format check has vetted it, so a parse failure means absent. */
  static Optional<Instant> instant(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.asText()).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  // ---- policy to tree ----

  static ObjectNode write(Policy policy) {
    ObjectNode root = NODES.objectNode();
    root.put("apiVersion", Policy.API_VERSION);
    root.put("kind", Policy.KIND);
    root.put("name", policy.name());
    policy.description().ifPresent(v -> root.put("description", v));
    policy.version().ifPresent(v -> root.put("version", v));
    policy.model().ifPresent(m -> {
      ObjectNode node = root.putObject("model");
      node.put("name", m.name());
      node.put("version", m.version());
      m.trainedAt().ifPresent(t -> node.put("trainedAt", t.toString()));
      m.scoreRange().ifPresent(r -> node.putObject("scoreRange").put("min", r.min())
          .put("max", r.max()));
    });
    if (!policy.actions().isEmpty()) {
      ArrayNode actions = root.putArray("actions");
      for (ActionDef a : policy.actions()) {
        ObjectNode node = actions.addObject().put("name", a.name());
        a.description().ifPresent(v -> node.put("description", v));
      }
    }
    ArrayNode segments = root.putArray("segments");
    for (Segment s : policy.segments()) {
      ObjectNode node = segments.addObject();
      node.put("name", s.name());
      ObjectNode match = node.putObject("match");
      s.match().conditions().forEach((attribute, c) -> condition(match, attribute, c));
      ArrayNode bands = node.putArray("bands");
      for (Band b : s.bands()) {
        ObjectNode band = bands.addObject().put("action", b.action());
        b.minScore().ifPresent(t -> band.put("minScore", t));
        b.queue().ifPresent(q -> band.put("queue", q));
      }
      s.provenance().ifPresent(p -> provenance(node.putObject("provenance"), p));
    }
    return root;
  }

  private static void condition(ObjectNode match, String attribute, Condition c) {
    if (c instanceof Condition.OneOf one) {
      if (one.values().size() == 1) {
        match.put(attribute, one.values().get(0));
      } else {
        ArrayNode values = match.putArray(attribute);
        one.values().forEach(values::add);
      }
      return;
    }
    Condition.Range r = (Condition.Range) c;
    ObjectNode range = match.putObject(attribute);
    if (r.lower() != Double.NEGATIVE_INFINITY) {
      range.put(r.lowerInclusive() ? "gte" : "gt", r.lower());
    }
    if (r.upper() != Double.POSITIVE_INFINITY) {
      range.put(r.upperInclusive() ? "lte" : "lt", r.upper());
    }
  }

  private static void provenance(ObjectNode node, Provenance p) {
    node.put("objective", p.objective());
    p.note().ifPresent(v -> node.put("note", v));
    p.data().ifPresent(d -> {
      ObjectNode data = node.putObject("data");
      d.source().ifPresent(v -> data.put("source", v));
      data.put("sha256", d.sha256());
      if (!d.segment().isEmpty()) {
        ArrayNode seg = data.putArray("segment");
        d.segment().forEach(seg::add);
      }
      data.put("n", d.n());
      putNumber(data, "positives", d.positives());
      d.negatives().ifPresent(v -> putNumber(data, "negatives", v));
      d.minScore().ifPresent(v -> data.put("minScore", v));
      d.maxScore().ifPresent(v -> data.put("maxScore", v));
    });
    p.expected().ifPresent(x -> {
      ObjectNode expected = node.putObject("expected");
      optional(expected, "precision", x.precision());
      optional(expected, "recall", x.recall());
      optional(expected, "flagRate", x.flagRate());
      if (!x.bands().isEmpty()) {
        ArrayNode bands = expected.putArray("bands");
        for (Provenance.BandExpectation b : x.bands()) {
          ObjectNode band = bands.addObject().put("action", b.action());
          putNumber(band, "rows", b.rows());
          putNumber(band, "positives", b.positives());
          double precision = b.precision();
          if (Double.isNaN(precision)) {
            band.putNull("precision");
          } else {
            band.put("precision", precision);
          }
        }
      }
    });
    p.interval().ifPresent(i -> {
      ObjectNode interval = node.putObject("interval");
      interval.put("method", i.method());
      interval.put("confidence", i.confidence());
      i.precisionLower().ifPresent(v -> interval.put("precisionLower", v));
      i.precisionUpper().ifPresent(v -> interval.put("precisionUpper", v));
      i.recallLower().ifPresent(v -> interval.put("recallLower", v));
      i.recallUpper().ifPresent(v -> interval.put("recallUpper", v));
    });
    p.model().ifPresent(m -> node.putObject("model").put("name", m.name()).put("version", m.version()));
    p.createdBy().ifPresent(v -> node.put("createdBy", v));
    p.createdAt().ifPresent(v -> node.put("createdAt", v.toString()));
    p.tool().ifPresent(v -> node.put("tool", v));
    p.scores().ifPresent(h -> {
      ObjectNode scores = node.putObject("scores");
      ArrayNode edges = scores.putArray("edges");
      h.edges().forEach(edges::add);
      ArrayNode weights = scores.putArray("weights");
      h.weights().forEach(w -> {
        if (w == Math.rint(w) && Math.abs(w) < 0x1p53) {
          weights.add((long) (double) w);
        } else {
          weights.add(w);
        }
      });
    });
  }

  private static void optional(ObjectNode node, String field, OptionalDouble value) {
    if (value.isPresent() && !Double.isNaN(value.getAsDouble())) {
      node.put(field, value.getAsDouble());
    } else {
      node.putNull(field);
    }
  }

  /** Whole counts as integers (rows: 12, not 12.0); weighted counts keep their fraction. */
  private static void putNumber(ObjectNode node, String field, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
      node.put(field, (long) v);
    } else {
      node.put(field, v);
    }
  }
}

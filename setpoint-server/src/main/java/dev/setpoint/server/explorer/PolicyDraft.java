package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.SettingsBuilder;
import dev.setpoint.policy.ToolVersion;
import dev.setpoint.policy.Validation;
import dev.setpoint.select.Bands;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.stats.IntervalMethod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Save as policy": the answer to {@code POST /v1/explorer/datasets/{id}/policy}. The body says what
 * the policy's thresholds are — exactly one of
 *
 * <ul>
 *   <li>{@code "threshold": 0.42} — one threshold set by hand (the objective {@code threshold=0.42});
 *   <li>{@code "objective": "cost:fn=10,fp=1"} — what an objective chooses;
 *   <li>{@code "bands": {"block": 0.9, "review": 0.4}} — block and review thresholds set by hand;
 *   <li>{@code "jointBands": {"blockPrecision": 0.95, "reviewCapacity": "flags<=500/day,volume=120000/day"}}
 *       — bands chosen jointly ({@code docs/definitions.md#bands});
 * </ul>
 *
 * <p>and, optionally, {@code name} (required), {@code segments} (one segment per segment key, with
 * fallbacks; default: when the data has segment columns), {@code minPositives} (30), {@code minFlags}
 * (0), {@code action} ({@code review}), {@code queue}, {@code modelName}, {@code modelVersion}, {@code
 * createdBy} (default: the caller's token name), {@code confidence} (0.95) and {@code interval} ({@code
 * clopper-pearson}). The policy is built by {@link ChosenPolicy}, as {@code setpoint choose -o} builds
 * it, on all the data set's rows (never on a lab view), validated, and returned as a JSON document and
 * as YAML with the validator's warnings; the page then stores it with {@code PUT /v1/policies/{name}}
 * or downloads it.
 */
final class PolicyDraft {

  private PolicyDraft() {}

  /**
   * The drafted policy of the body's request on {@code d}.
   *
   * @param caller who asks: the policy's {@code createdBy} unless the body names one
   * @param clock when the policy was drafted, for its provenance
   * @param tool the program that drafts it
   */
  static ObjectNode of(Dataset d, JsonNode body, String caller, Clock clock, ToolVersion tool) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object", List.of());
    }
    String name = text(body, "name").orElseThrow(() -> ApiException.field("/name", "required"));
    boolean segmented = body.has("segments") ? bool(body, "segments")
        : !d.segmentColumns().isEmpty();
    SettingsBuilder settings = ChosenPolicy.Settings.builder(name, clock).tool(tool)
        .scoresSeen(ChosenPolicy.span(d.overall()));
    Optional<String> modelName = text(body, "modelName");
    if (modelName.isEmpty() && body.hasNonNull("modelVersion")) {
      throw ApiException.field("/modelVersion", "needs modelName");
    }
    modelName.ifPresent(m -> settings.model(m, text(body, "modelVersion")));
    String method = text(body, "interval").orElse("clopper-pearson");
    IntervalMethod intervals = switch (method.toLowerCase(Locale.ROOT)) {
      case "clopper-pearson" -> IntervalMethod.CLOPPER_PEARSON;
      case "wilson" -> IntervalMethod.WILSON;
      default -> throw ApiException.field("/interval", "must be clopper-pearson or wilson, was "
          + Params.quoted(method));
    };
    double confidence = number(body, "confidence", 0.95);
    if (!(confidence > 0 && confidence < 1)) {
      throw ApiException.field("/confidence", "must be in (0, 1), was " + body.get("confidence"));
    }
    settings.intervals(intervals, confidence).createdBy(text(body, "createdBy").orElse(caller));
    text(body, "action").ifPresent(settings::flagAction);
    text(body, "queue").ifPresent(settings::queue);
    ChosenPolicy chosen = new ChosenPolicy(settings.build(), d.policyData(segmented));
    Policy policy;
    try {
      policy = build(d, body, chosen, segmented);
    } catch (DataFormatException e) {
      throw ApiException.unprocessable("infeasible", "No policy can be written",
          String.valueOf(e.getMessage()), List.of());
    }
    Validation v = PolicyDocuments.validate(policy);
    if (v instanceof Validation.Invalid invalid) {
      throw ApiException.invalidPolicy("The policy would be invalid", invalid);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", policy.name());
    out.put("segments", policy.segments().size());
    out.set("document", PolicyDocuments.toTree(policy));
    out.put("yaml", PolicyDocuments.write(policy, PolicyDocuments.Format.YAML));
    ArrayNode warnings = out.putArray("warnings");
    for (Problem w : v.warnings()) {
      warnings.addObject().put("pointer", w.pointer()).put("message", w.message());
    }
    return out;
  }

  private static Policy build(Dataset d, JsonNode body, ChosenPolicy chosen, boolean segmented)
      throws DataFormatException {
    List<String> given = new ArrayList<>();
    for (String f : List.of("threshold", "objective", "bands", "jointBands")) {
      if (body.hasNonNull(f)) {
        given.add(f);
      }
    }
    if (given.size() != 1) {
      throw ApiException.badRequest("give exactly one of threshold, objective, bands and jointBands "
          + "(got " + (given.isEmpty() ? "none" : String.join(", ", given)) + ")", List.of(
              new ApiException.FieldError("/threshold", "give exactly one way to set thresholds")));
    }
    switch (given.get(0)) {
      case "threshold", "objective" -> {
        Objective objective = given.get(0).equals("threshold")
            ? parse("threshold=" + finite(body, "", "threshold"), "/threshold")
            : parse(text(body, "objective").orElseThrow(), "/objective");
        double minPositives = number(body, "minPositives", 30);
        double minFlags = number(body, "minFlags", 0);
        if (!(minPositives >= 0) || !(minFlags >= 0)) {
          throw ApiException.field("/minPositives", "minPositives and minFlags must be >= 0");
        }
        List<SegmentedSelection.Choice> choices = segmented
            ? new SegmentedSelection(objective, minPositives, minFlags).choose(d.overall(),
                d.segments(), d.segmentColumns().size())
            : List.of(new SegmentedSelection.Choice(SegmentKey.NONE, objective.select(d.overall()),
                objective.select(d.overall()), SegmentKey.NONE, Optional.empty()));
        return chosen.single(objective.syntax(), choices);
      }
      case "bands" -> {
        JsonNode b = body.get("bands");
        double block = finite(b, "/bands", "block");
        double review = finite(b, "/bands", "review");
        if (review > block) {
          throw ApiException.field("/bands/review", "must be <= block (" + block + "), was " + review);
        }
        return chosen.banded("bands set by hand: block score >= " + block + ", review score >= "
            + review, c -> Bands.at(c, block, review));
      }
      default -> {
        JsonNode b = body.get("jointBands");
        double p = finite(b, "/jointBands", "blockPrecision");
        JsonNode c = b.get("reviewCapacity");
        if (c == null || !c.isTextual() || c.asText().isBlank()) {
          throw ApiException.field("/jointBands/reviewCapacity", "required: a budget such as "
              + "flags<=500/day,volume=120000/day, was " + c);
        }
        String capacity = c.asText().trim();
        Bands bands;
        try {
          Objective budget = ObjectiveParser.parse("budget:" + capacity);
          if (budget.deploymentPrevalence().isPresent()) { // "…;prevalence=Q" after the budget
            throw ApiException.field("/jointBands/reviewCapacity", "must be a plain budget "
                + "(flags<=K, rate<=X or flags<=K/day,volume=V/day), was "
                + Params.quoted(capacity));
          }
          bands = new Bands(p, budget);
        } catch (ObjectiveSyntaxException e) {
          throw ApiException.field("/jointBands/reviewCapacity", e.problem()
              + " (expected flags<=K, rate<=X or flags<=K/day,volume=V/day)");
        } catch (IllegalArgumentException e) {
          throw ApiException.field("/jointBands/blockPrecision", String.valueOf(e.getMessage()));
        }
        return chosen.banded("bands: block precision>=" + p + ", review " + capacity,
            bands::choose);
      }
    }
  }

  private static Objective parse(String text, String pointer) {
    try {
      return ObjectiveParser.parse(text);
    } catch (ObjectiveSyntaxException e) {
      throw ApiException.field(pointer, Params.quoted(text) + ": " + e.problem());
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiException.field("/" + field, "must be text, was " + v);
    }
    return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().trim());
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (!v.isBoolean()) {
      throw ApiException.field("/" + field, "must be true or false, was " + v);
    }
    return v.asBoolean();
  }

  private static double number(JsonNode node, String field, double otherwise) {
    return number(node, "", field, otherwise);
  }

  /** A number field of {@code node}, found at the JSON pointer {@code at + "/" + field}. */
  private static double number(JsonNode node, String at, String field, double otherwise) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw ApiException.field(at + "/" + field, "must be a finite number, was " + v);
    }
    return v.asDouble();
  }

  /** A required finite number. */
  private static double finite(JsonNode node, String at, String field) {
    if (node == null || !node.isObject()) {
      throw ApiException.field(at, "must be an object");
    }
    double v = number(node, at, field, Double.NaN);
    if (Double.isNaN(v)) {
      throw ApiException.field(at + "/" + field, "required: a finite number");
    }
    return v;
  }
}

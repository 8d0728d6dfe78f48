package dev.setpoint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Label;
import dev.setpoint.server.store.Store;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints over the audit log: a decision's record, labels, monitoring against each version's
 * promise, and replay of a candidate over logged decisions.
 */
final class LogEndpoints {

  private final Store store;
  private final Access access;
  private final ActivePolicies active;
  private final RouteBodies bodies;
  private final int maxBatch;
  private final Clock clock;
  private final BulkLabels bulk;

  /**
   * @param maxBatch the most labels in one request
   * @param clock when labels arrive, and the end of a monitor or replay window not given
   * @param budget what a CSV or JSON Lines body of labels holds while it is read
   */
  LogEndpoints(Store store, Access access, ActivePolicies active, RouteBodies bodies,
      int maxBatch, Clock clock, BodyBudget budget) {
    this.store = store;
    this.access = access;
    this.active = active;
    this.bodies = bodies;
    this.maxBatch = maxBatch;
    this.clock = clock;
    this.bulk = new BulkLabels(store, budget);
  }

  /** Adds its routes: a policy's monitor and replay, a decision's record, labels. */
  void register(RouteTable routes) {
    routes.add("GET", "/v1/policies/{name}/monitor", this::monitor);
    routes.add("POST", "/v1/policies/{name}/replay", MediaTypes.JSON, this::replay);
    routes.add("GET", "/v1/decisions/{id}", this::decision);
    routes.add("POST", "/v1/labels", MediaTypes.LABELS, this::labels);
  }

  /** {@code GET /v1/decisions/{id}}: the audit record (role read). */
  private void decision(Context ctx) {
    access.require(ctx, Access.Role.READ);
    String id = ctx.pathParam("id");
    DecisionRecord r = store.decision(id).orElseThrow(() ->
        ApiException.notFound("no decision with id '" + id + "'"));
    Optional<Label> label = store.label(id);
    ctx.contentType("application/json").result(DecisionJson.streamed(512, g -> {
      g.writeStartObject();
      DecisionJson.decision(g, r);
      g.writeNumberField("score", r.score());
      g.writeFieldName("attributes");
      g.writeRawValue(r.attributes());
      if (label.isPresent()) {
        g.writeObjectFieldStart("label");
        g.writeBooleanField("positive", label.get().positive());
        g.writeStringField("at", label.get().at().toString());
        g.writeStringField("by", label.get().by());
        g.writeEndObject();
      }
      g.writeEndObject();
    }));
  }

  /** The fields of a label. */
  private static final List<String> LABEL_FIELDS = List.of("decisionId", "positive");

  /**
   * One label {@code {decisionId, positive}} at pointer {@code at}; {@code single} when it is the body
   * itself (which may not hold {@code labels} as well, or it would be a list).
   */
  static Label label(JsonNode item, String at, Instant now, Access.Principal who,
      boolean single) {
    if (!item.isObject()) {
      throw ApiException.field(at, "must be an object {decisionId, positive}");
    }
    Requests.onlyFields(item, at, single ? List.of("decisionId", "positive", "labels") : LABEL_FIELDS,
        single ? "a body of one label, or of several in labels," : "a label");
    String id = Requests.text(item, at, "decisionId");
    JsonNode positive = item.get("positive");
    if (positive == null || positive.isNull()) {
      throw ApiException.field(at + "/positive", "required");
    }
    if (!positive.isBoolean()) {
      throw ApiException.field(at + "/positive", "must be true or false, was "
          + Requests.shown(positive));
    }
    return new Label(id, positive.asBoolean(), now, who.name());
  }

  /**
   * {@code POST /v1/labels}: outcomes of decisions (role label): a JSON document, or many labels as
   * CSV or JSON Lines, streamed ({@link BulkLabels}).
   */
  private void labels(Context ctx) {
    Access.Principal who = access.require(ctx, Access.Role.LABEL);
    Optional<BulkLabels.Format> lines = BulkLabels.of(ctx.contentType());
    if (lines.isPresent()) {
      ObjectNode summary;
      try (java.io.InputStream body = ctx.req().getInputStream()) {
        summary = bulk.read(body, lines.get(), clock.instant(), who);
      } catch (java.io.IOException e) {
        throw ApiException.badRequest("the request body could not be read (the connection failed "
            + "or did not send it in time)", List.of());
      }
      ctx.contentType("application/json").result(summary.toString());
      return;
    }
    JsonNode body = Requests.object(bodies.read(ctx));
    JsonNode list = body.has("labels") ? body.get("labels") : null;
    List<JsonNode> items = new ArrayList<>();
    String base;
    if (list == null) {
      items.add(body);
      base = "";
    } else if (list.isArray() && !list.isEmpty() && list.size() <= maxBatch) {
      Requests.onlyFields(body, "", List.of("labels"), "a body of several labels");
      list.forEach(items::add);
      base = "/labels/";
    } else {
      throw ApiException.field("/labels", "must be an array of 1 to " + maxBatch
          + " labels {decisionId, positive}");
    }
    Instant now = clock.instant();
    List<Label> labels = new ArrayList<>();
    FieldErrors errors = new FieldErrors();
    for (int i = 0; i < items.size(); i++) {
      String at = base.isEmpty() ? "" : base + i;
      JsonNode item = items.get(i);
      try {
        labels.add(label(item, at, now, who, base.isEmpty()));
      } catch (ApiException e) {
        errors.add(e);
      }
    }
    errors.throwIfAny();
    List<Label.Outcome> outcomes = store.putLabels(labels);
    ObjectNode out = Requests.JSON.createObjectNode();
    ArrayNode results = out.putArray("results");
    for (int i = 0; i < labels.size(); i++) {
      results.addObject().put("decisionId", labels.get(i).decisionId())
          .put("outcome", outcomes.get(i).name().toLowerCase(Locale.ROOT));
    }
    ctx.contentType("application/json").result(out.toString());
  }

  private static final java.time.Duration DEFAULT_MONITOR_WINDOW = java.time.Duration.ofDays(30);
  private static final java.time.Duration DEFAULT_REPLAY_WINDOW = java.time.Duration.ofDays(7);

  private static Instant instant(String text, String pointer, Instant otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return Instant.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.field(pointer, "must be an instant such as 2026-11-23T10:00:00Z, was '"
          + text + "'");
    }
  }

  /** {@code GET /v1/policies/{name}/monitor} (role read). */
  private void monitor(Context ctx) {
    access.require(ctx, Access.Role.READ);
    String name = ctx.pathParam("name");
    if (store.latest(name).isEmpty()) {
      throw ApiException.notFound("no policy '" + name + "'");
    }
    Instant to = instant(ctx.queryParam("to"), "?to", clock.instant());
    Instant from = instant(ctx.queryParam("from"), "?from", to.minus(DEFAULT_MONITOR_WINDOW));
    double confidence = 0.95;
    String c = ctx.queryParam("confidence");
    if (c != null) {
      try {
        confidence = Double.parseDouble(c);
      } catch (NumberFormatException e) {
        confidence = Double.NaN;
      }
      if (!(confidence > 0 && confidence < 1)) {
        throw ApiException.field("?confidence", "must be in (0, 1), was '" + c + "'");
      }
    }
    Map<Long, dev.setpoint.policy.Policy> documents = new ConcurrentHashMap<>();
    ObjectNode report = dev.setpoint.server.monitor.Monitor.report(store, name, from, to,
        version -> documents.computeIfAbsent(version, v -> active.policy(name, v)), confidence);
    ctx.contentType("application/json").result(report.toString());
  }

  /** {@code POST /v1/policies/{name}/replay} (role read). */
  private void replay(Context ctx) {
    access.require(ctx, Access.Role.READ);
    String name = ctx.pathParam("name");
    if (store.latest(name).isEmpty()) {
      throw ApiException.notFound("no policy '" + name + "'");
    }
    JsonNode body = Requests.object(bodies.read(ctx));
    Requests.onlyFields(body, "", List.of("version", "document", "from", "to"), "a replay");
    Decider candidate;
    if (body.has("document") == body.has("version")) {
      throw ApiException.badRequest("give the candidate as exactly one of version (a stored "
          + "version) and document (a policy document)", List.of(
              new ApiException.FieldError("/document", "give document or version")));
    } else if (body.has("version")) {
      candidate = Decider.compile(active.policy(name, Requests.positiveLong(body, "", "version")));
    } else {
      Validation v = PolicyDocuments.validate(body.get("document"), "candidate");
      if (v instanceof Validation.Invalid invalid) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (Problem p : invalid.errors()) {
          errors.add(new ApiException.FieldError("/document" + p.pointer(), p.message()));
        }
        throw ApiException.unprocessable("invalid-policy", "The candidate policy is invalid",
            invalid.errors().size() + " error(s)", errors);
      }
      candidate = Decider.compile((Validation.Valid) v);
    }
    Instant to = instant(body.path("to").asText(null), "/to", clock.instant());
    Instant from = instant(body.path("from").asText(null), "/from", to.minus(DEFAULT_REPLAY_WINDOW));
    ObjectNode report = dev.setpoint.server.monitor.Replay.report(store, name, from, to, candidate);
    ctx.contentType("application/json").result(report.toString());
  }
}

package dev.setpoint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.spelling.Printable;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The policy endpoints: store a version ({@code If-Match} for optimistic concurrency), read versions
 * and their events, activate and roll back. Every change is logged with who made it.
 */
final class PolicyEndpoints {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      PolicyEndpoints.class);

  private final Store store;
  private final Access access;
  private final ActivePolicies active;
  private final RouteBodies bodies;

  PolicyEndpoints(Store store, Access access, ActivePolicies active, RouteBodies bodies) {
    this.store = store;
    this.access = access;
    this.active = active;
    this.bodies = bodies;
  }

  /** Adds its routes: list, store, read, versions, activate, roll back. */
  void register(RouteTable routes) {
    routes.add("GET", "/v1/policies", this::list);
    routes.add("PUT", "/v1/policies/{name}", MediaTypes.JSON_OR_YAML, this::put);
    routes.add("GET", "/v1/policies/{name}", this::get);
    routes.add("GET", "/v1/policies/{name}/versions", this::versions);
    routes.add("POST", "/v1/policies/{name}/activate", MediaTypes.JSON,
        ctx -> activate(ctx, PolicyEvent.Kind.ACTIVATE));
    routes.add("POST", "/v1/policies/{name}/rollback", MediaTypes.JSON,
        ctx -> activate(ctx, PolicyEvent.Kind.ROLLBACK));
  }

  /** {@code PUT /v1/policies/{name}}: a new version (role edit). */
  private void put(Context ctx) {
    Access.Principal who = access.require(ctx, Access.Role.EDIT);
    String name = ctx.pathParam("name");
    PolicyDocuments.Format format = MediaTypes.isYaml(ctx.contentType())
        ? PolicyDocuments.Format.YAML : PolicyDocuments.Format.JSON;
    Validation v = PolicyDocuments.parse(new String(bodies.read(ctx), StandardCharsets.UTF_8), format,
        "request body");
    if (v instanceof Validation.Invalid invalid) {
      throw ApiException.invalidPolicy("The policy is invalid", invalid);
    }
    Validation.Valid valid = (Validation.Valid) v;
    if (!valid.policy().name().equals(name)) {
      throw ApiException.unprocessable("name-mismatch", "The policy name does not match the URL",
          "the document is named '" + valid.policy().name() + "' but was sent to /v1/policies/"
              + name, List.of(new ApiException.FieldError("/name", "must be '" + name + "'")));
    }
    OptionalLong expected = ifMatch(ctx.header("If-Match"));
    String canonical = PolicyDocuments.write(valid.policy(), PolicyDocuments.Format.JSON);
    Store.PutResult r = store.putPolicy(name, canonical, valid.sha256(), who.name(),
        Optional.ofNullable(ctx.header("X-Setpoint-Comment")), expected);
    if (r instanceof Store.PutResult.Conflict c) {
      throw ApiException.preconditionFailed("If-Match names version " + c.expected()
          + " but the latest version of '" + name + "' is " + c.latest()
          + "; read it, merge your change, and send it again");
    }
    PolicyVersion created = ((Store.PutResult.Created) r).version();
    LOG.info("policy {} version {} stored by {} (sha256 {})", name, created.version(), who.name(),
        created.sha256());
    ObjectNode out = metadata(created);
    ArrayNode warnings = out.putArray("warnings");
    for (Problem w : valid.warnings()) {
      warnings.addObject().put("pointer", w.pointer()).put("message", w.message());
    }
    ctx.status(201).header("ETag", "\"" + created.version() + "\"")
        .header("Location", "/v1/policies/" + pathSegment(name) + "?version=" + created.version())
        .contentType("application/json").result(out.toString());
  }

  /** {@code text} percent-encoded as one path segment (RFC 3986: every byte but the unreserved). */
  static String pathSegment(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static OptionalLong ifMatch(String header) {
    if (header == null || header.isBlank() || header.trim().equals("*")) {
      return OptionalLong.empty();
    }
    String h = header.trim();
    if (h.startsWith("W/")) {
      h = h.substring(2);
    }
    h = h.replace("\"", "");
    try {
      long v = Long.parseLong(h);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return OptionalLong.of(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("If-Match must be the ETag of the version you read, such as "
          + "\"3\" (or \"0\" for a new policy), was " + Printable.quoted(header, 100), List.of());
    }
  }

  private ObjectNode metadata(PolicyVersion v) {
    ObjectNode out = Requests.JSON.createObjectNode();
    out.put("name", v.name());
    out.put("version", v.version());
    out.put("sha256", v.sha256());
    out.put("createdAt", v.createdAt().toString());
    out.put("createdBy", v.createdBy());
    v.comment().ifPresent(c -> out.put("comment", c));
    OptionalLong act = store.activeVersion(v.name());
    out.put("active", act.isPresent() && act.getAsLong() == v.version());
    return out;
  }

  /** {@code GET /v1/policies/{name}[?version=N]} (role read). */
  private void get(Context ctx) {
    access.require(ctx, Access.Role.READ);
    String name = ctx.pathParam("name");
    String versionParam = ctx.queryParam("version");
    Optional<PolicyVersion> v;
    if (versionParam == null) {
      v = store.latest(name);
    } else {
      long version;
      try {
        version = Long.parseLong(versionParam);
      } catch (NumberFormatException e) {
        throw ApiException.field("?version", "must be an integer, was '" + versionParam + "'");
      }
      v = store.policy(name, version);
    }
    PolicyVersion found = v.orElseThrow(() -> ApiException.notFound("no policy '" + name + "'"
        + (versionParam == null ? "" : " version " + versionParam)));
    ObjectNode out = metadata(found);
    try {
      out.set("document", Requests.JSON.readTree(found.document()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a stored document is not JSON", e);
    }
    ctx.header("ETag", "\"" + found.version() + "\"").contentType("application/json")
        .result(out.toString());
  }

  /**
   * {@code GET /v1/policies}: every policy with its active version (null when none was activated),
   * how many versions it has and its last activation or rollback (role read).
   */
  private void list(Context ctx) {
    access.require(ctx, Access.Role.READ);
    ObjectNode out = Requests.JSON.createObjectNode();
    ArrayNode policies = out.putArray("policies");
    for (String name : store.policyNames()) {
      ObjectNode node = policies.addObject().put("name", name);
      OptionalLong act = store.activeVersion(name);
      if (act.isPresent()) {
        node.put("activeVersion", act.getAsLong());
      } else {
        node.putNull("activeVersion");
      }
      // Versions are numbered 1, 2, … without gaps: the latest one's number is their count.
      node.put("versions", store.latest(name).map(PolicyVersion::version).orElse(0L));
      List<PolicyEvent> events = store.events(name);
      if (events.isEmpty()) {
        node.putNull("lastEvent");
      } else {
        PolicyEvent e = events.get(events.size() - 1);
        node.putObject("lastEvent").put("kind", e.kind().name().toLowerCase(Locale.ROOT))
            .put("version", e.version()).put("at", e.at().toString()).put("by", e.by());
      }
    }
    ctx.contentType("application/json").result(out.toString());
  }

  /** {@code GET /v1/policies/{name}/versions}: every version and event (role read). */
  private void versions(Context ctx) {
    access.require(ctx, Access.Role.READ);
    String name = ctx.pathParam("name");
    List<PolicyVersion> all = store.versions(name);
    if (all.isEmpty()) {
      throw ApiException.notFound("no policy '" + name + "'");
    }
    ObjectNode out = Requests.JSON.createObjectNode();
    out.put("name", name);
    OptionalLong act = store.activeVersion(name);
    if (act.isPresent()) {
      out.put("activeVersion", act.getAsLong());
    } else {
      out.putNull("activeVersion");
    }
    ArrayNode versions = out.putArray("versions");
    all.forEach(v -> versions.add(metadata(v)));
    ArrayNode events = out.putArray("events");
    for (PolicyEvent e : store.events(name)) {
      ObjectNode node = events.addObject();
      node.put("id", e.id()).put("kind", e.kind().name().toLowerCase(Locale.ROOT))
          .put("version", e.version()).put("at", e.at().toString()).put("by", e.by())
          .put("reason", e.reason());
      e.previous().ifPresent(p -> node.put("previousVersion", p));
    }
    ctx.contentType("application/json").result(out.toString());
  }

  /** {@code POST …/activate} and {@code …/rollback} (role edit): a recorded event. */
  private void activate(Context ctx, PolicyEvent.Kind kind) {
    Access.Principal who = access.require(ctx, Access.Role.EDIT);
    String name = ctx.pathParam("name");
    JsonNode body = Requests.object(bodies.read(ctx));
    Requests.onlyFields(body, "", List.of("version", "reason"),
        kind == PolicyEvent.Kind.ROLLBACK ? "a rollback" : "an activation");
    long version = Requests.positiveLong(body, "", "version");
    String reason = Requests.text(body, "", "reason");
    if (store.latest(name).isEmpty()) {
      throw ApiException.notFound("no policy '" + name + "'");
    }
    Store.ActivateResult r = store.activate(name, version, kind, who.name(), reason);
    // Served here at once, not when the change is heard of; AlreadyActive too, since another
    // instance may have activated it. The event orders this against a refresh from the store.
    if (r instanceof Store.ActivateResult.Activated a) {
      active.install(name, version, a.event().id());
    } else if (r instanceof Store.ActivateResult.AlreadyActive a) {
      active.install(name, version, a.since().id());
    }
    if (r instanceof Store.ActivateResult.AlreadyActive already) {
      PolicyEvent since = already.since();
      throw ApiException.conflict("already-active", "version " + version + " of '" + name
          + "' is already active (" + since.kind().name().toLowerCase(Locale.ROOT) + " by "
          + since.by() + " at " + since.at() + "); nothing was recorded. Name another version "
          + "to change what decides");
    }
    if (r instanceof Store.ActivateResult.UnknownVersion u) {
      throw ApiException.field("/version", "policy '" + name + "' has no version " + version
          + " (latest: " + u.latest() + ")");
    }
    PolicyEvent e = ((Store.ActivateResult.Activated) r).event();
    LOG.info("policy {}: {} of version {} by {} (was {}): {}", name,
        e.kind().name().toLowerCase(Locale.ROOT), e.version(), e.by(),
        e.previous().isPresent() ? Long.toString(e.previous().getAsLong()) : "none", e.reason());
    ObjectNode out = Requests.JSON.createObjectNode();
    out.put("name", name).put("activeVersion", e.version()).put("event", e.id())
        .put("kind", e.kind().name().toLowerCase(Locale.ROOT)).put("at", e.at().toString());
    e.previous().ifPresent(p -> out.put("previousVersion", p));
    ctx.contentType("application/json").result(out.toString());
  }
}

package dev.setpoint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.audit.AuditLog;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Label;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.tls.TlsMaterial;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision service over HTTP (Javalin on Jetty): decide, policy versions and activation, the
 * audit record of a decision, labels, health and metrics. Every refusal is an RFC 9457 problem (JSON,
 * 4xx); a decision is answered only after its audit record is committed ({@link AuditLog}).
 */
public final class DecisionServer implements AutoCloseable {

  /**
   * How the server runs.
   *
   * @param host the address to bind, e.g. 127.0.0.1
   * @param port the port, 0 for any free one
   * @param maxBatch the most requests in one {@code /v1/decide/batch}
   * @param maxBodyBytes the largest request body accepted
   * @param access the tokens and their roles
   * @param logDecisions whether decisions are logged before they are answered; off only to measure
   *     what durability costs, since without it there is no audit trail
   * @param drainTimeout how long a stop waits for the requests in flight to be answered
   * @param tls the certificate chain and key to serve HTTPS (HTTP/2 and HTTP/1.1) with, instead of
   *     plain HTTP; empty for plain HTTP
   */
  public record Options(String host, int port, int maxBatch, long maxBodyBytes, Access access,
      boolean logDecisions, java.time.Duration drainTimeout, Optional<TlsMaterial> tls) {

    /**
     * Loopback, a free port, batches of up to 10,000, bodies of up to 8 MiB, no tokens, logging, 30
     * seconds to drain, plain HTTP.
     */
    public static Options defaults() {
      return new Options("127.0.0.1", 0, 10_000, 8L << 20, Access.open(), true,
          java.time.Duration.ofSeconds(30), Optional.empty());
    }

    /** The same options with tokens and roles. */
    public Options withAccess(Access tokens) {
      return new Options(host, port, maxBatch, maxBodyBytes, tokens, logDecisions, drainTimeout,
          tls);
    }

    /** The same options, serving HTTPS with {@code material}. */
    public Options withTls(TlsMaterial material) {
      return new Options(host, port, maxBatch, maxBodyBytes, access, logDecisions, drainTimeout,
          Optional.of(material));
    }
  }

  private final Store store;
  private final AuditLog audit;
  private final Options options;
  private final ActivePolicies active;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RequestMetrics requestMetrics = new RequestMetrics(metrics);
  private final List<String> routes = new ArrayList<>();
  private final Javalin app;
  private final org.eclipse.jetty.server.handler.GracefulHandler graceful;

  private DecisionServer(Store store, Options options, Explorer.Limits explorerLimits) {
    this.store = store;
    this.options = options;
    Explorer explorer = new Explorer(store, options.access(), explorerLimits,
        java.time.Clock.systemUTC());
    this.audit = new AuditLog(store, 100_000, 5_000);
    Gauge.builder("setpoint_audit_waiting", audit, AuditLog::waiting)
        .description("Decision appends waiting for a commit").register(metrics);
    Gauge.builder("setpoint_audit_commits", audit, AuditLog::commits)
        .description("Audit log commits").register(metrics);
    this.active = new ActivePolicies(store);
    DecideHandler decide = new DecideHandler(
        new Decisions(active, audit, options.logDecisions(), options.maxBatch(), metrics),
        options.access(), options.maxBodyBytes(), requestMetrics);
    this.graceful = new org.eclipse.jetty.server.handler.GracefulHandler(decide);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = options.maxBodyBytes();
      // Answers are small JSON; compressing them costs more CPU than it saves on a data-centre link.
      cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
      cfg.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
      cfg.routes.after(this::timeRequest);
      route(cfg, "GET", "/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      route(cfg, "GET", "/openapi.json", ctx -> ctx.contentType("application/json").result(OPENAPI));
      route(cfg, "GET", "/readyz", this::ready);
      route(cfg, "GET", "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
          .result(metrics.scrape()));
      // The decide endpoints are served in front of Javalin, on Jetty's core API (DecideHandler).
      // Outermost, GracefulHandler lets a stop refuse new requests (503) and wait for those in
      // flight, up to the drain timeout, before the connectors close.
      cfg.jetty.modifyServer(server -> {
        server.setHandler(graceful);
        server.setStopTimeout(options.drainTimeout().toMillis());
      });
      // With a certificate, the one connector is TLS (HTTP/2 and HTTP/1.1); Javalin adds its plain
      // one only when there is none.
      options.tls().ifPresent(tls -> cfg.jetty.addConnector((server, http) ->
          TlsConnector.create(server, http, tls, options.host(), options.port())));
      routes.add("POST " + DecideHandler.SINGLE);
      routes.add("POST " + DecideHandler.BATCH);
      route(cfg, "PUT", "/v1/policies/{name}", this::putPolicy);
      route(cfg, "GET", "/v1/policies/{name}", this::getPolicy);
      route(cfg, "GET", "/v1/policies/{name}/versions", this::versions);
      route(cfg, "POST", "/v1/policies/{name}/activate",
          ctx -> activate(ctx, PolicyEvent.Kind.ACTIVATE));
      route(cfg, "POST", "/v1/policies/{name}/rollback",
          ctx -> activate(ctx, PolicyEvent.Kind.ROLLBACK));
      route(cfg, "GET", "/v1/policies/{name}/monitor", this::monitor);
      route(cfg, "POST", "/v1/policies/{name}/replay", this::replay);
      route(cfg, "GET", "/v1/decisions/{id}", this::getDecision);
      route(cfg, "POST", "/v1/labels", this::labels);
      explorer.register(cfg, (method, path, handler) -> route(cfg, method, path, handler));
      cfg.routes.exception(Exception.class, (e, ctx) ->
          problem(ctx, ApiException.answering(e, ctx.method() + " " + ctx.path())));
      cfg.routes.error(404, "*", ctx -> problemUnlessAnswered(ctx,
          () -> ApiException.notFound("no such endpoint: " + ctx.method() + " " + ctx.path())));
      // The explorer's uploads answer their own 413 (a file over its bound): keep that problem.
      cfg.routes.error(413, "*", ctx -> problemUnlessAnswered(ctx,
          () -> ApiException.tooLarge(options.maxBodyBytes())));
    });
  }

  private static final String STARTED = "setpoint.started";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionServer.class);

  /** The OpenAPI document, from the jar. */
  static final String OPENAPI = openApi();

  private static String openApi() {
    try (java.io.InputStream in = DecisionServer.class.getResourceAsStream(
        "/dev/setpoint/server/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The routes, method and path template; the OpenAPI document must describe each. */
  List<String> routes() {
    return List.copyOf(routes);
  }

  private void route(io.javalin.config.JavalinConfig cfg, String method, String path,
      io.javalin.http.Handler handler) {
    routes.add(method + " " + path);
    switch (method) {
      case "GET" -> cfg.routes.get(path, handler);
      case "POST" -> cfg.routes.post(path, handler);
      case "PUT" -> cfg.routes.put(path, handler);
      default -> throw new IllegalArgumentException(method);
    }
  }

  /** Records the request's latency by route template, method and status. */
  private void timeRequest(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    io.javalin.router.Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    requestMetrics.record(endpoint == null ? "unmatched" : endpoint.path, ctx.method().name(),
        ctx.statusCode(), System.nanoTime() - started);
  }

  /** Starts a server over {@code store}; the caller keeps ownership of the store. */
  public static DecisionServer start(Store store, Options options) {
    return start(store, options, Explorer.Limits.defaults());
  }

  /**
   * Starts a server over {@code store} whose explorer keeps at most what {@code explorerLimits} allow
   * in memory; the caller keeps ownership of the store.
   */
  public static DecisionServer start(Store store, Options options, Explorer.Limits explorerLimits) {
    DecisionServer server = new DecisionServer(store, options, explorerLimits);
    server.app.start(options.host(), options.port());
    LOG.info("listening on {}://{}:{}; {} active polic{}; decision log {}",
        options.tls().isPresent() ? "https" : "http", options.host(), server.port(),
        server.active.size(), server.active.size() == 1 ? "y" : "ies",
        options.logDecisions() ? "on" : "OFF");
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  // ---- problems ----

  /** Answers with a problem, unless a handler already answered with one (a 404 or 413 of its own). */
  private static void problemUnlessAnswered(Context ctx,
      java.util.function.Supplier<ApiException> problem) {
    String type = ctx.res().getContentType();
    if (type == null || !type.startsWith("application/problem+json")) {
      problem(ctx, problem.get());
    }
  }

  private static void problem(Context ctx, ApiException e) {
    e.challenge().ifPresent(c -> ctx.header("WWW-Authenticate", c));
    ctx.status(e.status()).contentType("application/problem+json").result(e.body());
  }

  // ---- health ----

  private void ready(Context ctx) {
    store.policyNames();
    ctx.json(Map.of("status", "ready", "activePolicies", active.size()));
  }

  // ---- policies ----

  private void putPolicy(Context ctx) {
    Access.Principal who = options.access().require(ctx, Access.Role.EDIT);
    String name = ctx.pathParam("name");
    String contentType = Optional.ofNullable(ctx.contentType()).orElse("application/json");
    PolicyDocuments.Format format = contentType.contains("yaml") ? PolicyDocuments.Format.YAML
        : PolicyDocuments.Format.JSON;
    Validation v = PolicyDocuments.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8), format,
        "request body");
    if (v instanceof Validation.Invalid invalid) {
      List<ApiException.FieldError> errors = new ArrayList<>();
      for (Problem p : invalid.errors()) {
        errors.add(new ApiException.FieldError(p.pointer(), p.message()));
      }
      throw ApiException.unprocessable("invalid-policy", "The policy is invalid",
          invalid.errors().size() + " error(s); the first: " + invalid.errors().get(0).pointer()
              + ": " + invalid.errors().get(0).message(), errors);
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
        .header("Location", "/v1/policies/" + name + "?version=" + created.version())
        .contentType("application/json").result(out.toString());
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
          + "\"3\" (or \"0\" for a new policy), was " + header, List.of());
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

  private void getPolicy(Context ctx) {
    options.access().require(ctx, Access.Role.READ);
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

  private void versions(Context ctx) {
    options.access().require(ctx, Access.Role.READ);
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

  private void activate(Context ctx, PolicyEvent.Kind kind) {
    Access.Principal who = options.access().require(ctx, Access.Role.EDIT);
    String name = ctx.pathParam("name");
    JsonNode body = Requests.object(ctx.bodyAsBytes());
    long version = Requests.positiveLong(body, "", "version");
    String reason = Requests.text(body, "", "reason");
    if (store.latest(name).isEmpty()) {
      throw ApiException.notFound("no policy '" + name + "'");
    }
    Store.ActivateResult r;
    synchronized (active) {
      r = store.activate(name, version, kind, who.name(), reason);
      if (r instanceof Store.ActivateResult.Activated) {
        active.compile(name, version);
      }
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

  // ---- monitoring and replay ----

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

  private void monitor(Context ctx) {
    options.access().require(ctx, Access.Role.READ);
    String name = ctx.pathParam("name");
    if (store.latest(name).isEmpty()) {
      throw ApiException.notFound("no policy '" + name + "'");
    }
    Instant to = instant(ctx.queryParam("to"), "?to", Instant.now());
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

  private void replay(Context ctx) {
    options.access().require(ctx, Access.Role.READ);
    String name = ctx.pathParam("name");
    if (store.latest(name).isEmpty()) {
      throw ApiException.notFound("no policy '" + name + "'");
    }
    JsonNode body = Requests.object(ctx.bodyAsBytes());
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
    Instant to = instant(body.path("to").asText(null), "/to", Instant.now());
    Instant from = instant(body.path("from").asText(null), "/from", to.minus(DEFAULT_REPLAY_WINDOW));
    ObjectNode report = dev.setpoint.server.monitor.Replay.report(store, name, from, to, candidate);
    ctx.contentType("application/json").result(report.toString());
  }

  // ---- decisions and labels ----

  private void getDecision(Context ctx) {
    options.access().require(ctx, Access.Role.READ);
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

  private void labels(Context ctx) {
    Access.Principal who = options.access().require(ctx, Access.Role.LABEL);
    JsonNode body = Requests.object(ctx.bodyAsBytes());
    JsonNode list = body.has("labels") ? body.get("labels") : null;
    List<JsonNode> items = new ArrayList<>();
    String base;
    if (list == null) {
      items.add(body);
      base = "";
    } else if (list.isArray() && !list.isEmpty() && list.size() <= options.maxBatch()) {
      list.forEach(items::add);
      base = "/labels/";
    } else {
      throw ApiException.field("/labels", "must be an array of 1 to " + options.maxBatch()
          + " labels {decisionId, positive}");
    }
    Instant now = Instant.now();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = base.isEmpty() ? "" : base + i;
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        throw ApiException.field(at, "must be an object {decisionId, positive}");
      }
      String id = Requests.text(item, at, "decisionId");
      JsonNode positive = item.get("positive");
      if (positive == null || !positive.isBoolean()) {
        throw ApiException.field(at + "/positive", "must be true or false, was " + positive);
      }
      labels.add(new Label(id, positive.asBoolean(), now, who.name()));
    }
    List<Label.Outcome> outcomes = store.putLabels(labels);
    ObjectNode out = Requests.JSON.createObjectNode();
    ArrayNode results = out.putArray("results");
    for (int i = 0; i < labels.size(); i++) {
      results.addObject().put("decisionId", labels.get(i).decisionId())
          .put("outcome", outcomes.get(i).name().toLowerCase(Locale.ROOT));
    }
    ctx.contentType("application/json").result(out.toString());
  }

  /** Appends waiting for an audit commit. */
  int auditWaiting() {
    return audit.waiting();
  }

  /** Whether {@link #close()} has begun refusing new requests. */
  boolean stopping() {
    return graceful.isShutdown();
  }

  /**
   * Stops taking requests (new ones are refused with 503, then connections are closed), waits up to
   * the drain timeout for the requests in flight to be decided, logged and answered, and commits the
   * audit log.
   */
  @Override
  public void close() {
    app.stop();
    audit.close();
    LOG.info("stopped; audit log committed ({} decisions in {} commits)", audit.records(),
        audit.commits());
  }
}

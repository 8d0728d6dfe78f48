package dev.setpoint.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.audit.AuditLog;
import dev.setpoint.server.errors.ErrorLog;
import dev.setpoint.server.errors.Printable;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.tls.TlsMaterial;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decision service over HTTP (Javalin on Jetty): decide, policy versions and activation, the
 * audit record of a decision, labels, health and metrics. Every refusal is an RFC 9457 problem (JSON,
 * 4xx); a decision is answered only after its audit record is committed ({@link AuditLog}).
 */
public final class DecisionServer implements AutoCloseable {

  /** The server could not start (its address is in use); the message says so in one sentence. */
  public static final class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What one client, or all of them at once, may take from the server.
   *
   * @param maxBatch the most requests in one {@code /v1/decide/batch}
   * @param maxBodyBytes the largest request body accepted (413 beyond)
   * @param bodyMemoryBytes the most memory all request bodies being read may hold at once (503
   *     beyond)
   * @param maxConnections the most open connections; more wait to be accepted
   * @param idleTimeout how long a connection may stay idle, between requests or within one
   * @param readTimeout how long a request body may take to arrive (408 beyond)
   * @param authFailuresPerMinute failed authentications allowed per client address and minute before
   *     it is answered 429 for the rest of the minute; 0 for no limit
   */
  public record Limits(int maxBatch, long maxBodyBytes, long bodyMemoryBytes, int maxConnections,
      Duration idleTimeout, Duration readTimeout, int authFailuresPerMinute) {

    /** Validates each bound, naming it. */
    public Limits {
      if (maxBatch < 1 || maxBodyBytes < 1 || bodyMemoryBytes < maxBodyBytes || maxConnections < 1
          || idleTimeout.isNegative() || idleTimeout.isZero() || readTimeout.isNegative()
          || readTimeout.isZero() || authFailuresPerMinute < 0) {
        throw new IllegalArgumentException("limits must be positive, with the body memory at least "
            + "the largest body: maxBatch=" + maxBatch + ", maxBodyBytes=" + maxBodyBytes
            + ", bodyMemoryBytes=" + bodyMemoryBytes + ", maxConnections=" + maxConnections
            + ", idleTimeout=" + idleTimeout + ", readTimeout=" + readTimeout
            + ", authFailuresPerMinute=" + authFailuresPerMinute);
      }
    }

    /**
     * Batches of up to 10,000, bodies of up to 8 MiB and 128 MiB of them at once, 1,000
     * connections idle for at most 30 s, 10 s for a body to arrive, 30 failed authentications per
     * address and minute.
     */
    public static Limits defaults() {
      return new Limits(10_000, 8L << 20, 128L << 20, 1_000, Duration.ofSeconds(30),
          Duration.ofSeconds(10), 30);
    }
  }

  /**
   * How the server runs.
   *
   * @param host the address to bind, e.g. 127.0.0.1
   * @param port the port, 0 for any free one
   * @param access the tokens and their roles
   * @param logDecisions whether decisions are logged before they are answered; off only to measure
   *     what durability costs, since without it there is no audit trail
   * @param drainTimeout how long a stop waits for the requests in flight to be answered
   * @param limits what clients may take
   * @param commitTimeout how long a decision waits for its audit commit before it is refused (503);
   *     the store should bound its writes by the same time
   * @param allowedOrigins origins ({@code scheme://host[:port]}) besides the server's own whose
   *     browsers may send changes ({@link FrontDoor})
   * @param logErrorValues whether store failures are logged in full, with the values the driver
   *     quotes (attribute values of decisions); off, the log has the database's short reason
   * @param requestIdRetention how long clients' request ids are kept for retries ({@link
   *     StoredAnswers}); a retry after that makes a new decision
   * @param tls the certificate chain and key to serve HTTPS (HTTP/2 and HTTP/1.1) with, instead of
   *     plain HTTP; empty for plain HTTP
   */
  public record Options(String host, int port, Access access, boolean logDecisions,
      Duration drainTimeout, Limits limits, Duration commitTimeout, Set<String> allowedOrigins,
      boolean logErrorValues, Duration requestIdRetention, Optional<TlsMaterial> tls) {

    /** Copies the origins; checks the durations. */
    public Options {
      allowedOrigins = Set.copyOf(allowedOrigins);
      if (commitTimeout.isNegative() || commitTimeout.isZero() || requestIdRetention.isNegative()
          || requestIdRetention.isZero() || drainTimeout.isNegative()) {
        throw new IllegalArgumentException("the commit timeout and request id retention must be "
            + "positive and the drain timeout not negative, were " + commitTimeout + ", "
            + requestIdRetention + ", " + drainTimeout);
      }
    }

    /**
     * Loopback, a free port, no tokens, logging, 30 seconds to drain, the default limits, 5 seconds
     * for a commit, request ids kept for 24 hours, plain HTTP.
     */
    public static Options defaults() {
      return new Options("127.0.0.1", 0, Access.open(), true, Duration.ofSeconds(30),
          Limits.defaults(), Duration.ofSeconds(5), Set.of(), false, Duration.ofHours(24),
          Optional.empty());
    }

    /** The same options with tokens and roles. */
    public Options withAccess(Access tokens) {
      return new Options(host, port, tokens, logDecisions, drainTimeout, limits, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls);
    }

    /** The same options with other limits. */
    public Options withLimits(Limits other) {
      return new Options(host, port, access, logDecisions, drainTimeout, other, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls);
    }

    /** The same options with another commit timeout. */
    public Options withCommitTimeout(Duration timeout) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, timeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls);
    }

    /** The same options with other allowed origins. */
    public Options withAllowedOrigins(Set<String> origins) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, commitTimeout,
          origins, logErrorValues, requestIdRetention, tls);
    }

    /** The same options, serving HTTPS with {@code material}. */
    public Options withTls(TlsMaterial material) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, Optional.of(material));
    }
  }

  private final Store store;
  private final AuditLog audit;
  private final Options options;
  private final Access access;
  private final ActivePolicies active;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RequestMetrics requestMetrics = new RequestMetrics(metrics);
  private final Failures failures;
  private final RouteBodies bodies;
  private final List<String> routes = new ArrayList<>();
  private final Javalin app;
  private final org.eclipse.jetty.server.handler.GracefulHandler graceful;
  /** Forgets request ids older than their retention, now and then. */
  private final java.util.concurrent.ScheduledExecutorService housekeeping;
  /** Set when Javalin builds the Jetty server. */
  private volatile NetworkConnectionLimit connections;

  private DecisionServer(Store store, Options options, Explorer.Limits explorerLimits) {
    this.store = store;
    this.options = options;
    Limits limits = options.limits();
    java.time.Clock clock = java.time.Clock.systemUTC();
    this.access = options.access().withFailureLimit(limits.authFailuresPerMinute(), clock);
    ErrorLog errorLog = new ErrorLog(options.logErrorValues());
    this.failures = new Failures(errorLog);
    BodyBudget budget = new BodyBudget(limits.bodyMemoryBytes());
    this.bodies = new RouteBodies(budget, limits.maxBodyBytes());
    Explorer explorer = new Explorer(store, access, explorerLimits, clock);
    this.audit = new AuditLog(store, 100_000, 5_000, options.commitTimeout(),
        options.commitTimeout(), errorLog, clock);
    this.active = new ActivePolicies(store);
    registerGauges(budget);
    this.housekeeping = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "setpoint-request-ids");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(60_000, Math.min(options.requestIdRetention().toMillis() / 10,
        3_600_000));
    housekeeping.scheduleWithFixedDelay(() -> forgetRequestIds(errorLog, clock), every, every,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    DecideHandler decide = new DecideHandler(
        new Decisions(active, audit, new StoredAnswers(store), options.logDecisions(),
            limits.maxBatch(), metrics),
        access, limits.maxBodyBytes(), budget, limits.readTimeout(), requestMetrics, failures);
    PolicyEndpoints policies = new PolicyEndpoints(store, access, active, bodies);
    LogEndpoints log = new LogEndpoints(store, access, active, bodies, limits.maxBatch());
    FrontDoor front = new FrontDoor(options.allowedOrigins(), requestMetrics);
    front.setHandler(decide);
    this.graceful = new org.eclipse.jetty.server.handler.GracefulHandler(front);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = limits.maxBodyBytes();
      // Answers are small JSON; compressing them costs more CPU than it saves on a data-centre link.
      cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
      cfg.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
      cfg.routes.after(ctx -> {
        bodies.release(ctx);
        timeRequest(ctx);
      });
      route(cfg, "GET", "/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      route(cfg, "GET", "/openapi.json", ctx -> ctx.contentType("application/json").result(OPENAPI));
      route(cfg, "GET", "/readyz", this::ready);
      route(cfg, "GET", "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
          .result(metrics.scrape()));
      // One connector: HTTPS (HTTP/2 and HTTP/1.1) with a certificate, else plain HTTP/1.1. Javalin
      // adds its own plain one only when there is none.
      cfg.jetty.addConnector((server, http) -> {
        ServerConnector connector = options.tls().isPresent()
            ? TlsConnector.create(server, http, options.tls().get(), options.host(), options.port())
            : new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        return connector;
      });
      // The decide endpoints are served in front of Javalin, on Jetty's core API (DecideHandler),
      // behind the front door (headers, cross-site refusals). Outermost, GracefulHandler lets a stop
      // refuse new requests (503) and wait for those in flight, up to the drain timeout, before the
      // connectors close. Jetty's own answers (a bad request line, a URI or headers too long) are
      // problems too.
      cfg.jetty.modifyServer(server -> {
        server.setHandler(graceful);
        server.setStopTimeout(options.drainTimeout().toMillis());
        server.setErrorHandler(new ProblemErrorHandler(requestMetrics, errorLog));
        connections = new NetworkConnectionLimit(limits.maxConnections(), server);
        server.addBean(connections);
      });
      routes.add("POST " + DecideHandler.SINGLE);
      routes.add("POST " + DecideHandler.BATCH);
      route(cfg, "GET", "/v1/policies", policies::list);
      route(cfg, "PUT", "/v1/policies/{name}", MediaTypes.JSON_OR_YAML, policies::put);
      route(cfg, "GET", "/v1/policies/{name}", policies::get);
      route(cfg, "GET", "/v1/policies/{name}/versions", policies::versions);
      route(cfg, "POST", "/v1/policies/{name}/activate", MediaTypes.JSON,
          ctx -> policies.activate(ctx, PolicyEvent.Kind.ACTIVATE));
      route(cfg, "POST", "/v1/policies/{name}/rollback", MediaTypes.JSON,
          ctx -> policies.activate(ctx, PolicyEvent.Kind.ROLLBACK));
      route(cfg, "GET", "/v1/policies/{name}/monitor", log::monitor);
      route(cfg, "POST", "/v1/policies/{name}/replay", MediaTypes.JSON, log::replay);
      route(cfg, "GET", "/v1/decisions/{id}", log::decision);
      route(cfg, "POST", "/v1/labels", MediaTypes.JSON, log::labels);
      // The explorer's uploads are files; its other POSTs take JSON or no body.
      explorer.register(cfg, (method, path, handler) -> route(cfg, method, path,
          path.equals("/v1/explorer/datasets") || path.startsWith("/v1/explorer/examples/")
              ? MediaTypes.ANY : MediaTypes.JSON, handler));
      cfg.routes.exception(Exception.class, (e, ctx) ->
          problem(ctx, failures.answer(e, ctx.method() + " " + ctx.path())));
      cfg.routes.error(404, "*", ctx -> problemUnlessAnswered(ctx,
          () -> ApiException.notFound("no such endpoint: " + ctx.method() + " "
              + Printable.quoted(ctx.path(), 200))));
      // The explorer's uploads answer their own 413 (a file over its bound): keep that problem.
      cfg.routes.error(413, "*", ctx -> problemUnlessAnswered(ctx,
          () -> ApiException.tooLarge(limits.maxBodyBytes())));
    });
  }

  /**
   * Forgets the request ids older than their retention. A failure is logged and tried again at the
   * next run; it must not end the runs.
   */
  private void forgetRequestIds(ErrorLog errorLog, java.time.Clock clock) {
    try {
      long forgotten = store.forgetRequestKeys(clock.instant().minus(options.requestIdRetention()));
      if (forgotten > 0) {
        LOG.info("forgot {} request id(s) older than {}", forgotten, options.requestIdRetention());
      }
    } catch (dev.setpoint.server.store.StoreException e) {
      errorLog.store("forgetting old request ids", e);
    } catch (RuntimeException e) {
      errorLog.internal("forgetting old request ids", e);
    }
  }

  /** The gauges of what the server holds: body memory, connections, failed authentications. */
  private void registerGauges(BodyBudget budget) {
    Gauge.builder("setpoint_audit_waiting", audit, AuditLog::waiting)
        .description("Decision appends waiting for a commit").register(metrics);
    Gauge.builder("setpoint_audit_commits", audit, AuditLog::commits)
        .description("Audit log commits").register(metrics);
    Gauge.builder("setpoint_store_ready", audit,
        a -> a.health() instanceof AuditLog.Health.Ready ? 1 : 0)
        .description("1 when the store confirms writes (the readiness of /readyz), else 0")
        .register(metrics);
    Gauge.builder("setpoint_http_body_bytes", budget, BodyBudget::held)
        .description("Memory held by request bodies being read").baseUnit("bytes").register(metrics);
    Gauge.builder("setpoint_http_body_bytes_max", budget, BodyBudget::capacity)
        .description("The most memory request bodies may hold (503 beyond)").baseUnit("bytes")
        .register(metrics);
    Gauge.builder("setpoint_http_connections", this,
        s -> s.connections == null ? 0 : s.connections.getNetworkConnectionCount())
        .description("Open connections").register(metrics);
    Gauge.builder("setpoint_http_connections_max", this,
        s -> s.options.limits().maxConnections())
        .description("The most open connections; more wait to be accepted").register(metrics);
    Gauge.builder("setpoint_auth_failure_addresses", access, Access::addressesWithFailures)
        .description("Client addresses whose failed authentications are being counted")
        .register(metrics);
    io.micrometer.core.instrument.FunctionCounter.builder("setpoint_auth_refused",
        access, Access::refusedAfterFailures)
        .description("Requests refused (429) after too many failed authentications")
        .register(metrics);
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
    route(cfg, method, path, MediaTypes.ANY, handler);
  }

  /** An {@link Error} thrown by a route's handler, carried to the exception mapper. */
  static final class ThrownError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ThrownError(Error error) {
      super(error);
    }
  }

  /** Adds a route whose request body must be of {@code body}'s media types (415 otherwise). */
  private void route(io.javalin.config.JavalinConfig cfg, String method, String path,
      MediaTypes body, io.javalin.http.Handler endpoint) {
    io.javalin.http.Handler handler = ctx -> {
      body.require(ctx.contentType(), method + " " + path);
      try {
        endpoint.handle(ctx);
      } catch (Error e) {
        // Javalin maps exceptions only; an Error (out of memory, say) would be its own plain-text
        // 500, uncounted. Carried as an exception, it is answered and logged as every failure is.
        throw new ThrownError(e);
      }
    };
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
    try {
      server.app.start(options.host(), options.port());
    } catch (io.javalin.util.JavalinBindException e) {
      server.housekeeping.shutdownNow();
      server.audit.close();
      throw new StartException("cannot listen on " + options.host() + ":" + options.port()
          + ": the address is in use or not this machine's (choose another with --port or --host)",
          e);
    }
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
    e.headers().forEach(ctx::header);
    ctx.status(e.status()).contentType("application/problem+json").result(e.body());
  }

  // ---- health ----

  /**
   * Ready when the store confirms writes ({@link AuditLog#health}): 200 with when it last did; 503
   * with the reason otherwise, so that a load balancer sends decisions elsewhere.
   */
  private void ready(Context ctx) {
    AuditLog.Health health = audit.health();
    if (health instanceof AuditLog.Health.NotReady n) {
      problem(ctx, ApiException.notReady(n.reason(), n.errorId()));
      return;
    }
    ObjectNode out = Requests.JSON.createObjectNode();
    out.put("status", "ready").put("activePolicies", active.size());
    out.putObject("store").put("lastWrite", ((AuditLog.Health.Ready) health).lastWrite().toString());
    ctx.contentType("application/json").result(out.toString());
  }

  /**
   * The web origin {@code text} names, {@code scheme://host[:port]} lower-cased without a default
   * port; empty when it is not one (it has a path, a query, user information, or no host).
   */
  public static Optional<String> normalOrigin(String text) {
    return FrontDoor.normalOrigin(text);
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
    housekeeping.shutdownNow();
    app.stop();
    audit.close();
    LOG.info("stopped; audit log committed ({} decisions in {} commits)", audit.records(),
        audit.commits());
  }
}

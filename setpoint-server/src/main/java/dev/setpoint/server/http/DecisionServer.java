package dev.setpoint.server.http;

import dev.setpoint.server.api.Access;
import dev.setpoint.server.audit.AuditLog;
import dev.setpoint.server.errors.ErrorLog;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.tls.TlsMaterial;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The decision service over HTTP (Javalin on Jetty): decide, policy versions and activation, the
 * audit record of a decision, labels, health and metrics, and the threshold explorer. Every refusal is
 * an RFC 9457 problem (JSON, 4xx); a decision is answered only after its audit record is committed
 * ({@link AuditLog}).
 *
 * <p>This class is the server's composition root: it only builds the parts from the {@link Options}
 * and one {@link Clock}, and hands each route group the app to register itself on ({@link
 * HealthEndpoints}, {@link DecideHandler} in front of Javalin, {@link PolicyEndpoints}, {@link
 * LogEndpoints}, the {@link Explorer}). How it listens and stops is {@link Lifecycle}; what it
 * measures, {@link ServerMetrics}.
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
   * How an instance keeps the versions it decides with the store's active ones (several instances
   * on one PostgreSQL database: {@link PolicySync}).
   *
   * @param interval how often the store's active versions are read besides when a change is heard
   *     of: how late a change can be when its notification was missed
   * @param readyWithin how long the instance stays ready without confirming them (a successful read);
   *     longer, {@code /readyz} answers 503 until one succeeds
   */
  public record PolicyChecks(Duration interval, Duration readyWithin) {

    /** Checks that both are positive and the bound at least the interval. */
    public PolicyChecks {
      if (interval.isNegative() || interval.isZero() || readyWithin.compareTo(interval) < 0) {
        throw new IllegalArgumentException("the policy check interval must be positive and the "
            + "readiness bound at least as long, were " + interval + " and " + readyWithin);
      }
    }

    /** A check every 2 s; not ready after 10 s without confirming the versions. */
    public static PolicyChecks defaults() {
      return new PolicyChecks(Duration.ofSeconds(2), Duration.ofSeconds(10));
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
   * @param auditSizes how many decisions the audit log holds waiting for a commit and writes in one
   * @param policyChecks how the active versions are kept current with the store's
   * @param retention how long the audit log keeps decisions and their labels: each UTC day that
   *     ended longer ago is dropped whole ({@link Store#maintainAuditLog}); empty keeps every day
   */
  public record Options(String host, int port, Access access, boolean logDecisions,
      Duration drainTimeout, Limits limits, Duration commitTimeout, Set<String> allowedOrigins,
      boolean logErrorValues, Duration requestIdRetention, Optional<TlsMaterial> tls,
      AuditLog.Sizes auditSizes, PolicyChecks policyChecks, Optional<Duration> retention) {

    /** Copies the origins; checks the durations. */
    public Options {
      allowedOrigins = Set.copyOf(allowedOrigins);
      Objects.requireNonNull(auditSizes, "auditSizes");
      Objects.requireNonNull(policyChecks, "policyChecks");
      if (retention.isPresent() && retention.get().compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException("the audit retention must be at least a day, was "
            + retention.get());
      }
      if (commitTimeout.isNegative() || commitTimeout.isZero() || requestIdRetention.isNegative()
          || requestIdRetention.isZero() || drainTimeout.isNegative()) {
        throw new IllegalArgumentException("the commit timeout and request id retention must be "
            + "positive and the drain timeout not negative, were " + commitTimeout + ", "
            + requestIdRetention + ", " + drainTimeout);
      }
    }

    /**
     * Loopback, a free port, no tokens, logging, 30 seconds to drain, the default limits, 5 seconds
     * for a commit, request ids kept for 24 hours, plain HTTP, the audit log's default sizes, the
     * default policy checks, every decision kept.
     */
    public static Options defaults() {
      return new Options("127.0.0.1", 0, Access.open(), true, Duration.ofSeconds(30),
          Limits.defaults(), Duration.ofSeconds(5), Set.of(), false, Duration.ofHours(24),
          Optional.empty(), AuditLog.Sizes.defaults(), PolicyChecks.defaults(), Optional.empty());
    }

    /** The same options with tokens and roles. */
    public Options withAccess(Access tokens) {
      return new Options(host, port, tokens, logDecisions, drainTimeout, limits, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls, auditSizes, policyChecks, retention);
    }

    /** The same options with other limits. */
    public Options withLimits(Limits other) {
      return new Options(host, port, access, logDecisions, drainTimeout, other, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls, auditSizes, policyChecks, retention);
    }

    /** The same options with another commit timeout. */
    public Options withCommitTimeout(Duration timeout) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, timeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls, auditSizes, policyChecks, retention);
    }

    /** The same options with other allowed origins. */
    public Options withAllowedOrigins(Set<String> origins) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, commitTimeout,
          origins, logErrorValues, requestIdRetention, tls, auditSizes, policyChecks, retention);
    }

    /** The same options, serving HTTPS with {@code material}. */
    public Options withTls(TlsMaterial material) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, Optional.of(material), auditSizes,
          policyChecks, retention);
    }

    /** The same options with other policy checks. */
    public Options withPolicyChecks(PolicyChecks checks) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls, auditSizes, checks, retention);
    }

    /** The same options with other sizes of the audit log. */
    public Options withAuditSizes(AuditLog.Sizes sizes) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls, sizes, policyChecks, retention);
    }

    /** The same options with another audit retention (empty: keep every decision). */
    public Options withRetention(Optional<Duration> kept) {
      return new Options(host, port, access, logDecisions, drainTimeout, limits, commitTimeout,
          allowedOrigins, logErrorValues, requestIdRetention, tls, auditSizes, policyChecks, kept);
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionServer.class);

  private final AuditLog audit;
  private final ActivePolicies active;
  private final PolicySync sync;
  private final Housekeeping housekeeping;
  private final Lifecycle lifecycle;
  private final List<String> routes = new ArrayList<>();
  private final Javalin app;

  /** Wires the parts; nothing listens yet. */
  private DecisionServer(Store store, Options options, Explorer.Limits explorerLimits,
      Clock clock) {
    Limits limits = options.limits();
    Access access = options.access().withFailureLimit(limits.authFailuresPerMinute(), clock);
    ErrorLog errorLog = new ErrorLog(options.logErrorValues());
    Failures failures = new Failures(errorLog);
    ServerMetrics metrics = new ServerMetrics();
    BodyBudget budget = new BodyBudget(limits.bodyMemoryBytes());
    RouteBodies bodies = new RouteBodies(budget, limits.maxBodyBytes());
    this.audit = new AuditLog(store, options.auditSizes().queueCapacity(),
        options.auditSizes().maxBatch(), options.commitTimeout(), options.commitTimeout(), errorLog,
        clock);
    this.active = new ActivePolicies(store);
    this.sync = new PolicySync(store, active, options.policyChecks(), errorLog, clock);
    this.housekeeping = new Housekeeping(store, options.requestIdRetention(), options.retention(),
        errorLog, clock);
    DecideHandler decide = new DecideHandler(
        new Decisions(active, audit, new StoredAnswers(store), options.logDecisions(),
            limits.maxBatch(), metrics.registry(), clock),
        access, limits.maxBodyBytes(), budget, limits.readTimeout(), metrics.requests(), failures);
    FrontDoor front = new FrontDoor(options.allowedOrigins(), metrics.requests());
    front.setHandler(decide);
    this.lifecycle = new Lifecycle(options, front);
    metrics.watch(audit, budget, lifecycle, limits.maxConnections(), access);
    metrics.watch(sync);
    HealthEndpoints health = new HealthEndpoints(audit, sync, active, metrics);
    PolicyEndpoints policies = new PolicyEndpoints(store, access, active, bodies);
    LogEndpoints log = new LogEndpoints(store, access, active, bodies, limits.maxBatch(), clock,
        budget);
    Explorer explorer = new Explorer(store, access, explorerLimits, clock);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = limits.maxBodyBytes();
      // Answers are small JSON; compressing them costs more CPU than it saves on a data-centre link.
      cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
      cfg.routes.before(metrics::started);
      cfg.routes.after(ctx -> {
        bodies.release(ctx);
        metrics.finished(ctx);
      });
      lifecycle.configure(cfg, metrics.requests(), errorLog);
      RouteTable table = new RouteTable(cfg, routes);
      health.register(table);
      DecideHandler.register(table);
      policies.register(table);
      log.register(table);
      // The explorer's uploads are files; its other POSTs take JSON or no body.
      explorer.register(cfg, (method, path, handler) -> table.add(method, path,
          path.equals("/v1/explorer/datasets") || path.startsWith("/v1/explorer/examples/")
              ? MediaTypes.ANY : MediaTypes.JSON, handler));
      JavalinProblems.install(cfg, failures, limits.maxBodyBytes());
    });
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
    return start(store, options, explorerLimits, Clock.systemUTC());
  }

  /**
   * Starts a server as {@link #start(Store, Options, Explorer.Limits)} does, reading the time of
   * decisions, labels, readiness, failed authentications, request ids' age and the explorer's data
   * sets from {@code clock}.
   */
  public static DecisionServer start(Store store, Options options, Explorer.Limits explorerLimits,
      Clock clock) {
    DecisionServer server = new DecisionServer(store, options, explorerLimits, clock);
    try {
      server.app.start(options.host(), options.port());
    } catch (io.javalin.util.JavalinBindException e) {
      server.audit.close();
      throw new StartException("cannot listen on " + options.host() + ":" + options.port()
          + ": the address is in use or not this machine's (choose another with --port or --host)",
          e);
    }
    server.housekeeping.start();
    server.sync.start();
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

  /** The routes, method and path template; the OpenAPI document must describe each. */
  List<String> routes() {
    return List.copyOf(routes);
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
    return lifecycle.stopping();
  }

  /**
   * Stops taking requests (new ones are refused with 503, then connections are closed), waits up to
   * the drain timeout for the requests in flight to be decided, logged and answered, and commits the
   * audit log.
   */
  @Override
  public void close() {
    sync.close();
    housekeeping.close();
    app.stop();
    audit.close();
    LOG.info("stopped; audit log committed ({} decisions in {} commits)", audit.records(),
        audit.commits());
  }
}

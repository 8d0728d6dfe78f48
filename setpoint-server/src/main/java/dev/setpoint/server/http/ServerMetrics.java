package dev.setpoint.server.http;

import dev.setpoint.server.api.Access;
import dev.setpoint.server.audit.AuditLog;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's metrics, scraped at {@code GET /metrics}: request latencies ({@link RequestMetrics},
 * timed here for the Javalin routes), decisions by action ({@link Decisions}), and gauges of what the
 * server holds: the audit log's queue and commits, the store's readiness, body memory, connections,
 * failed authentications.
 */
final class ServerMetrics {

  private static final String STARTED = "setpoint.started";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(
      PrometheusConfig.DEFAULT);
  private final RequestMetrics requests = new RequestMetrics(registry);

  /** Where meters are registered. */
  MeterRegistry registry() {
    return registry;
  }

  /** The latency of requests, by route template, method and status. */
  RequestMetrics requests() {
    return requests;
  }

  /** Every meter in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  /** Marks when a Javalin request began; before its handler. */
  void started(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
  }

  /** Records a Javalin request's latency by route template, method and status; after it. */
  void finished(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    io.javalin.router.Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    requests.record(endpoint == null ? "unmatched" : endpoint.path, ctx.method().name(),
        ctx.statusCode(), System.nanoTime() - started);
  }

  /** The gauges of the active policy versions: confirmed lately, changes heard of as they commit. */
  void watch(PolicySync sync) {
    Gauge.builder("setpoint_policies_confirmed", sync, s -> s.notReady().isEmpty() ? 1 : 0)
        .description("1 when the active policy versions were confirmed lately (the other half of "
            + "/readyz), else 0").register(registry);
    Gauge.builder("setpoint_policies_listening", sync, s -> s.listening() ? 1 : 0)
        .description("1 when policy changes are heard of as they commit (PostgreSQL: the listening "
            + "connection is up), else 0").register(registry);
  }

  /** The gauges of what the server holds: audit queue, body memory, connections, failures. */
  void watch(AuditLog audit, BodyBudget budget, Lifecycle lifecycle, int maxConnections,
      Access access) {
    Gauge.builder("setpoint_audit_waiting", audit, AuditLog::waiting)
        .description("Decision appends waiting for a commit").register(registry);
    Gauge.builder("setpoint_audit_commits", audit, AuditLog::commits)
        .description("Audit log commits").register(registry);
    Gauge.builder("setpoint_store_ready", audit,
        a -> a.health() instanceof AuditLog.Health.Ready ? 1 : 0)
        .description("1 when the store confirms writes (the readiness of /readyz), else 0")
        .register(registry);
    Gauge.builder("setpoint_http_body_bytes", budget, BodyBudget::held)
        .description("Memory held by request bodies being read").baseUnit("bytes")
        .register(registry);
    Gauge.builder("setpoint_http_body_bytes_max", budget, BodyBudget::capacity)
        .description("The most memory request bodies may hold (503 beyond)").baseUnit("bytes")
        .register(registry);
    Gauge.builder("setpoint_http_connections", lifecycle, Lifecycle::openConnections)
        .description("Open connections").register(registry);
    Gauge.builder("setpoint_http_connections_max", () -> maxConnections)
        .description("The most open connections; more wait to be accepted").register(registry);
    Gauge.builder("setpoint_auth_failure_addresses", access, Access::addressesWithFailures)
        .description("Client addresses whose failed authentications are being counted")
        .register(registry);
    FunctionCounter.builder("setpoint_auth_refused", access, Access::refusedAfterFailures)
        .description("Requests refused (429) after too many failed authentications")
        .register(registry);
  }
}

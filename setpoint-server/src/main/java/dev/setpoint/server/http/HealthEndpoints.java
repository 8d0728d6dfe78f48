package dev.setpoint.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.audit.AuditLog;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What operators and load balancers ask, without a token: {@code GET /healthz} (the process
 * answers), {@code GET /readyz} (decisions can be logged now), {@code GET /metrics} (Prometheus) and
 * {@code GET /openapi.json} (the API's description).
 */
final class HealthEndpoints {

  /** The OpenAPI document, from the jar. */
  private static final String OPENAPI = openApi();

  private final AuditLog audit;
  private final PolicySync sync;
  private final ActivePolicies active;
  private final ServerMetrics metrics;

  HealthEndpoints(AuditLog audit, PolicySync sync, ActivePolicies active, ServerMetrics metrics) {
    this.audit = audit;
    this.sync = sync;
    this.active = active;
    this.metrics = metrics;
  }

  /** Adds its routes. */
  void register(RouteTable routes) {
    routes.add("GET", "/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    routes.add("GET", "/openapi.json", ctx -> ctx.contentType("application/json").result(OPENAPI));
    routes.add("GET", "/readyz", this::ready);
    routes.add("GET", "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
        .result(metrics.scrape()));
  }

  /**
   * Ready when the store confirms writes ({@link AuditLog#health}) and the active policy versions
   * were confirmed lately ({@link PolicySync#notReady}): 200 with when each last was; 503 with the
   * reason otherwise, so that a load balancer sends decisions elsewhere.
   */
  private void ready(Context ctx) {
    AuditLog.Health health = audit.health();
    if (health instanceof AuditLog.Health.NotReady n) {
      JavalinProblems.send(ctx, ApiException.notReady(n.reason(), n.errorId()));
      return;
    }
    Optional<PolicySync.NotConfirmed> versions = sync.notReady();
    if (versions.isPresent()) {
      JavalinProblems.send(ctx, ApiException.notReady(versions.get().reason(),
          versions.get().errorId()));
      return;
    }
    ObjectNode out = Requests.JSON.createObjectNode();
    out.put("status", "ready").put("activePolicies", active.size());
    out.putObject("store").put("lastWrite", ((AuditLog.Health.Ready) health).lastWrite().toString());
    out.putObject("policies").put("confirmedAt", sync.confirmedAt().toString())
        .put("listening", sync.listening());
    ctx.contentType("application/json").result(out.toString());
  }

  private static String openApi() {
    try (InputStream in = HealthEndpoints.class.getResourceAsStream(
        "/dev/setpoint/server/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

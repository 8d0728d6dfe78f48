package dev.setpoint.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency histograms of HTTP requests by route template, method and status
 * ({@code setpoint_http_requests}), whichever handler answered them.
 */
final class RequestMetrics {

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one request that took {@code nanos}. */
  void record(String route, String method, int status, long nanos) {
    timers.computeIfAbsent(route + " " + method + " " + status, k ->
        Timer.builder("setpoint_http_requests")
            .description("HTTP requests by route, method and status")
            .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
            .publishPercentileHistogram()
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}

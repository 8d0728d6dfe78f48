package dev.setpoint.server.http;

import dev.setpoint.server.api.Access;
import dev.setpoint.server.api.ApiException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Serves {@code POST /v1/decide} and {@code POST /v1/decide/batch} on Jetty's core API, in front of
 * the Javalin application that serves every other route. The hot path skips the servlet and
 * framework layers: on this project's 2-core machine a Javalin route answering a constant measured
 * 5,800–9,800 requests/s against 21,700–38,400 for the same answer on Jetty's core API (after a 5 s
 * warm-up, which later proved short; docs/benchmarks.md#decision-service-under-load). Everything a
 * client sees is the same: bearer roles, the body limit, RFC 9457 problems, the request metrics.
 *
 * <p>Order matters: the token, the role and the media type are checked from the headers before a
 * byte of the body is kept; a refused request's body is read and dropped ({@link BodyReader}), so no
 * client without the {@code decide} role can make the server hold memory.
 */
final class DecideHandler extends Handler.Wrapper {

  static final String SINGLE = "/v1/decide";
  static final String BATCH = "/v1/decide/batch";

  private final Decisions decisions;
  private final Access access;
  private final long maxBodyBytes;
  private final BodyBudget budget;
  private final Duration readTimeout;
  private final RequestMetrics metrics;
  private final Failures failures;

  /** Lists its routes, which it serves in front of Javalin. */
  static void register(RouteTable routes) {
    routes.servedInFront("POST", SINGLE);
    routes.servedInFront("POST", BATCH);
  }

  DecideHandler(Decisions decisions, Access access, long maxBodyBytes, BodyBudget budget,
      Duration readTimeout, RequestMetrics metrics, Failures failures) {
    this.decisions = decisions;
    this.access = access;
    this.maxBodyBytes = maxBodyBytes;
    this.budget = budget;
    this.readTimeout = readTimeout;
    this.metrics = metrics;
    this.failures = failures;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!"POST".equals(request.getMethod())) {
      return super.handle(request, response, callback);
    }
    String path = Request.getPathInContext(request);
    Endpoint endpoint = switch (path) {
      case SINGLE -> decisions::single;
      case BATCH -> decisions::batch;
      default -> null;
    };
    if (endpoint == null) {
      return super.handle(request, response, callback);
    }
    Exchange exchange = new Exchange(path, response, callback, System.nanoTime());
    Scheduler scheduler = request.getComponents().getScheduler();
    Decisions.Caller caller;
    try {
      Access.Principal who = access.require(request.getHeaders().get(HttpHeader.AUTHORIZATION),
          "POST " + path, Access.Role.DECIDE, Request.getRemoteAddr(request));
      caller = new Decisions.Caller(who.name(), request.getHeaders().get("Idempotency-Key"));
      MediaTypes.JSON.require(request.getHeaders().get(HttpHeader.CONTENT_TYPE), "POST " + path);
      if (request.getLength() > maxBodyBytes) {
        throw ApiException.tooLarge(maxBodyBytes);
      }
    } catch (ApiException refused) {
      // The refusal is answered whatever the drain's outcome; the derived future only repeats it.
      var unused = BodyReader.discard(request, BodyReader.DRAIN_LIMIT, scheduler, readTimeout)
          .whenComplete((dropped, error) -> exchange.fail(refused));
      return true;
    }
    BodyReader reader = BodyReader.read(request, maxBodyBytes, budget, scheduler, readTimeout);
    exchange.whenAnswered(reader::release);
    // Each outcome of the read is answered in the callback (a read failure as its problem, the
    // decision's own failure by Exchange.answer); the derived futures only repeat those outcomes.
    var unused = reader.body().whenComplete((body, readError) -> {
      if (readError != null) {
        exchange.fail(readError instanceof ApiException ? readError
            : ApiException.badRequest("the request body could not be read (the connection "
                + "failed)", java.util.List.of()));
        return;
      }
      try {
        var unusedAnswer = endpoint.decide(body, caller, request.getComponents().getExecutor())
            .whenComplete(exchange::answer);
      } catch (Throwable e) {
        // Errors too: an OutOfMemoryError must still answer (500, counted), not leave the
        // request hanging inside a future.
        exchange.fail(e);
      }
    });
    return true;
  }

  /** One of the two endpoints. */
  @FunctionalInterface
  private interface Endpoint {
    CompletableFuture<Decisions.Answer> decide(byte[] body, Decisions.Caller caller,
        Executor executor);
  }

  /** One request to a decide endpoint, answered exactly once. */
  private final class Exchange {
    private final String route;
    private final Response response;
    private final Callback callback;
    private final long started;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile Runnable onAnswered = () -> { };

    Exchange(String route, Response response, Callback callback, long started) {
      this.route = route;
      this.response = response;
      this.callback = callback;
      this.started = started;
    }

    /** Runs {@code action} once the answer is written. */
    void whenAnswered(Runnable action) {
      onAnswered = action;
    }

    void answer(Decisions.Answer answer, Throwable error) {
      if (error != null) {
        fail(error);
      } else if (answered.compareAndSet(false, true)) {
        byte[] body = answer.body();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (answer.replayed()) {
          // A decision made before, for a retry with the same request id.
          response.getHeaders().put("Idempotent-Replayed", "true");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        done(200);
      }
    }

    void fail(Throwable error) {
      if (answered.compareAndSet(false, true)) {
        ApiException problem = failures.answer(error, "POST " + route);
        ProblemResponse.write(response, callback, problem);
        done(problem.status());
      }
    }

    private void done(int status) {
      metrics.record(route, "POST", status, System.nanoTime() - started);
      onAnswered.run();
    }
  }
}

package dev.setpoint.server.http;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves {@code POST /v1/decide} and {@code POST /v1/decide/batch} on Jetty's core API, in front of
 * the Javalin application that serves every other route. The hot path skips the servlet and
 * framework layers: on this project's 2-core machine a Javalin route answering a constant measured
 * 5,800–9,800 requests/s against 21,700–38,400 for the same answer on Jetty's core API (after a 5 s
 * warm-up, which later proved short; docs/benchmarks.md#decision-service-under-load). Everything a
 * client sees is the same: bearer roles, the body limit, RFC 9457 problems, the request metrics.
 */
final class DecideHandler extends Handler.Wrapper {

  static final String SINGLE = "/v1/decide";
  static final String BATCH = "/v1/decide/batch";

  private final Decisions decisions;
  private final Access access;
  private final long maxBodyBytes;
  private final RequestMetrics metrics;

  DecideHandler(Decisions decisions, Access access, long maxBodyBytes, RequestMetrics metrics) {
    this.decisions = decisions;
    this.access = access;
    this.maxBodyBytes = maxBodyBytes;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!"POST".equals(request.getMethod())) {
      return super.handle(request, response, callback);
    }
    String path = Request.getPathInContext(request);
    Function<byte[], CompletableFuture<byte[]>> endpoint = switch (path) {
      case SINGLE -> decisions::single;
      case BATCH -> decisions::batch;
      default -> null;
    };
    if (endpoint == null) {
      return super.handle(request, response, callback);
    }
    Exchange exchange = new Exchange(path, response, callback, System.nanoTime());
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    try {
      if (request.getLength() > BodyReader.DRAIN_LIMIT) {
        throw ApiException.tooLarge(maxBodyBytes);
      }
      // The body is read before anything is answered, refusals included: an answer sent while the
      // body is unread makes Jetty close the connection, and a client reusing it sees a reset.
      BodyReader.read(request, maxBodyBytes, request.getLength())
          .whenComplete((body, readError) -> {
            if (readError != null) {
              Throwable cause = rootCause(readError);
              exchange.fail(cause instanceof ApiException ? cause
                  : ApiException.badRequest("the request body could not be read: "
                      + cause.getMessage(), java.util.List.of()));
              return;
            }
            try {
              access.require(authorization, "POST " + path, Access.Role.DECIDE);
              endpoint.apply(body).whenComplete(exchange::answer);
            } catch (RuntimeException e) {
              exchange.fail(e);
            }
          });
    } catch (RuntimeException e) {
      exchange.fail(e);
    }
    return true;
  }

  private static Throwable rootCause(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** One request to a decide endpoint, answered exactly once. */
  private final class Exchange {
    private final String route;
    private final Response response;
    private final Callback callback;
    private final long started;

    Exchange(String route, Response response, Callback callback, long started) {
      this.route = route;
      this.response = response;
      this.callback = callback;
      this.started = started;
    }

    void answer(byte[] body, Throwable error) {
      if (error != null) {
        fail(error);
      } else {
        send(200, "application/json", body);
      }
    }

    void fail(Throwable error) {
      ApiException problem = ApiException.answering(rootCause(error), "POST " + route);
      problem.challenge().ifPresent(c -> response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, c));
      send(problem.status(), "application/problem+json", problem.body());
    }

    private void send(int status, String contentType, byte[] body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
      metrics.record(route, "POST", status, System.nanoTime() - started);
    }
  }
}

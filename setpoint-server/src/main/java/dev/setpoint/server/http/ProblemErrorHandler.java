package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.errors.ErrorLog;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers — to a request line, URI or headers it cannot take (400, 414, 431), to a
 * request no handler answered, to an error thrown out of every handler (an {@code OutOfMemoryError},
 * say) — as RFC 9457 problems like every other answer, instead of Jetty's HTML page. Each is counted
 * in the request metrics (route {@code unrouted}); a 500 is logged with its cause under an error id.
 */
final class ProblemErrorHandler extends ErrorHandler {

  private final RequestMetrics metrics;
  private final ErrorLog log;

  ProblemErrorHandler(RequestMetrics metrics, ErrorLog log) {
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object attribute = request.getAttribute(ERROR_STATUS);
    int status = attribute instanceof Integer s ? s : response.getStatus();
    Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
    ApiException problem = status >= 500 && status != 503
        ? ApiException.serverSide(status, "internal", "Internal error", "an internal error "
            + "occurred", log.internal(request.getMethod() + " " + request.getHttpURI().getPath(),
            cause == null ? new IllegalStateException("status " + status + " without a cause")
                : cause))
        : problem(status);
    ProblemResponse.write(response, callback, problem);
    metrics.record("unrouted", request.getMethod(), problem.status(), 0);
    return true;
  }

  /** The problem of a status Jetty answers by itself; the reason Jetty gives is not echoed. */
  private static ApiException problem(int status) {
    String detail = switch (status) {
      case 400 -> "the request is not valid HTTP (its request line, a header or the framing of its "
          + "body)";
      case 404 -> "no such resource";
      case 405 -> "the method is not allowed on this resource";
      case 408 -> "the request did not arrive in time";
      case 413 -> "the request is too large";
      case 414 -> "the request's URI is longer than the server takes";
      case 431 -> "the request's headers are larger than the server takes";
      case 503 -> "the server is not taking requests now (it may be stopping); retry";
      default -> HttpStatus.getMessage(status);
    };
    String type = switch (status) {
      case 400 -> "bad-request";
      case 404 -> "not-found";
      case 414 -> "uri-too-long";
      case 431 -> "headers-too-large";
      case 503 -> "unavailable";
      default -> "http-" + status;
    };
    return new ApiException(status, type, HttpStatus.getMessage(status), detail, List.of());
  }
}

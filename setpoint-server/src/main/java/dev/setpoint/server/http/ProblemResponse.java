package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes an {@link ApiException} as an RFC 9457 answer on Jetty's core API. */
final class ProblemResponse {

  private ProblemResponse() {}

  /** Sets the status and headers and writes the body; completes {@code callback}. */
  static void write(Response response, Callback callback, ApiException problem) {
    byte[] body = problem.body();
    response.setStatus(problem.status());
    for (Map.Entry<String, String> h : problem.headers().entrySet()) {
      response.getHeaders().put(h.getKey(), h.getValue());
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}

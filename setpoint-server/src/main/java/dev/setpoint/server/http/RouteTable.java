package dev.setpoint.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.util.List;

/**
 * The service's routes, where each route group registers its own ({@link PolicyEndpoints#register},
 * {@link LogEndpoints#register}, {@link HealthEndpoints#register}, the explorer's): every route is
 * listed (the OpenAPI document must describe each), its request body's media type is checked (415),
 * and an {@link Error} its handler throws is carried to the exception mapper as a {@link
 * ThrownError}.
 */
final class RouteTable {

  /** An {@link Error} thrown by a route's handler, carried to the exception mapper. */
  static final class ThrownError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ThrownError(Error error) {
      super(error);
    }
  }

  private final JavalinConfig cfg;
  private final List<String> routes;

  /** @param routes where each route added is listed, as its method and path template */
  RouteTable(JavalinConfig cfg, List<String> routes) {
    this.cfg = cfg;
    this.routes = routes;
  }

  /** Adds a route whose request body, if any, is not read as JSON or YAML. */
  void add(String method, String path, Handler handler) {
    add(method, path, MediaTypes.ANY, handler);
  }

  /** Adds a route whose request body must be of {@code body}'s media types (415 otherwise). */
  void add(String method, String path, MediaTypes body, Handler endpoint) {
    Handler handler = ctx -> {
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
      default -> throw new IllegalArgumentException("no route method " + method);
    }
  }

  /** Lists a route served in front of Javalin, on Jetty's core API ({@link DecideHandler}). */
  void servedInFront(String method, String path) {
    routes.add(method + " " + path);
  }
}

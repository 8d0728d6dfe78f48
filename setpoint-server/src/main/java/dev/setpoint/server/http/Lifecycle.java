package dev.setpoint.server.http;

import dev.setpoint.server.errors.ErrorLog;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jspecify.annotations.Nullable;

/**
 * How the server listens and stops: one connector (HTTPS with HTTP/2 and HTTP/1.1 when it has a
 * certificate, else plain HTTP/1.1) bound to the options' address, at most the limits' connections,
 * the handlers in front of Javalin, and a graceful stop: new requests are refused (503) while those in
 * flight are answered, up to the drain timeout, before the connectors close.
 */
final class Lifecycle {

  private final DecisionServer.Options options;
  private final GracefulHandler graceful;
  /** Set when Javalin builds the Jetty server. */
  private volatile @Nullable NetworkConnectionLimit connections;

  /**
   * @param front the handlers that see every request before Javalin's routes ({@link FrontDoor},
   *     then {@link DecideHandler})
   */
  Lifecycle(DecisionServer.Options options, Handler front) {
    this.options = options;
    this.graceful = new GracefulHandler(front);
  }

  /**
   * Gives Javalin's Jetty server its connector, its handlers in front, its stop timeout, its error
   * answers as problems ({@link ProblemErrorHandler}) and its connection limit.
   */
  void configure(JavalinConfig cfg, RequestMetrics requestMetrics, ErrorLog errorLog) {
    DecisionServer.Limits limits = options.limits();
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
  }

  /** The connections open now. */
  int openConnections() {
    NetworkConnectionLimit limit = connections;
    return limit == null ? 0 : limit.getNetworkConnectionCount();
  }

  /** Whether a stop has begun refusing new requests. */
  boolean stopping() {
    return graceful.isShutdown();
  }
}

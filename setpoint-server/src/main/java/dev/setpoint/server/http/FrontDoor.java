package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first handler every request meets: it marks every answer {@code X-Content-Type-Options:
 * nosniff} and {@code Cache-Control: no-store} (the explorer's page and assets set their own
 * caching), and refuses a request that changes something (any method but GET, HEAD and OPTIONS) when
 * a browser sent it from another site.
 *
 * <p>A browser says where a request comes from: {@code Sec-Fetch-Site} ({@code same-origin}, {@code
 * same-site}, {@code cross-site}, or {@code none} when the user typed it) and {@code Origin}. A page on
 * another origin — another host, or another port of this one, which is "same-site" — could otherwise
 * make its visitor's browser activate or roll back a policy on a server that trusts that browser's
 * network (no tokens, or a token the page does not need to read). Programs send neither header and are
 * not affected; the explorer's own calls are same-origin. Origins listed with {@code
 * --allowed-origin} (a page of yours elsewhere, or this server's public address behind a proxy) are let
 * through.
 */
final class FrontDoor extends Handler.Wrapper {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final Set<String> allowedOrigins;
  private final RequestMetrics metrics;

  /**
   * @param allowedOrigins origins besides the server's own whose browsers may send changes, each
   *     {@code scheme://host[:port]}
   */
  FrontDoor(Set<String> allowedOrigins, RequestMetrics metrics) {
    Set<String> normal = new LinkedHashSet<>();
    for (String o : allowedOrigins) {
      normal.add(normalOrigin(o).orElseThrow(() -> new IllegalArgumentException(
          "an allowed origin must be scheme://host[:port], such as https://setpoint.example.com, "
              + "was '" + o + "'")));
    }
    this.allowedOrigins = Set.copyOf(normal);
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (!SAFE.contains(request.getMethod())) {
      Optional<String> refusal = crossSite(request.getHeaders().get("Sec-Fetch-Site"),
          request.getHeaders().get(HttpHeader.ORIGIN), request.getHttpURI());
      if (refusal.isPresent()) {
        long started = System.nanoTime();
        ProblemResponse.write(response, callback, ApiException.crossSite(refusal.get()));
        metrics.record("unrouted", request.getMethod(), 403, System.nanoTime() - started);
        return true;
      }
    }
    return super.handle(request, response, callback);
  }

  /** Why a browser's request from another site is refused, or empty when it is not one. */
  Optional<String> crossSite(String fetchSite, String origin, HttpURI target) {
    Optional<String> from = origin == null ? Optional.empty() : normalOrigin(origin);
    if (from.isPresent() && allowedOrigins.contains(from.get())) {
      return Optional.empty();
    }
    if (fetchSite != null && List.of("cross-site", "same-site").contains(fetchSite.strip()
        .toLowerCase(Locale.ROOT))) {
      return Optional.of("a browser sent this request from another site (Sec-Fetch-Site: "
          + fetchSite.strip() + "); the API takes changes from its own pages and from programs. "
          + "To allow a page of yours, start the server with --allowed-origin and its origin");
    }
    if (origin == null) {
      return Optional.empty();
    }
    String own = origin(target.getScheme(), target.getHost(), target.getPort());
    if (from.isEmpty() || !from.get().equals(own)) {
      return Optional.of("a browser sent this request from " + (from.isPresent() ? "origin "
          + from.get() : "an opaque origin (Origin: " + dev.setpoint.spelling.Printable.quoted(
              origin, 100) + ")") + ", not from this server's own (" + own + "); the API takes "
          + "changes from its own pages and from programs. To allow a page of yours, start the "
          + "server with --allowed-origin and its origin");
    }
    return Optional.empty();
  }

  /** {@code scheme://host[:port]} lower-cased, the default port left out; empty when not one. */
  static Optional<String> normalOrigin(String text) {
    try {
      URI uri = new URI(text.strip());
      if (uri.getScheme() == null || uri.getHost() == null || (uri.getRawPath() != null
          && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
          || uri.getRawUserInfo() != null) {
        return Optional.empty();
      }
      return Optional.of(origin(uri.getScheme(), uri.getHost(), uri.getPort()));
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String origin(String scheme, String host, int port) {
    String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean defaultPort = port < 0 || (s.equals("http") && port == 80)
        || (s.equals("https") && port == 443);
    return s + "://" + (h.contains(":") ? "[" + h + "]" : h) + (defaultPort ? "" : ":" + port);
  }
}

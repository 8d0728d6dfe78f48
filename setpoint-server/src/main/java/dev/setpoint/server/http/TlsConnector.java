package dev.setpoint.server.http;

import dev.setpoint.server.tls.TlsMaterial;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's one connector when it has a certificate: TLS 1.2 or 1.3 through the JDK's own TLS,
 * then HTTP/2 or HTTP/1.1 as ALPN agrees with the client (a client that offers no ALPN gets
 * HTTP/1.1). Plain HTTP is not served beside it: a token must never cross the network in clear, and
 * a plain request to this port fails its handshake (Jetty answers with a TLS alert, not HTTP), so
 * it is never decided.
 *
 * <p>Jetty's defaults stay: its SslContextFactory excludes SSL 3 and the weak cipher suites, and
 * TLS 1.0 and 1.1 are disabled by the JDK; naming TLS 1.2 and 1.3 here keeps that true on a JDK
 * whose {@code java.security} was loosened.
 */
final class TlsConnector {

  /**
   * The password of the one entry of the in-memory key store, which Jetty's SslContextFactory takes
   * its key from. The store never leaves this process, so the password guards nothing and need not
   * be a secret.
   */
  private static final String ENTRY_PASSWORD = "in-memory";

  private TlsConnector() {}

  /**
   * A connector on {@code host:port} (0 for any free port) serving {@code tls}'s certificate chain.
   *
   * @param javalin Javalin's HTTP configuration (URI compliance, no Server header), copied so the
   *     TLS connector answers as the plain one would
   */
  static ServerConnector create(Server server, HttpConfiguration javalin, TlsMaterial tls,
      String host, int port) {
    HttpConfiguration https = new HttpConfiguration(javalin);
    // Marks requests secure (https scheme, the TLS session's attributes) for the handlers. Jetty's
    // SNI host check is off: it guards virtual hosts with several certificates, and this server has
    // one; on, it refuses with an HTML 400 ("Invalid SNI") any request whose Host the certificate
    // does not name, such as a proxy or health check that connects by address and keeps the
    // public Host, as docs/operations.md asks proxies to. Clients check the certificate themselves.
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore(tls));
    ssl.setKeyManagerPassword(ENTRY_PASSWORD);
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    // HTTP/2 forbids the TLS 1.2 cipher suites of RFC 9113 appendix A; ordering them last makes the
    // handshake pick one that h2 allows whenever the client offers it.
    ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
    ssl.setUseCipherSuitesOrder(true);
    HttpConnectionFactory http11 = new HttpConnectionFactory(https);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(http11.getProtocol());
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, http11);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static KeyStore keyStore(TlsMaterial tls) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("setpoint", tls.key(), ENTRY_PASSWORD.toCharArray(),
          tls.chain().toArray(new X509Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JDK's PKCS12 key store refused the TLS key and chain",
          e);
    }
  }
}

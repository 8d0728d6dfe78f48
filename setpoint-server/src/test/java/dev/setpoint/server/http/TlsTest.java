package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.StoreProxy;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.tls.TestCertificate;
import dev.setpoint.server.tls.TestCertificate.KeyFormat;
import dev.setpoint.server.tls.TlsMaterial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision service over TLS, with a certificate generated at test time: HTTP/2 and HTTP/1.1 as
 * the client asks, decisions answered and logged, plain HTTP refused on the same port, the chain
 * served as given, and a stop that still drains the requests in flight.
 */
class TlsTest {

  private static final String DECIDE = "{\"policy\": \"card-fraud\", \"score\": 0.9, "
      + "\"attributes\": {\"jurisdiction\": \"US\", \"amount\": 7000}}";

  @TempDir Path dir;

  private final ObjectMapper json = new ObjectMapper();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  /** Writes the certificate chain and key as PEM files and reads them back, as the CLI does. */
  private TlsMaterial material(String chainPem, String keyPem) throws IOException {
    return TlsMaterial.read(TestCertificate.write(dir.resolve("cert.pem"), chainPem),
        TestCertificate.write(dir.resolve("key.pem"), keyPem));
  }

  private DecisionServer start(Store store, TlsMaterial tls) {
    DecisionServer server = DecisionServer.start(store,
        DecisionServer.Options.defaults().withTls(tls));
    opened.add(server);
    return server;
  }

  private Store sqlite() {
    Store store = JdbcStore.sqlite(dir);
    opened.add(store);
    return store;
  }

  /** A client that trusts {@code anchor} only, asking for {@code version}. */
  private static HttpClient client(X509Certificate anchor, HttpClient.Version version,
      String... tlsProtocols) throws GeneralSecurityException, IOException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trustStore(anchor));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    SSLParameters parameters = context.getDefaultSSLParameters();
    if (tlsProtocols.length > 0) {
      parameters.setProtocols(tlsProtocols);
    }
    return HttpClient.newBuilder().sslContext(context).sslParameters(parameters).version(version)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static KeyStore trustStore(X509Certificate anchor)
      throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("anchor", anchor);
    return trusted;
  }

  private static HttpResponse<String> send(HttpClient http, DecisionServer server, String method,
      String path, String body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
        + path)).timeout(Duration.ofSeconds(20)).method(method, body == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void putAndActivate(HttpClient http, DecisionServer server) throws Exception {
    HttpResponse<String> put = send(http, server, "PUT", "/v1/policies/card-fraud",
        Files.readString(Path.of("../examples/policies/card-fraud.yaml")), "Content-Type",
        "application/yaml");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    HttpResponse<String> act = send(http, server, "POST", "/v1/policies/card-fraud/activate",
        "{\"version\": 1, \"reason\": \"launch\"}");
    assertThat(act.statusCode()).as(act.body()).isEqualTo(200);
  }

  private void assertDecided(HttpResponse<String> r, HttpClient.Version version)
      throws IOException {
    assertThat(r.version()).isEqualTo(version);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json.readTree(r.body());
    assertThat(body.get("action").asText()).isEqualTo("block");
    assertThat(body.get("segment").asText()).isEqualTo("us-large");
  }

  @Test
  void decidesOverHttp2WithTheGeneratedCertificate() throws Exception {
    TestCertificate cert = TestCertificate.selfSigned("RSA");
    Store store = sqlite();
    DecisionServer server = start(store, material(cert.certificatePem(),
        cert.keyPem(KeyFormat.PKCS8)));
    assertThat(server.port()).as("the TLS connector's real port, port 0 having been asked")
        .isPositive();
    HttpClient h2 = client(cert.certificate(), HttpClient.Version.HTTP_2);
    HttpResponse<String> health = send(h2, server, "GET", "/healthz", null);
    assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.sslSession()).hasValueSatisfying(s ->
        assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
    putAndActivate(h2, server);
    HttpResponse<String> decided = send(h2, server, "POST", "/v1/decide", DECIDE);
    assertDecided(decided, HttpClient.Version.HTTP_2);
    String id = json.readTree(decided.body()).get("id").asText();
    assertThat(store.decision(id)).as("the decision is in the audit log").isPresent();
    HttpResponse<String> batch = send(h2, server, "POST", "/v1/decide/batch",
        "{\"policy\": \"card-fraud\", \"requests\": [{\"score\": 0.9, \"attributes\": "
            + "{\"jurisdiction\": \"US\", \"amount\": 7000}}, {\"score\": 0.1}]}");
    assertThat(batch.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
    assertThat(json.readTree(batch.body()).get("decisions")).hasSize(2);
    assertThat(store.decisionCount()).isEqualTo(3);
  }

  @Test
  void decidesOverHttp11WhenTheClientAsksForIt() throws Exception {
    TestCertificate cert = TestCertificate.selfSigned("RSA");
    DecisionServer server = start(sqlite(), material(cert.certificatePem(),
        cert.keyPem(KeyFormat.TRADITIONAL)));
    HttpClient h11 = client(cert.certificate(), HttpClient.Version.HTTP_1_1);
    HttpResponse<String> health = send(h11, server, "GET", "/healthz", null);
    assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(health.statusCode()).isEqualTo(200);
    putAndActivate(h11, server);
    assertDecided(send(h11, server, "POST", "/v1/decide", DECIDE), HttpClient.Version.HTTP_1_1);
  }

  @Test
  void servesTls12ClientsOverHttp2Too() throws Exception {
    TestCertificate cert = TestCertificate.selfSigned("EC");
    DecisionServer server = start(sqlite(), material(cert.certificatePem(),
        cert.keyPem(KeyFormat.SEC1_AFTER_PARAMETERS)));
    HttpClient tls12 = client(cert.certificate(), HttpClient.Version.HTTP_2, "TLSv1.2");
    HttpResponse<String> health = send(tls12, server, "GET", "/healthz", null);
    assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(health.sslSession()).hasValueSatisfying(s -> {
      assertThat(s.getProtocol()).isEqualTo("TLSv1.2");
      // HTTP/2 over TLS 1.2 needs an AEAD suite with forward secrecy (RFC 9113 §9.2.2).
      assertThat(s.getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_").contains("GCM");
    });
  }

  @Test
  void aPlainHttpRequestToTheTlsPortGetsNoDecision() throws Exception {
    TestCertificate cert = TestCertificate.selfSigned("RSA");
    Store store = sqlite();
    DecisionServer server = start(store, material(cert.certificatePem(),
        cert.keyPem(KeyFormat.PKCS8)));
    putAndActivate(client(cert.certificate(), HttpClient.Version.HTTP_2), server);
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    int status = plain.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.port() + "/v1/decide")).timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(),
            HttpResponse.BodyHandlers.ofString())
        .handle((r, error) -> error != null ? -1 : r.statusCode()).get(30, TimeUnit.SECONDS);
    assertThat(status).as("a plain request: its connection fails, or it is refused").isIn(-1, 400);
    assertThat(store.decisionCount()).isZero();
  }

  /**
   * A proxy or a load balancer's health check that connects by address and keeps the public Host
   * (as docs/operations.md asks proxies to) is served: Jetty's SNI host check would answer it with
   * an HTML 400 "Invalid SNI".
   */
  @Test
  void aHostTheCertificateDoesNotNameIsServed() throws Exception {
    TestCertificate cert = TestCertificate.selfSigned("RSA");
    DecisionServer server = start(sqlite(), material(cert.certificatePem(),
        cert.keyPem(KeyFormat.PKCS8)));
    SslContextFactory.Client ssl = new SslContextFactory.Client();
    ssl.setTrustStore(trustStore(cert.certificate()));
    HTTP2Client h2 = new HTTP2Client();
    h2.addBean(ssl);
    h2.start();
    try {
      Session session = h2.connect(ssl, new InetSocketAddress("127.0.0.1", server.port()),
          new Session.Listener() {}).get(20, TimeUnit.SECONDS);
      assertThat(exchange(session, "GET", "https://api.example.com/healthz", null)
          .get(20, TimeUnit.SECONDS)).isEqualTo("200 {\"status\":\"ok\"}");
    } finally {
      h2.stop();
    }
  }

  @Test
  void aChainIsServedLeafFirstAndClientsTrustingOnlyTheCaAcceptIt() throws Exception {
    TestCertificate ca = TestCertificate.authority("CN=Setpoint Test CA");
    TestCertificate leaf = ca.issue("RSA");
    DecisionServer server = start(sqlite(), material(leaf.certificatePem() + ca.certificatePem(),
        leaf.keyPem(KeyFormat.PKCS8)));
    HttpResponse<String> health = send(client(ca.certificate(), HttpClient.Version.HTTP_2), server,
        "GET", "/healthz", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.sslSession().orElseThrow().getPeerCertificates())
        .containsExactly(leaf.certificate(), ca.certificate());
  }

  /**
   * A stop sends HTTP/2's GOAWAY and still answers the streams in flight. The client is Jetty's,
   * which follows RFC 9113 §6.8 there; the JDK 17 HttpClient instead fails every stream of a
   * connection that receives GOAWAY (JDK-8335181, fixed in JDK 24), which docs/operations.md tells
   * its users.
   */
  @Test
  void closeDrainsHttp2RequestsInFlight() throws Exception {
    TestCertificate cert = TestCertificate.selfSigned("EC");
    try (Store real = CardFraud.activeIn(JdbcStore.sqlite(dir))) {
      // Commits wait for the test, so the requests stay in flight (as in GracefulShutdownTest).
      StoreProxy.HeldCommits held = new StoreProxy.HeldCommits(real);
      DecisionServer server = DecisionServer.start(held.store(), DecisionServer.Options.defaults()
          .withTls(material(cert.certificatePem(), cert.keyPem(KeyFormat.PKCS8))));
      SslContextFactory.Client ssl = new SslContextFactory.Client();
      ssl.setTrustStore(trustStore(cert.certificate()));
      HTTP2Client h2 = new HTTP2Client();
      h2.addBean(ssl); // started and stopped with the client
      h2.start();
      try {
        Session session = h2.connect(ssl, new InetSocketAddress("127.0.0.1", server.port()),
            new Session.Listener() {}).get(20, TimeUnit.SECONDS);
        List<CompletableFuture<String>> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          inFlight.add(exchange(session, "POST", "https://127.0.0.1:" + server.port()
              + "/v1/decide", DECIDE));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (held.commits() != 1 || held.records() + server.auditWaiting() != 8) {
          assertThat(System.nanoTime()).as("all 8 taken, the first commit held")
              .isLessThan(deadline);
          Thread.sleep(5);
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        while (!server.stopping()) {
          assertThat(System.nanoTime()).as("the stop begins").isLessThan(deadline);
          Thread.sleep(5);
        }
        Thread.sleep(200);
        assertThat(closing).as("close waits for the requests in flight").isNotDone();
        held.release();
        closing.get(30, TimeUnit.SECONDS);
        for (CompletableFuture<String> f : inFlight) {
          String answer = f.get(30, TimeUnit.SECONDS);
          assertThat(answer).startsWith("200 ");
          String id = json.readTree(answer.substring(4)).get("id").asText();
          assertThat(real.decision(id)).as("decision %s is in the audit log", id).isPresent();
        }
        assertThat(real.decisionCount()).isEqualTo(8);
      } finally {
        h2.stop();
      }
    }
  }

  /**
   * Sends a request, with {@code body} unless it is null, on a new stream of {@code session}:
   * Jetty's HTTP/2 API without its HttpClient, whose exchanges can be aborted when the session ends
   * right after their last frame, and which sends any authority (Host) asked for.
   *
   * @return the status, a space and the body, once the stream has ended
   */
  private static CompletableFuture<String> exchange(Session session, String method, String url,
      String body) {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    CompletableFuture<String> answer = new CompletableFuture<>();
    MetaData.Request request = new MetaData.Request(method, HttpURI.from(url), HttpVersion.HTTP_2,
        bytes == null ? HttpFields.EMPTY
            : HttpFields.build().put(HttpHeader.CONTENT_TYPE, "application/json"),
        bytes == null ? 0 : bytes.length);
    session.newStream(new HeadersFrame(request, null, bytes == null), new Stream.Listener() {
      private int status;
      private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();

      @Override
      public void onHeaders(Stream stream, HeadersFrame frame) {
        status = ((MetaData.Response) frame.getMetaData()).getStatus();
        stream.demand();
      }

      @Override
      public void onDataAvailable(Stream stream) {
        Stream.Data data = stream.readData();
        if (data == null) {
          stream.demand();
          return;
        }
        java.nio.ByteBuffer buffer = data.frame().getByteBuffer();
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        received.writeBytes(chunk);
        data.release();
        if (data.frame().isEndStream()) {
          answer.complete(status + " " + received.toString(StandardCharsets.UTF_8));
        } else {
          stream.demand();
        }
      }

      @Override
      public void onReset(Stream stream, ResetFrame frame, Callback callback) {
        answer.completeExceptionally(new IOException("stream reset: error " + frame.getError()));
        callback.succeeded();
      }

      @Override
      public void onFailure(Stream stream, int error, String reason, Throwable failure,
          Callback callback) {
        answer.completeExceptionally(failure);
        callback.succeeded();
      }
    }).thenCompose(stream -> bytes == null ? CompletableFuture.completedFuture(stream)
        : stream.data(new DataFrame(stream.getId(), java.nio.ByteBuffer.wrap(bytes), true)))
        .whenComplete((stream, failure) -> {
          if (failure != null) {
            answer.completeExceptionally(failure);
          }
        });
    return answer;
  }

  @Test
  void theHttp2AndAlpnModulesAreTheJettyJavalinBrings() {
    String jetty = org.eclipse.jetty.server.Server.class.getPackage().getImplementationVersion();
    assertThat(jetty).as("jetty-server's version, from its manifest").isNotBlank();
    for (Class<?> added : new Class<?>[] {
        org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory.class,
        org.eclipse.jetty.http2.HTTP2Cipher.class,
        org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory.class,
        org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor.class}) {
      assertThat(added.getPackage().getImplementationVersion())
          .as("%s must be Jetty %s, as Javalin's (jetty.version in the root pom.xml)",
              added.getSimpleName(), jetty)
          .isEqualTo(jetty);
    }
  }
}

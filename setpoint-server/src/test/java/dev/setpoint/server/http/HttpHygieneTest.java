package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.StoreProxy;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 8: the small ones. Answers say {@code nosniff} and {@code no-store}; Jetty's own
 * answers (400, 414, 431) are problems, not HTML, and are counted; a {@code Location} is
 * percent-encoded; failed authentications are limited per address.
 */
class HttpHygieneTest {

  @TempDir Path dir;

  private Store store;
  private DecisionServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    store = CardFraud.activeIn(JdbcStore.sqlite(dir));
    server = DecisionServer.start(store, DecisionServer.Options.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The raw answer to {@code request}, as text, written on a socket of its own. */
  private String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void apiAnswersAreNotSniffedNorStored() throws Exception {
    for (HttpResponse<String> r : new HttpResponse[] {
        send("GET", "/healthz", null),
        send("POST", "/v1/decide", CardFraud.DECIDE),
        send("POST", "/v1/decide", "{"),
        send("GET", "/v1/policies/card-fraud", null),
        send("GET", "/v1/no-such-thing", null)}) {
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri().toString())
          .contains("nosniff");
      assertThat(r.headers().firstValue("Cache-Control")).as(r.uri().toString())
          .contains("no-store");
    }
  }

  @Test
  void jettysOwnRefusalsAreProblemsAndAreCounted() throws Exception {
    String badLine = raw("GARBAGE\r\n\r\n");
    String longUri = raw("GET /v1/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    String bigHeader = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000)
        + "\r\n\r\n");
    for (String[] c : new String[][] {{badLine, "400"}, {longUri, "414"}, {bigHeader, "431"}}) {
      String answer = c[0];
      assertThat(answer).startsWith("HTTP/1.1 " + c[1]);
      assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
          .doesNotContain("<html").doesNotContain("<h2>");
      JsonNode problem = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(problem.get("status").asInt()).isEqualTo(Integer.parseInt(c[1]));
      assertThat(problem.get("errors").isArray()).isTrue();
    }
    String metrics = send("GET", "/metrics", null).body();
    assertThat(metrics).contains("route=\"unrouted\",status=\"400\"")
        .contains("route=\"unrouted\",status=\"414\"")
        .contains("route=\"unrouted\",status=\"431\"");
  }

  @Test
  void locationIsPercentEncoded() throws Exception {
    String yaml = Files.readString(Path.of("../examples/policies/card-fraud.yaml"))
        .replace("name: card-fraud", "name: fraud:eu.v2");
    HttpResponse<String> put = send("PUT", "/v1/policies/fraud:eu.v2", yaml,
        "Content-Type", "application/yaml");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    String location = put.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/v1/policies/fraud%3Aeu.v2?version=1");
    assertThat(send("GET", location, null).statusCode()).isEqualTo(200);
  }

  @Test
  void anAddressWithTooManyFailedAuthenticationsIsAnswered429() throws Exception {
    server.close();
    Access access = Access.read(Files.writeString(dir.resolve("setpoint.yaml"), """
        tokens:
          - { name: scorer, token: "decide-token-0123456789", roles: [decide] }
        """));
    DecisionServer.Limits d = DecisionServer.Limits.defaults();
    server = DecisionServer.start(store, DecisionServer.Options.defaults().withAccess(access)
        .withLimits(new DecisionServer.Limits(d.maxBatch(), d.maxBodyBytes(), d.bodyMemoryBytes(),
            d.maxConnections(), d.idleTimeout(), d.readTimeout(), 5)));
    for (int i = 0; i < 5; i++) {
      assertThat(send("POST", "/v1/decide", CardFraud.DECIDE, "Authorization",
          "Bearer guess-" + i).statusCode()).isEqualTo(401);
    }
    for (String token : new String[] {"guess-5", "decide-token-0123456789"}) {
      HttpResponse<String> limited = send("POST", "/v1/decide", CardFraud.DECIDE, "Authorization",
          "Bearer " + token);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
          s -> assertThat(Integer.parseInt(s)).isBetween(1, 60));
    }
    assertThat(send("GET", "/v1/policies/card-fraud", null).statusCode()).as("the Javalin routes")
        .isEqualTo(429);
    assertThat(send("GET", "/metrics", null).body()).contains("setpoint_auth_refused_total 3.0");
  }

  /**
   * The out-of-memory 500s of the issue were missing from {@code /metrics}: an error thrown while
   * deciding (here an {@code OutOfMemoryError} from the store) is a 500 problem with an error id, and
   * counted; on a Javalin route too.
   */
  @Test
  void anErrorThrownWhileAnsweringIsA500ProblemAndIsCounted() throws Exception {
    server.close();
    Store failing = StoreProxy.around(store, (method, args) -> {
      if (args.length > 0 && "boom".equals(args[0])) {
        throw new OutOfMemoryError("Java heap space (thrown by the test)");
      }
    });
    server = DecisionServer.start(failing, DecisionServer.Options.defaults());
    for (HttpResponse<String> r : List.of(
        send("POST", "/v1/decide", "{\"policy\": \"boom\", \"score\": 0.5}"),
        send("GET", "/v1/policies/boom", null))) {
      assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(500);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
      JsonNode problem = json.readTree(r.body());
      assertThat(problem.get("errorId").asText()).matches("e-[0-9a-f]{12}");
      assertThat(r.body()).doesNotContain("OutOfMemoryError").doesNotContain("heap");
    }
    String metrics = send("GET", "/metrics", null).body();
    assertThat(metrics).contains("method=\"POST\",route=\"/v1/decide\",status=\"500\"")
        .contains("status=\"500\"} ");
    assertThat(metrics.lines().filter(l -> l.startsWith("setpoint_http_requests_seconds_count")
        && l.contains("status=\"500\"")).count()).isEqualTo(2);
  }
}

package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.setpoint.server.HeadlessChromium;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 19, item 5: endpoints took {@code text/plain} bodies, so a page on another origin rolled back
 * a policy through its visitor's browser against a server without {@code --config}. Now JSON
 * endpoints take only JSON, and a change a browser sends from another site is refused.
 */
class CrossSiteTest {

  @TempDir Path dir;

  private static final String ROLLBACK = "{\"version\": 1, \"reason\": \"from elsewhere\"}";

  private Store store;
  private DecisionServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    store = CardFraud.activeIn(JdbcStore.sqlite(dir));
    String document = store.policy("card-fraud", 1).orElseThrow().document();
    store.putPolicy("card-fraud", document, "sha", "test", Optional.empty(), OptionalLong.empty());
    store.activate("card-fraud", 2, PolicyEvent.Kind.ACTIVATE, "test", "second");
    server = DecisionServer.start(store, DecisionServer.Options.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private HttpResponse<String> rollback(String... headers) throws Exception {
    return change("rollback", ROLLBACK, headers);
  }

  /** Activates version 2 again (after a rollback to 1: activating the active one is a 409). */
  private HttpResponse<String> reactivate(String... headers) throws Exception {
    return change("activate", "{\"version\": 2, \"reason\": \"back\"}", headers);
  }

  private HttpResponse<String> change(String kind, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/v1/policies/card-fraud/" + kind)).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String own() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void aChangeFromAnotherOriginIsRefusedWhicheverHeaderTellsIt() throws Exception {
    for (String[] headers : new String[][] {
        {"Origin", "http://127.0.0.1:9999"},
        {"Origin", "http://evil.example"},
        {"Origin", "null"},
        {"Sec-Fetch-Site", "cross-site"},
        {"Sec-Fetch-Site", "same-site", "Origin", "http://127.0.0.1:9999"},
        {"Sec-Fetch-Site", "same-site"}}) {
      HttpResponse<String> r = rollback(headers);
      assertThat(r.statusCode()).as(String.join(" ", headers)).isEqualTo(403);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(r.body()).contains("/problems/cross-site").contains("--allowed-origin");
    }
    assertThat(store.activeVersion("card-fraud")).hasValue(2);
  }

  @Test
  void jsonEndpointsRefuseTheBodyTypesABrowserSendsWithoutAsking() throws Exception {
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x"}) {
      HttpResponse<String> r = rollback("Content-Type", type);
      assertThat(r.statusCode()).as(type).isEqualTo(415);
      assertThat(r.body()).contains("application/json");
      assertThat(r.headers().firstValue("Accept")).contains("application/json");
    }
    HttpResponse<String> decide = http.send(HttpRequest.newBuilder(URI.create(own()
        + "/v1/decide")).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(CardFraud.DECIDE)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(decide.statusCode()).isEqualTo(415);
    assertThat(decide.body()).contains("-H 'Content-Type: application/json'");
    assertThat(store.activeVersion("card-fraud")).hasValue(2);
  }

  @Test
  void programsTheServersOwnPagesAndAllowedOriginsStillChangeThings() throws Exception {
    assertThat(rollback().statusCode()).as("no Content-Type, no Origin: a program")
        .isEqualTo(200);
    assertThat(reactivate("Content-Type", "application/json; charset=utf-8", "Origin", own(),
        "Sec-Fetch-Site", "same-origin").statusCode()).as("the explorer's own page").isEqualTo(200);
    server.close();
    server = DecisionServer.start(store, DecisionServer.Options.defaults()
        .withAllowedOrigins(Set.of("https://console.example.com")));
    assertThat(rollback("Content-Type", "application/json", "Origin", "https://console.example.com",
        "Sec-Fetch-Site", "cross-site").statusCode()).as("an allowed origin").isEqualTo(200);
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(own()
        + "/v1/policies/card-fraud/versions")).header("Origin", "http://evil.example").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).as("a read changes nothing").isEqualTo(200);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  /** The attack of the issue, in a real browser: a page elsewhere posts a rollback two ways. */
  @Test
  void aPageOnAnotherPortCannotRollBackAPolicyThroughItsVisitorsBrowser() throws Exception {
    String target = own() + "/v1/policies/card-fraud/rollback";
    String page = """
        <!doctype html><title>elsewhere</title>
        <form id="f" method="POST" enctype="text/plain" action="%1$s">
        <input name='{"version": 1, "reason": "form", "x": "' value='"}'></form>
        <script>
        fetch("%1$s", {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
              body: JSON.stringify({version: 1, reason: "fetch"})})
          .finally(() => document.getElementById("f").submit());
        </script>
        """.formatted(target);
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elsewhere.createContext("/", exchange -> {
      byte[] body = page.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    elsewhere.start();
    ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium"), "1000,800");
    try {
      browser.get("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/");
      // The form's answer replaces the page: then both requests have been answered.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!browser.getCurrentUrl().startsWith(target) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(browser.getCurrentUrl()).startsWith(target);
      assertThat(browser.getPageSource()).contains("cross-site");
    } finally {
      browser.quit();
      elsewhere.stop(0);
    }
    assertThat(store.activeVersion("card-fraud")).hasValue(2);
    assertThat(store.events("card-fraud")).hasSize(2);
    String metrics = http.send(HttpRequest.newBuilder(URI.create(own() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).as("both attempts reached the server and were refused").contains(
        "setpoint_http_requests_seconds_count{method=\"POST\",route=\"unrouted\",status=\"403\"} 2");
  }
}

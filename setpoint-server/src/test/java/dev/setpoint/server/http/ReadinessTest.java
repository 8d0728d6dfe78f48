package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.LogCapture;
import dev.setpoint.server.TestPostgres;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 3: {@code /readyz} answered ready while every decide failed with 503, and while a
 * table lock held commits for 25 s (every decide hung 24 s, then answered 200). Now readiness follows
 * the store's last write (a commit, or a probe when idle), and a commit slower than the commit timeout
 * answers its waiting requests 503.
 */
class ReadinessTest {

  @TempDir Path dir;

  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(1);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private DecisionServer start(Store store) {
    return DecisionServer.start(CardFraud.activeIn(store),
        DecisionServer.Options.defaults().withCommitTimeout(COMMIT_TIMEOUT));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> decide(int port) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/v1/decide")).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(CardFraud.DECIDE)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asks {@code /readyz} until its status passes {@code until}, for at most 10 s. */
  private HttpResponse<String> readyz(int port, IntPredicate until) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpResponse<String> r = get(port, "/readyz");
    while (!until.test(r.statusCode()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      r = get(port, "/readyz");
    }
    return r;
  }

  /** Decides until the answer's status passes {@code until}, for at most 10 s. */
  private HttpResponse<String> decideUntil(int port, IntPredicate until) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpResponse<String> r = decide(port);
    while (!until.test(r.statusCode()) && System.nanoTime() < deadline) {
      r = decide(port);
    }
    return r;
  }

  /** A write held elsewhere: decisions are refused within the timeout, then served again. */
  private void heldWriteLock(int port, Connection holder, String lock) throws Exception {
    assertThat(decide(port).statusCode()).isEqualTo(200);
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    holder.setAutoCommit(false);
    try (Statement s = holder.createStatement()) {
      s.execute(lock);
    }
    long started = System.nanoTime();
    HttpResponse<String> refused = decide(port);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(millis).as("a decision while the store is locked elsewhere, ms").isLessThan(3_000);
    HttpResponse<String> notReady = readyz(port, status -> status == 503);
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(json.readTree(notReady.body()).get("type").asText()).isEqualTo("/problems/not-ready");
    holder.rollback();
    assertThat(decideUntil(port, status -> status == 200).statusCode()).isEqualTo(200);
    assertThat(readyz(port, status -> status == 200).statusCode()).isEqualTo(200);
  }

  @Test
  void aTableLockedElsewhereAnswers503WithinTheCommitTimeoutAndTurnsNotReady() throws Exception {
    String database = TestPostgres.create("locked");
    try (Store store = JdbcStore.postgresql(TestPostgres.url(database), COMMIT_TIMEOUT);
        Connection holder = TestPostgres.connect(database)) {
      DecisionServer server = start(store);
      try {
        heldWriteLock(server.port(), holder, "LOCK TABLE decision_group IN ACCESS EXCLUSIVE MODE");
      } finally {
        server.close();
      }
    } finally {
      TestPostgres.drop(database);
    }
  }

  @Test
  void theEmbeddedStoreLockedByAnotherProcessAnswers503AndTurnsNotReady() throws Exception {
    try (Store store = JdbcStore.sqlite(dir, JdbcStore.Durability.POWER_LOSS, COMMIT_TIMEOUT);
        Connection holder = DriverManager.getConnection("jdbc:sqlite:"
            + dir.resolve("setpoint.db"))) {
      DecisionServer server = start(store);
      try {
        heldWriteLock(server.port(), holder,
            "INSERT INTO policy_event (name, kind, version, at, by_whom, reason) "
                + "SELECT name, kind, version, at, by_whom, reason FROM policy_event LIMIT 1");
      } finally {
        server.close();
      }
    }
  }

  @Test
  void anIdleServerWhoseStoreRefusesWritesTurnsNotReadyAndBackWhenItRecovers() throws Exception {
    String database = TestPostgres.create("idle");
    try (LogCapture log = new LogCapture();
        Store store = JdbcStore.postgresql(TestPostgres.url(database), COMMIT_TIMEOUT);
        Connection admin = TestPostgres.connect(database); Statement s = admin.createStatement()) {
      DecisionServer server = start(store);
      try {
        assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(200);
        s.execute("ALTER TABLE decision_group RENAME TO decisions_moved");
        // No decision comes; the probe finds out within about a commit timeout.
        HttpResponse<String> notReady = readyz(server.port(), status -> status == 503);
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("refused the last write").doesNotContain("decision")
            .doesNotContain("SQL");
        // Later probes fail the same way: logged once, under the id the answers keep giving.
        String id = json.readTree(notReady.body()).get("errorId").asText();
        long deadline = System.nanoTime() + 3 * COMMIT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
          assertThat(json.readTree(get(server.port(), "/readyz").body()).get("errorId").asText())
              .isEqualTo(id);
        }
        assertThat(log.lines().stream().filter(l -> l.contains("readiness probe"))).hasSize(1);
        s.execute("ALTER TABLE decisions_moved RENAME TO decision_group");
        HttpResponse<String> ready = readyz(server.port(), status -> status == 200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ready.body()).get("store").get("lastWrite").asText()).isNotBlank();
        assertThat(log.text()).contains("the store takes writes again").contains(id);
        assertThat(decide(server.port()).statusCode()).isEqualTo(200);
      } finally {
        server.close();
      }
    } finally {
      TestPostgres.drop(database);
    }
  }
}

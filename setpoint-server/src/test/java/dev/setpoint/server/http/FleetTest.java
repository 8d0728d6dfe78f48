package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.TestPostgres;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 1: several instances on one PostgreSQL database act as one service. Found
 * (2026-12-07): a version activated through instance A was never used by instance B, which still
 * decided with version 1 minutes later and refused an activation of a policy it had not loaded. Here
 * three servers, each with a store of its own, share one real database.
 */
class FleetTest {

  /** Version 1 reviews a score of 0.6; version 2 (threshold 0.7) allows it. */
  private static final String POLICY = """
      apiVersion: setpoint/v1
      kind: Policy
      name: loans
      segments:
        - name: default
          match: {}
          bands:
            - { action: review, minScore: 0.5 }
            - { action: allow }
      """;
  private static final String DECIDE = "{\"policy\": \"loans\", \"score\": 0.6}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();
  private final ObjectMapper json = new ObjectMapper();
  private final List<AutoCloseable> open = new ArrayList<>();
  private String database;

  /** One instance: its own store (and pool, and listener) on the shared database. */
  private record Instance(Store store, DecisionServer server) {
    int port() {
      return server.port();
    }
  }

  private List<Instance> fleet(int n, DecisionServer.PolicyChecks checks) throws Exception {
    database = TestPostgres.create("fleet");
    List<Instance> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Store store = JdbcStore.postgresql(TestPostgres.url(database));
      open.add(store);
      DecisionServer server = DecisionServer.start(store,
          DecisionServer.Options.defaults().withPolicyChecks(checks));
      open.add(0, server);
      out.add(new Instance(store, server));
    }
    return out;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (database != null) {
      TestPostgres.drop(database);
    }
  }

  private HttpResponse<String> send(int port, String method, String path, String body)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", path.startsWith("/v1/policies/loans") && method.equals("PUT")
            ? "application/yaml" : "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(int port, String method, String path, String body) throws Exception {
    HttpResponse<String> r = send(port, method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
    return json.readTree(r.body());
  }

  /** Stores versions 1 (threshold 0.5) and 2 (0.7) of loans through {@code port}. */
  private void twoVersions(int port) throws Exception {
    ok(port, "PUT", "/v1/policies/loans", POLICY);
    ok(port, "PUT", "/v1/policies/loans", POLICY.replace("minScore: 0.5", "minScore: 0.7"));
  }

  private JsonNode activate(int port, String kind, long version) throws Exception {
    return ok(port, "POST", "/v1/policies/loans/" + kind, "{\"version\": " + version
        + ", \"reason\": \"test\"}");
  }

  private JsonNode decide(int port) throws Exception {
    return ok(port, "POST", "/v1/decide", DECIDE);
  }

  /**
   * Decides on {@code port} until it decides with {@code version} (a 409 while it has no active
   * version yet); nanoseconds from {@code since} until it did.
   */
  private long untilDecidesWith(int port, long version, long since, long timeoutNanos)
      throws Exception {
    while (System.nanoTime() - since < timeoutNanos) {
      HttpResponse<String> r = send(port, "POST", "/v1/decide", DECIDE);
      assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
      if (r.statusCode() == 200 && json.readTree(r.body()).get("version").asLong() == version) {
        return System.nanoTime() - since;
      }
    }
    return Long.MAX_VALUE;
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
  }

  @Test
  void activationsAndRollbacksThroughOneInstanceReachTheOthersWithinASecond() throws Exception {
    List<Instance> fleet = fleet(3, DecisionServer.PolicyChecks.defaults());
    int a = fleet.get(0).port();
    twoVersions(a);
    activate(a, "activate", 1);
    for (Instance other : fleet) {
      assertThat(untilDecidesWith(other.port(), 1, System.nanoTime(), 5_000_000_000L))
          .isLessThan(Long.MAX_VALUE);
    }
    List<Long> micros = new ArrayList<>();
    List<Long> afterAnswer = new ArrayList<>();
    int rounds = 30;
    for (int round = 0; round < rounds; round++) {
      long version = round % 2 == 0 ? 2 : 1;
      String kind = version == 2 ? "activate" : "rollback";
      // From before the request is sent: the figure includes the activation's own round trip.
      long sent = System.nanoTime();
      JsonNode event = activate(a, kind, version);
      long answered = System.nanoTime() - sent;
      assertThat(event.get("activeVersion").asLong()).isEqualTo(version);
      for (Instance other : fleet.subList(1, fleet.size())) {
        long took = untilDecidesWith(other.port(), version, sent, 5_000_000_000L);
        assertThat(took).as("instance on port %d never decided with version %d", other.port(),
            version).isLessThan(Long.MAX_VALUE);
        micros.add(took / 1_000);
        afterAnswer.add(Math.max(0, took - answered) / 1_000);
      }
    }
    Collections.sort(micros);
    Collections.sort(afterAnswer);
    long p50 = percentile(micros, 0.50);
    long p99 = percentile(micros, 0.99);
    System.out.printf("propagation of %d activations and rollbacks to 2 other instances "
        + "(%d samples), from the request sent: p50 %.1f ms, p99 %.1f ms, max %.1f ms; from its "
        + "answer: p50 %.1f ms, p99 %.1f ms%n", rounds, micros.size(), p50 / 1000.0, p99 / 1000.0,
        micros.get(micros.size() - 1) / 1000.0, percentile(afterAnswer, 0.5) / 1000.0,
        percentile(afterAnswer, 0.99) / 1000.0);
    assertThat(p99).as("p99 propagation, µs").isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void aPolicyStoredThroughOneInstanceIsActivatedRolledBackAndDecidedThroughAnother()
      throws Exception {
    List<Instance> fleet = fleet(2, DecisionServer.PolicyChecks.defaults());
    int a = fleet.get(0).port();
    int b = fleet.get(1).port();
    twoVersions(a);
    // B never loaded loans: it activates it from the store.
    assertThat(activate(b, "activate", 1).get("activeVersion").asLong()).isEqualTo(1);
    assertThat(decide(b).get("action").asText()).isEqualTo("review");
    assertThat(untilDecidesWith(a, 1, System.nanoTime(), 2_000_000_000L)).isLessThan(Long.MAX_VALUE);
    activate(a, "activate", 2);
    assertThat(untilDecidesWith(b, 2, System.nanoTime(), 2_000_000_000L)).isLessThan(Long.MAX_VALUE);
    assertThat(decide(b).get("action").asText()).isEqualTo("allow");
    // The rollback through B reaches A.
    activate(b, "rollback", 1);
    assertThat(untilDecidesWith(a, 1, System.nanoTime(), 2_000_000_000L)).isLessThan(Long.MAX_VALUE);
    JsonNode onA = decide(a);
    assertThat(onA.get("action").asText()).isEqualTo("review");
    // Activating on A what B made active already is the 409 it should be, naming the event.
    HttpResponse<String> again = send(a, "POST", "/v1/policies/loans/activate",
        "{\"version\": 1, \"reason\": \"again\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already-active", "rollback");
  }

  /** Changes loans' active version in the database directly: a change whose notification is lost. */
  private void activateWithoutNotifying(long version) throws Exception {
    try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO policy_event (name, kind, version, previous_version, at, by_whom, "
          + "reason) SELECT name, 'activate', " + version + ", version, 0, 'test', 'no notify' "
          + "FROM policy_active WHERE name = 'loans'");
      s.execute("UPDATE policy_active SET version = " + version + ", event_id = (SELECT max(id) "
          + "FROM policy_event) WHERE name = 'loans'");
      c.commit();
    }
  }

  @Test
  void aChangeWhoseNotificationWasMissedIsFoundByThePeriodicCheck() throws Exception {
    Duration interval = Duration.ofMillis(500);
    List<Instance> fleet = fleet(2, new DecisionServer.PolicyChecks(interval,
        Duration.ofSeconds(10)));
    int a = fleet.get(0).port();
    int b = fleet.get(1).port();
    twoVersions(a);
    activate(a, "activate", 1);
    assertThat(untilDecidesWith(b, 1, System.nanoTime(), 2_000_000_000L)).isLessThan(Long.MAX_VALUE);

    // A change that sends no notification at all: only the check can find it.
    long changed = System.nanoTime();
    activateWithoutNotifying(2);
    long took = untilDecidesWith(b, 2, changed, 5_000_000_000L);
    System.out.printf("a change without its notification found after %.1f ms (check every %d ms)%n",
        took / 1e6, interval.toMillis());
    assertThat(took / 1_000_000).as("ms until found").isLessThanOrEqualTo(
        interval.toMillis() + 1_000);

    // The listening connections killed; a change committed while they reconnect is still found.
    try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
          + database + "' AND application_name = 'setpoint policy listener'");
    }
    long sent = System.nanoTime();
    activate(a, "rollback", 1);
    long afterKill = untilDecidesWith(b, 1, sent, 5_000_000_000L);
    System.out.printf("a rollback right after the listeners were killed reached the other "
        + "instance after %.1f ms%n", afterKill / 1e6);
    assertThat(afterKill / 1_000_000).isLessThanOrEqualTo(interval.toMillis() + 1_000);
    // And the listener is back: readiness says so.
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode ready = ok(b, "GET", "/readyz", null);
    while (!ready.get("policies").get("listening").asBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      ready = ok(b, "GET", "/readyz", null);
    }
    assertThat(ready.get("policies").get("listening").asBoolean()).isTrue();
  }

  @Test
  void anInstanceThatCannotConfirmTheVersionsTurnsNotReadyUntilItCan() throws Exception {
    List<Instance> fleet = fleet(1, new DecisionServer.PolicyChecks(Duration.ofMillis(200),
        Duration.ofSeconds(1)));
    int a = fleet.get(0).port();
    twoVersions(a);
    activate(a, "activate", 1);
    assertThat(send(a, "GET", "/readyz", null).statusCode()).isEqualTo(200);
    try (Connection holder = TestPostgres.connect(database); Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      // Reads of the active versions wait behind this lock: the instance cannot confirm them.
      s.execute("LOCK TABLE policy_active IN ACCESS EXCLUSIVE MODE");
      HttpResponse<String> notReady = until(a, 503);
      assertThat(notReady.statusCode()).isEqualTo(503);
      JsonNode problem = json.readTree(notReady.body());
      assertThat(problem.get("type").asText()).isEqualTo("/problems/not-ready");
      assertThat(problem.get("detail").asText())
          .contains("the active policy versions have not been confirmed for",
              "a read of them has been waiting for the store for");
      assertThat(notReady.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(send(a, "GET", "/metrics", null).body())
          .contains("setpoint_policies_confirmed 0", "setpoint_policies_listening 1");
      holder.rollback();
    }
    assertThat(until(a, 200).statusCode()).isEqualTo(200);
    assertThat(send(a, "GET", "/metrics", null).body()).contains("setpoint_policies_confirmed 1");
  }

  private HttpResponse<String> until(int port, int status) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpResponse<String> r = send(port, "GET", "/readyz", null);
    while (r.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(50);
      r = send(port, "GET", "/readyz", null);
    }
    return r;
  }

  @Test
  void everyAnswerAndAuditRecordNamesTheVersionThatDecidedWhileVersionsChange() throws Exception {
    List<Instance> fleet = fleet(2, DecisionServer.PolicyChecks.defaults());
    int a = fleet.get(0).port();
    int b = fleet.get(1).port();
    twoVersions(a);
    activate(a, "activate", 1);
    // B decides with version 1 at once, from the store, though it may not have heard of it yet.
    assertThat(decide(b).get("version").asLong()).isEqualTo(1);
    Map<String, JsonNode> answers = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int port = t % 2 == 0 ? a : b;
      Thread c = new Thread(() -> {
        try {
          while (!stop.get()) {
            JsonNode r = decide(port);
            answers.put(r.get("id").asText(), r);
          }
        } catch (Exception | AssertionError e) {
          failures.add(e);
        }
      });
      c.start();
      clients.add(c);
    }
    for (int round = 0; round < 20; round++) {
      activate(round % 2 == 0 ? a : b, round % 2 == 0 ? "activate" : "rollback",
          round % 2 == 0 ? 2 : 1);
      Thread.sleep(50);
    }
    stop.set(true);
    for (Thread c : clients) {
      c.join(30_000);
    }
    assertThat(failures).isEmpty();
    long[] byVersion = new long[3];
    for (JsonNode answer : answers.values()) {
      long version = answer.get("version").asLong();
      byVersion[(int) version]++;
      assertThat(answer.get("action").asText()).as(answer.toString())
          .isEqualTo(version == 1 ? "review" : "allow");
      // The record, read through the other instance, names the same version and action.
      JsonNode record = ok(answer.get("id").asText().hashCode() % 2 == 0 ? a : b, "GET",
          "/v1/decisions/" + answer.get("id").asText(), null);
      assertThat(record.get("version").asLong()).as(record.toString()).isEqualTo(version);
      assertThat(record.get("action").asText()).isEqualTo(answer.get("action").asText());
    }
    System.out.printf("%d decisions while versions changed 20 times: %d by version 1, %d by "
        + "version 2, each answer and record naming the version that decided%n", answers.size(),
        byVersion[1], byVersion[2]);
    assertThat(byVersion[1]).isPositive();
    assertThat(byVersion[2]).isPositive();
  }

  @Test
  void monitorReplayLookupAndLabelsOnAnyInstanceCoverEveryInstancesDecisions() throws Exception {
    List<Instance> fleet = fleet(3, DecisionServer.PolicyChecks.defaults());
    int a = fleet.get(0).port();
    int b = fleet.get(1).port();
    int c = fleet.get(2).port();
    twoVersions(a);
    activate(a, "activate", 1);
    for (Instance i : fleet) {
      assertThat(untilDecidesWith(i.port(), 1, System.nanoTime(), 2_000_000_000L))
          .isLessThan(Long.MAX_VALUE);
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(decide(i < 15 ? a : b).get("id").asText());
    }
    // C made none of them: it finds each, and labels each.
    StringBuilder labels = new StringBuilder("{\"labels\": [");
    for (int i = 0; i < ids.size(); i++) {
      assertThat(ok(c, "GET", "/v1/decisions/" + ids.get(i), null).get("id").asText())
          .isEqualTo(ids.get(i));
      labels.append(i == 0 ? "" : ",").append("{\"decisionId\": \"").append(ids.get(i))
          .append("\", \"positive\": ").append(i % 3 == 0).append('}');
    }
    JsonNode stored = ok(c, "POST", "/v1/labels", labels.append("]}").toString());
    assertThat(stored.toString()).doesNotContain("unknown_decision");
    // A sees the label C stored for a decision B made.
    assertThat(ok(a, "GET", "/v1/decisions/" + ids.get(29), null).get("label").get("positive")
        .asBoolean()).isFalse();
    // Every decision in the log, the 30 and those made while waiting for version 1 above.
    long all = fleet.get(0).store().decisionCount();
    assertThat(all).isGreaterThanOrEqualTo(30);
    for (int port : List.of(a, b, c)) {
      JsonNode monitor = ok(port, "GET", "/v1/policies/loans/monitor", null);
      JsonNode band = monitor.get("versions").get(0).get("segments").get(0).get("bands").get(0);
      assertThat(band.get("decisions").asLong()).as("monitor on %d", port).isEqualTo(all);
      assertThat(band.get("labelled").asInt()).isEqualTo(30);
      JsonNode replay = ok(port, "POST", "/v1/policies/loans/replay", "{\"version\": 2}");
      assertThat(replay.get("decisions").asLong()).as("replay on %d", port).isEqualTo(all);
      assertThat(replay.get("changed").asLong()).isEqualTo(all);
    }
  }
}

package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.LogCapture;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 19, item 2: when PostgreSQL refuses writes, the 503 answers carried the driver's message —
 * SQL, table names and, since commits are grouped, the attribute values of other requests (61 of 64
 * answers in a test). Now an answer has a sentence and an error id; the server log has the id with
 * the database's short reason, and no attribute value.
 */
class StoreFailureAnswersTest {

  /** Ways a database refuses the audit log's inserts. */
  enum Refusal {
    READ_ONLY_DATABASE,
    TABLE_RENAMED,
    INSERT_REVOKED
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private static final List<String> INTERNALS = List.of("decision_group", "INSERT", "insert into",
      "SQL", "sql", "postgres", "PSQL", "Batch entry", "ERROR:", "jdbc", "Exception", "secret-");

  @ParameterizedTest
  @EnumSource(Refusal.class)
  void answersCarryAnErrorIdAndNoSqlDriverTextOrOtherCallersData(Refusal refusal)
      throws Exception {
    String database = TestPostgres.create("refusal");
    String role = database + "_owner";
    TestPostgres.run("CREATE ROLE " + role + " LOGIN", "ALTER DATABASE " + database + " OWNER TO "
        + role);
    try (LogCapture log = new LogCapture();
        Store store = CardFraud.activeIn(JdbcStore.postgresql("jdbc:postgresql://"
            + TestPostgres.SERVER + "/" + database + "?user=" + role))) {
      DecisionServer server = DecisionServer.start(store, DecisionServer.Options.defaults());
      try {
        assertThat(decide(server.port(), "warm-up").get().statusCode()).isEqualTo(200);
        refuseWrites(refusal, database, role);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          answers.add(decide(server.port(), "secret-" + i));
        }
        Set<String> ids = new TreeSet<>();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
          HttpResponse<String> r = a.get();
          assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
          for (String internal : INTERNALS) {
            assertThat(r.body()).as(refusal + " answer").doesNotContain(internal);
          }
          JsonNode problem = json.readTree(r.body());
          assertThat(problem.get("type").asText()).isEqualTo("/problems/store-unavailable");
          String id = problem.get("errorId").asText();
          assertThat(id).matches("e-[0-9a-f]{12}");
          assertThat(problem.get("detail").asText()).contains(id);
          ids.add(id);
        }
        // Each failed commit is logged once, under the id its requests' answers carry, with the
        // database's short reason, and without the values of the decisions it held.
        String logged = log.text();
        for (String id : ids) {
          assertThat(logged).contains(id);
        }
        assertThat(logged).contains("store write failed: ").doesNotContain("secret-");
      } finally {
        server.close();
      }
    } finally {
      TestPostgres.drop(database);
      TestPostgres.run("DROP ROLE IF EXISTS " + role);
    }
  }

  private static void refuseWrites(Refusal refusal, String database, String role)
      throws Exception {
    switch (refusal) {
      case READ_ONLY_DATABASE -> {
        TestPostgres.run("ALTER DATABASE " + database + " SET default_transaction_read_only = on");
        // Sessions read the default when they start: end the pool's, so that it opens new ones.
        TestPostgres.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + database + "'");
      }
      case TABLE_RENAMED -> admin(database, "ALTER TABLE decision_group RENAME TO decisions_moved");
      case INSERT_REVOKED -> admin(database, "REVOKE INSERT ON decision_group FROM " + role);
      default -> throw new IllegalArgumentException(refusal.name());
    }
  }

  private static void admin(String database, String sql) throws Exception {
    try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private CompletableFuture<HttpResponse<String>> decide(int port, String value) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/v1/decide")).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("{\"policy\": \"card-fraud\", \"score\": 0.9, "
            + "\"attributes\": {\"jurisdiction\": \"EU\", \"tier\": \"premium\", \"note\": \""
            + value + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
  }
}

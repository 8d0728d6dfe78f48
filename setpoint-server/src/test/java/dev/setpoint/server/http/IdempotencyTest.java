package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.TestPostgres;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 4: a client that got a timeout or a 503 cannot know whether its decision was logged,
 * and a retry made a second decision. With a request id — the {@code Idempotency-Key} header or a
 * {@code requestId} field, per request of a batch too — a retry of the same request gets the original
 * decision from the log, and the same id on another request is a 409; across instances too.
 */
class IdempotencyTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private static String decideBody(double score, String extra) {
    return "{\"policy\": \"card-fraud\", \"score\": " + score + ", \"attributes\": "
        + "{\"jurisdiction\": \"EU\", \"tier\": \"premium\", \"amount\": 120}" + extra + "}";
  }

  private CompletableFuture<HttpResponse<String>> post(int port, String path, String body,
      String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> decide(int port, String body, String... headers) throws Exception {
    return post(port, DecideHandler.SINGLE, body, headers).get();
  }

  private DecisionServer server(Store store) {
    return DecisionServer.start(store, DecisionServer.Options.defaults());
  }

  @Test
  void aRetryWithTheSameKeyGetsTheOriginalDecisionAndTheLogHasItOnce() throws Exception {
    try (Store store = CardFraud.activeIn(JdbcStore.sqlite(dir))) {
      DecisionServer server = server(store);
      try {
        HttpResponse<String> first = decide(server.port(), decideBody(0.9, ""),
            "Idempotency-Key", "order-1");
        HttpResponse<String> retry = decide(server.port(), decideBody(0.90, ""),
            "Idempotency-Key", "\"order-1\"");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        // The same id in the body; attributes in another order are the same request.
        HttpResponse<String> byField = decide(server.port(), "{\"requestId\": \"order-1\", "
            + "\"attributes\": {\"amount\": 120, \"tier\": \"premium\", \"jurisdiction\": \"EU\"}, "
            + "\"score\": 9e-1, \"policy\": \"card-fraud\"}");
        assertThat(byField.body()).isEqualTo(first.body());
        assertThat(store.decisionCount()).isEqualTo(1);
        // Without a key every request is a new decision, as before.
        decide(server.port(), decideBody(0.9, ""));
        decide(server.port(), decideBody(0.9, ""));
        assertThat(store.decisionCount()).isEqualTo(3);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void theSameKeyOnAnotherRequestIsAConflictAndTwoKeysMustAgree() throws Exception {
    try (Store store = CardFraud.activeIn(JdbcStore.sqlite(dir))) {
      DecisionServer server = server(store);
      try {
        assertThat(decide(server.port(), decideBody(0.9, ""), "Idempotency-Key", "k-1")
            .statusCode()).isEqualTo(200);
        HttpResponse<String> other = decide(server.port(), decideBody(0.2, ""),
            "Idempotency-Key", "k-1");
        assertThat(other.statusCode()).isEqualTo(409);
        JsonNode problem = json.readTree(other.body());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/request-id-conflict");
        assertThat(problem.get("detail").asText()).contains("'k-1' was used at")
            .contains("a retry must repeat its request exactly");
        HttpResponse<String> disagree = decide(server.port(), decideBody(0.9,
            ", \"requestId\": \"k-2\""), "Idempotency-Key", "k-3");
        assertThat(disagree.statusCode()).isEqualTo(400);
        assertThat(disagree.body()).contains("/requestId").contains("differs from the "
            + "Idempotency-Key header");
        for (String bad : new String[] {"", "x".repeat(256), "a\u0000b", "line\nbreak"}) {
          HttpResponse<String> r = decide(server.port(), decideBody(0.9, ", \"requestId\": "
              + json.writeValueAsString(bad)));
          assertThat(r.statusCode()).as(bad).isEqualTo(400);
          assertThat(r.body()).contains("/requestId").contains("1 to 255 characters");
        }
        assertThat(decide(server.port(), decideBody(0.9, ", \"requestId\": 7")).statusCode())
            .isEqualTo(400);
        assertThat(store.decisionCount()).isEqualTo(1);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void keysBelongToTheTokenThatSentThem() throws Exception {
    Access access = Access.read(Files.writeString(dir.resolve("setpoint.yaml"), """
        tokens:
          - { name: checkout, token: "checkout-token-0123456789", roles: [decide] }
          - { name: payouts, token: "payouts-token-01234567890", roles: [decide] }
        """));
    try (Store store = CardFraud.activeIn(JdbcStore.sqlite(dir))) {
      DecisionServer server = DecisionServer.start(store,
          DecisionServer.Options.defaults().withAccess(access));
      try {
        HttpResponse<String> a = decide(server.port(), decideBody(0.9, ""), "Idempotency-Key", "1",
            "Authorization", "Bearer checkout-token-0123456789");
        HttpResponse<String> b = decide(server.port(), decideBody(0.2, ""), "Idempotency-Key", "1",
            "Authorization", "Bearer payouts-token-01234567890");
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(b.statusCode()).isEqualTo(200);
        assertThat(json.readTree(a.body()).get("id")).isNotEqualTo(json.readTree(b.body())
            .get("id"));
      } finally {
        server.close();
      }
    }
  }

  @Test
  void aBatchIsRetriedWholeAndEachOfItsDecisionsCanBeHadAlone() throws Exception {
    String batch = "{\"policy\": \"card-fraud\", \"requests\": ["
        + "{\"requestId\": \"b-0\", \"score\": 0.95, \"attributes\": {\"jurisdiction\": \"EU\"}},"
        + "{\"requestId\": \"b-1\", \"score\": 0.10},"
        + "{\"requestId\": \"b-2\", \"score\": 0.70, \"attributes\": {\"jurisdiction\": \"US\", "
        + "\"amount\": 7000}}]}";
    try (Store store = CardFraud.activeIn(JdbcStore.sqlite(dir))) {
      DecisionServer server = server(store);
      try {
        HttpResponse<String> first = post(server.port(), DecideHandler.BATCH, batch).get();
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> retry = post(server.port(), DecideHandler.BATCH, batch).get();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        HttpResponse<String> compact = post(server.port(), DecideHandler.BATCH,
            batch.replace("{\"policy\"", "{\"answer\": \"compact\", \"policy\"")).get();
        JsonNode c = json.readTree(compact.body());
        assertThat(c.get("batch").asText()).isEqualTo(json.readTree(first.body())
            .get("decisions").get(0).get("id").asText().replace(".0", ""));
        assertThat(store.decisionCount()).isEqualTo(3);
        // One decision of the batch, alone, by its requestId.
        HttpResponse<String> alone = decide(server.port(), "{\"policy\": \"card-fraud\", "
            + "\"requestId\": \"b-1\", \"score\": 0.1}");
        assertThat(alone.statusCode()).as(alone.body()).isEqualTo(200);
        assertThat(json.readTree(alone.body()).get("id").asText())
            .isEqualTo(json.readTree(first.body()).get("decisions").get(1).get("id").asText());
        // A new batch that reuses one of them is not a retry.
        HttpResponse<String> mixed = post(server.port(), DecideHandler.BATCH, "{\"policy\": "
            + "\"card-fraud\", \"requests\": [{\"requestId\": \"new-0\", \"score\": 0.5}, "
            + "{\"requestId\": \"b-1\", \"score\": 0.10}]}").get();
        assertThat(mixed.statusCode()).isEqualTo(409);
        assertThat(mixed.body()).contains("/requests/0 has no requestId that was decided before")
            .contains("a batch is retried whole");
        HttpResponse<String> twice = post(server.port(), DecideHandler.BATCH, "{\"policy\": "
            + "\"card-fraud\", \"requests\": [{\"requestId\": \"d\", \"score\": 0.5}, "
            + "{\"requestId\": \"d\", \"score\": 0.6}]}").get();
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("/requests/1/requestId").contains("is also /requests/0's");
        // A whole batch under one Idempotency-Key.
        String unkeyed = "{\"policy\": \"card-fraud\", \"requests\": [{\"score\": 0.3}, "
            + "{\"score\": 0.99}]}";
        HttpResponse<String> keyed = post(server.port(), DecideHandler.BATCH, unkeyed,
            "Idempotency-Key", "nightly-42").get();
        HttpResponse<String> again = post(server.port(), DecideHandler.BATCH, unkeyed,
            "Idempotency-Key", "nightly-42").get();
        assertThat(again.body()).isEqualTo(keyed.body());
        assertThat(post(server.port(), DecideHandler.BATCH, unkeyed.replace("0.3", "0.4"),
            "Idempotency-Key", "nightly-42").get().statusCode()).isEqualTo(409);
        assertThat(store.decisionCount()).isEqualTo(5);
      } finally {
        server.close();
      }
    }
  }

  /** Retries that race their original (sent at once) still make one decision. */
  private void racingRetries(List<Integer> ports, Store store, long before) throws Exception {
    for (int round = 0; round < 5; round++) {
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(post(ports.get(i % ports.size()), DecideHandler.SINGLE, decideBody(0.9, ""),
            "Idempotency-Key", "race-" + round));
      }
      Set<String> ids = new TreeSet<>();
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ids.add(json.readTree(r.body()).get("id").asText());
      }
      assertThat(ids).as("round " + round).hasSize(1);
    }
    assertThat(store.decisionCount() - before).isEqualTo(5);
  }

  @Test
  void retriesRacingTheirOriginalMakeOneDecision() throws Exception {
    try (Store store = CardFraud.activeIn(JdbcStore.sqlite(dir))) {
      DecisionServer server = server(store);
      try {
        racingRetries(List.of(server.port()), store, 0);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void acrossInstancesOnOnePostgresTheStoreSettlesIt() throws Exception {
    String database = TestPostgres.create("idempotency");
    try (Store a = CardFraud.activeIn(JdbcStore.postgresql(TestPostgres.url(database)));
        Store b = JdbcStore.postgresql(TestPostgres.url(database))) {
      DecisionServer first = server(a);
      DecisionServer second = server(b);
      try {
        HttpResponse<String> original = decide(first.port(), decideBody(0.9, ""),
            "Idempotency-Key", "across-1");
        HttpResponse<String> retry = decide(second.port(), decideBody(0.9, ""),
            "Idempotency-Key", "across-1");
        assertThat(retry.body()).isEqualTo(original.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        racingRetries(List.of(first.port(), second.port()), a, 1);
      } finally {
        first.close();
        second.close();
      }
    } finally {
      TestPostgres.drop(database);
    }
  }
}

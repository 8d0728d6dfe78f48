package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionServerTest {

  @TempDir Path dir;

  private Store store;
  private DecisionServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {}

  @BeforeEach
  void start() {
    store = JdbcStore.sqlite(dir);
    server = DecisionServer.start(store, DecisionServer.Options.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private Reply send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = r.body().isEmpty() ? null : json.readTree(r.body());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), parsed, r);
  }

  private static String example() throws IOException {
    return Files.readString(Path.of("../examples/policies/card-fraud.yaml"));
  }

  private void putAndActivate() throws Exception {
    Reply put = send("PUT", "/v1/policies/card-fraud", example(), "Content-Type", "application/yaml");
    assertThat(put.status()).as(put.raw().body()).isEqualTo(201);
    Reply act = send("POST", "/v1/policies/card-fraud/activate",
        "{\"version\": 1, \"reason\": \"launch\"}");
    assertThat(act.status()).as(act.raw().body()).isEqualTo(200);
  }

  /**
   * The decider's map form of one attribute, the reference for the batch reader: text as String,
   * integers as Long (beyond long, Double), other numbers as Double, booleans as Boolean; anything
   * else (null, objects, arrays) missing.
   */
  private static Object deciderValue(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    return v.isBoolean() ? (Object) v.asBoolean() : null;
  }

  private static void assertProblem(Reply r, int status, String type) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("type").asText()).isEqualTo("/problems/" + type);
    assertThat(r.body().get("status").asInt()).isEqualTo(status);
    assertThat(r.body().get("title").asText()).isNotBlank();
    assertThat(r.body().get("detail").asText()).isNotBlank();
    assertThat(r.body().get("errors").isArray()).isTrue();
  }

  @Test
  void healthIsOk() throws Exception {
    assertThat(send("GET", "/healthz", null).status()).isEqualTo(200);
    assertThat(send("GET", "/readyz", null).status()).isEqualTo(200);
  }

  @Test
  void decisionIsAnsweredAndItsAuditRecordIsThere() throws Exception {
    putAndActivate();
    Reply r = send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.9, "
        + "\"attributes\": {\"jurisdiction\": \"US\", \"amount\": 7000}}");
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    assertThat(r.body().get("action").asText()).isEqualTo("block");
    assertThat(r.body().get("segment").asText()).isEqualTo("us-large");
    assertThat(r.body().get("version").asLong()).isEqualTo(1);
    assertThat(r.body().get("missingAttributes").get(0).asText()).isEqualTo("tier");
    String id = r.body().get("id").asText();
    Reply audit = send("GET", "/v1/decisions/" + id, null);
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body().get("score").asDouble()).isEqualTo(0.9);
    assertThat(audit.body().get("attributes").get("amount").asInt()).isEqualTo(7000);
    assertThat(store.decisionCount()).isEqualTo(1);
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("setpoint_decisions_total{action=\"block\"} 1.0")
        .contains("setpoint_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/decide\","
            + "status=\"200\"");
  }

  @Test
  void batchDecidesEveryRequest() throws Exception {
    putAndActivate();
    StringBuilder body = new StringBuilder("{\"policy\": \"card-fraud\", \"requests\": [");
    for (int i = 0; i < 100; i++) {
      body.append(i == 0 ? "" : ",").append("{\"score\": ").append(i / 100.0)
          .append(", \"attributes\": {\"jurisdiction\": \"EU\", \"tier\": \"premium\"}}");
    }
    Reply r = send("POST", "/v1/decide/batch", body.append("]}").toString());
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    assertThat(r.body().get("decisions")).hasSize(100);
    assertThat(r.body().get("decisions").get(90).get("action").asText()).isEqualTo("step-up");
    assertThat(r.body().get("decisions").get(99).get("action").asText()).isEqualTo("block");
    assertThat(r.body().get("version").asLong()).isEqualTo(1);
    assertThat(store.decisionCount()).isEqualTo(100);
    String id = r.body().get("decisions").get(42).get("id").asText();
    assertThat(id).endsWith(".42");
    Reply audit = send("GET", "/v1/decisions/" + id, null);
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body().get("score").asDouble()).isEqualTo(0.42);
    assertThat(audit.body().get("attributes").get("tier").asText()).isEqualTo("premium");
  }

  @Test
  void compactBatchAnswerCarriesTheSameDecisionsAsTheFullOne() throws Exception {
    putAndActivate();
    StringBuilder requests = new StringBuilder();
    String[] places = {"EU", "US", "CA"};
    for (int i = 0; i < 300; i++) {
      requests.append(i == 0 ? "" : ",").append("{\"score\": ").append((i % 100) / 100.0)
          .append(", \"attributes\": {\"jurisdiction\": \"").append(places[i % 3])
          .append(i % 7 == 0 ? "\"}}" : "\", \"tier\": \"premium\", \"amount\": 10}}");
    }
    Reply full = send("POST", "/v1/decide/batch", "{\"policy\": \"card-fraud\", \"requests\": ["
        + requests + "]}");
    Reply compact = send("POST", "/v1/decide/batch", "{\"policy\": \"card-fraud\", \"answer\": "
        + "\"compact\", \"requests\": [" + requests + "]}");
    assertThat(compact.status()).as(compact.raw().body()).isEqualTo(200);
    JsonNode outcomes = compact.body().get("outcomes");
    JsonNode indices = compact.body().get("decisions");
    assertThat(indices).hasSize(300);
    assertThat(outcomes.size()).isLessThan(30);
    String batch = compact.body().get("batch").asText();
    for (int i = 0; i < 300; i++) {
      JsonNode expected = ((com.fasterxml.jackson.databind.node.ObjectNode) full.body()
          .get("decisions").get(i)).deepCopy();
      String fullId = ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("id")
          .asText();
      assertThat(fullId).as("decision %d", i).matches("[0-9a-f-]{36}\\." + i);
      assertThat(outcomes.get(indices.get(i).asInt())).as("decision %d", i).isEqualTo(expected);
      // The implied id is the audit record's.
      assertThat(send("GET", "/v1/decisions/" + batch + "." + i, null).status()).isEqualTo(200);
    }
    assertThat(compact.raw().body().length()).isLessThan(full.raw().body().length() / 10);
    assertProblem(send("POST", "/v1/decide/batch", "{\"policy\": \"card-fraud\", \"answer\": "
        + "\"short\", \"requests\": [{\"score\": 0.5}]}"), 400, "bad-request");
  }

  /**
   * The batch reader takes each request's attributes straight into the decider's positional form and
   * keeps the score's and attributes' JSON text for the audit log. Against the decider's map form and
   * the JSON as sent, on seeded random batches: scores in several notations, fields in any order, the
   * policy before or after the requests, attributes absent, null, unused, mistyped or out of range.
   */
  @Test
  void batchDecisionsAgreeWithTheMapFormAndTheAuditLogKeepsTheInputsAsSent() throws Exception {
    putAndActivate();
    Decider reference = Decider.compile(((Validation.Valid) PolicyDocuments.parse(example(),
        PolicyDocuments.Format.YAML, "card-fraud")).policy().withVersion("1"));
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261123);
    String[] scores = {"0", "1", "0.5", "5e-1", "0.50", "1E-3", "0.97", "9.7e-1", "0.123456789012345678",
        "0.8500", "0.62", "6.2E-1", "0.3", "0.9"};
    String[] places = {"\"EU\"", "\"US\"", "\"CA\"", "\"MX\"", "null", "7", "true", "\"e\\u0055\""};
    String[] tiers = {"\"premium\"", "\"standard\"", "null", "\"pr\u00e9mium\""};
    String[] amounts = {"5000", "4999", "4999.5", "5e3", "\"6000\"", "\"abc\"", "null",
        "100000000000000000000000", "-1"};
    for (int round = 0; round < 6; round++) {
      int n = 1 + random.nextInt(250);
      List<String> sent = new java.util.ArrayList<>();
      StringBuilder requests = new StringBuilder("[");
      // Even rounds: most requests send all three names in one order (the audit log's values form).
      boolean uniform = round % 2 == 0;
      for (int i = 0; i < n; i++) {
        List<String> fields = new java.util.ArrayList<>();
        if (uniform && random.nextInt(10) > 0) {
          // Now and then a name spelt with an escape: the same name, not the same bytes.
          String tier = random.nextInt(8) == 0 ? "\\u0074ier" : "tier";
          String attributes = "{\"jurisdiction\": " + places[random.nextInt(places.length)]
              + ", \"" + tier + "\": " + tiers[random.nextInt(tiers.length)] + ", \"amount\": "
              + amounts[random.nextInt(amounts.length)] + "}";
          sent.add(attributes);
          requests.append(i == 0 ? "" : ", ").append("{\"score\": ")
              .append(scores[random.nextInt(scores.length)]).append(", \"attributes\": ")
              .append(attributes).append("}");
          continue;
        }
        if (random.nextInt(4) > 0) {
          fields.add("\"jurisdiction\": " + places[random.nextInt(places.length)]);
        }
        if (random.nextInt(4) > 0) {
          fields.add("\"tier\":" + tiers[random.nextInt(tiers.length)]);
        }
        if (random.nextBoolean()) {
          fields.add("\"amount\" : " + amounts[random.nextInt(amounts.length)]);
        }
        if (random.nextInt(3) == 0) {
          fields.add("\"channel\": \"web\", \"risk\": 3.5");
        }
        java.util.Collections.shuffle(fields, new java.util.Random(random.nextLong()));
        String attributes = switch (random.nextInt(8)) {
          case 0 -> null;
          case 1 -> "null";
          default -> "{" + String.join(",\n ", fields) + "}";
        };
        sent.add(attributes);
        String score = "\"score\": " + scores[random.nextInt(scores.length)];
        String item = attributes == null ? "{" + score + "}" : random.nextBoolean()
            ? "{" + score + ", \"attributes\": " + attributes + "}"
            : "{ \"attributes\":" + attributes + " ,  " + score + " }";
        requests.append(i == 0 ? "" : ", ").append(item);
      }
      requests.append("]");
      String body = random.nextBoolean()
          ? "{\"policy\": \"card-fraud\", \"requests\": " + requests + "}"
          : "{\"requests\": " + requests + ", \"policy\": \"card-fraud\"}";
      Reply r = send("POST", "/v1/decide/batch", body);
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      JsonNode items = json.readTree(body).get("requests");
      for (int i = 0; i < n; i++) {
        JsonNode item = items.get(i);
        double score = item.get("score").asDouble();
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        JsonNode attributes = item.get("attributes");
        if (attributes != null && attributes.isObject()) {
          attributes.properties().forEach(f -> {
            Object v = deciderValue(f.getValue());
            if (v != null) {
              values.put(f.getKey(), v);
            }
          });
        }
        Decision expected = reference.decide(score, values);
        JsonNode answer = r.body().get("decisions").get(i);
        String at = "round " + round + ", request " + i + ": " + item;
        assertThat(answer.get("action").asText()).as(at).isEqualTo(expected.action());
        assertThat(answer.get("segment").asText()).as(at).isEqualTo(expected.segment());
        assertThat(answer.get("band").asInt()).as(at).isEqualTo(expected.band());
        assertThat(answer.get("route").asText()).as(at).isEqualTo(expected.route().label());
        assertThat(json.convertValue(answer.get("missingAttributes"),
            new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { })).as(at)
            .isEqualTo(expected.missingAttributes());
        if (i % 7 == 0 || i == n - 1) {
          JsonNode audit = send("GET", "/v1/decisions/" + answer.get("id").asText(), null).body();
          assertThat(audit.get("score").asDouble()).as(at).isEqualTo(score);
          assertThat(audit.get("attributes")).as(at).isEqualTo(sent.get(i) == null
              || sent.get(i).equals("null") ? json.createObjectNode() : attributes);
          assertThat(audit.get("action").asText()).as(at).isEqualTo(expected.action());
        }
      }
    }
  }

  @Test
  void labelsAreIdempotent() throws Exception {
    putAndActivate();
    String id = send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.5}")
        .body().get("id").asText();
    Reply r = send("POST", "/v1/labels", "{\"labels\": [{\"decisionId\": \"" + id
        + "\", \"positive\": true}, {\"decisionId\": \"" + id + "\", \"positive\": true}, "
        + "{\"decisionId\": \"nope\", \"positive\": false}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("results").findValuesAsText("outcome"))
        .containsExactly("stored", "duplicate", "unknown_decision");
  }

  @Test
  void ifMatchGuardsAgainstOverwritingAnotherEditor() throws Exception {
    putAndActivate();
    Reply stale = send("PUT", "/v1/policies/card-fraud", example(), "Content-Type",
        "application/yaml", "If-Match", "\"0\"");
    assertProblem(stale, 412, "version-conflict");
    Reply fresh = send("PUT", "/v1/policies/card-fraud", example(), "Content-Type",
        "application/yaml", "If-Match", "\"1\"");
    assertThat(fresh.status()).isEqualTo(201);
    assertThat(fresh.raw().headers().firstValue("ETag")).contains("\"2\"");
  }

  @Test
  void invalidPolicyIs422WithEveryErrorsPointer() throws Exception {
    String bad = example().replace("minScore: 0.62", "minScore: 0.99");
    Reply r = send("PUT", "/v1/policies/card-fraud", bad, "Content-Type", "application/yaml");
    assertProblem(r, 422, "invalid-policy");
    assertThat(r.body().get("errors").get(0).get("pointer").asText())
        .isEqualTo("/segments/0/bands/2/minScore");
  }

  @Test
  void badRequestsAreProblemsNeverServerErrors() throws Exception {
    putAndActivate();
    assertProblem(send("POST", "/v1/decide", "{not json"), 400, "bad-request");
    assertProblem(send("POST", "/v1/decide", "[1, 2]"), 400, "bad-request");
    Reply noScore = send("POST", "/v1/decide", "{\"policy\": \"card-fraud\"}");
    assertProblem(noScore, 400, "bad-request");
    assertThat(noScore.body().get("errors").get(0).get("pointer").asText()).isEqualTo("/score");
    assertProblem(send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": \"NaN\"}"),
        400, "bad-request");
    Reply outside = send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": -0.5}");
    assertProblem(outside, 400, "bad-request");
    assertThat(outside.body().get("detail").asText()).contains("outside the model's score range");
    assertProblem(send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.5, "
        + "\"attributes\": {\"tier\": [1]}}"), 400, "bad-request");
    assertProblem(send("POST", "/v1/decide", "{\"policy\": \"nope\", \"score\": 0.5}"), 404,
        "not-found");
    Reply misspelt = send("POST", "/v1/decide", "{\"policy\": \"card-fruad\", \"score\": 0.5}");
    assertProblem(misspelt, 404, "not-found");
    assertThat(misspelt.body().get("detail").asText())
        .isEqualTo("no policy named 'card-fruad' (did you mean 'card-fraud'?)");
    assertProblem(send("GET", "/v1/nothing-here", null), 404, "not-found");
    assertProblem(send("GET", "/v1/decisions/unknown", null), 404, "not-found");
    assertProblem(send("POST", "/v1/policies/card-fraud/activate", "{\"version\": 9, "
        + "\"reason\": \"x\"}"), 400, "bad-request");
    assertProblem(send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.5, "
        + "\"pad\": \"" + "x".repeat(9 << 20) + "\"}"), 413, "too-large");
  }

  @Test
  void policiesAreListedWithTheirActiveVersionCountAndLastEvent() throws Exception {
    Reply empty = send("GET", "/v1/policies", null);
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body().get("policies").size()).isZero();
    putAndActivate();
    assertThat(send("PUT", "/v1/policies/card-fraud", example(), "Content-Type", "application/yaml")
        .status()).isEqualTo(201);
    String draft = example().replace("name: card-fraud", "name: a-draft");
    assertThat(send("PUT", "/v1/policies/a-draft", draft, "Content-Type", "application/yaml")
        .status()).isEqualTo(201);
    Reply r = send("GET", "/v1/policies", null);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode policies = r.body().get("policies");
    assertThat(policies.size()).isEqualTo(2);
    JsonNode drafted = policies.get(0);
    assertThat(drafted.get("name").asText()).isEqualTo("a-draft");
    assertThat(drafted.get("activeVersion").isNull()).isTrue();
    assertThat(drafted.get("versions").asLong()).isEqualTo(1);
    assertThat(drafted.get("lastEvent").isNull()).isTrue();
    JsonNode fraud = policies.get(1);
    assertThat(fraud.get("name").asText()).isEqualTo("card-fraud");
    assertThat(fraud.get("activeVersion").asLong()).isEqualTo(1);
    assertThat(fraud.get("versions").asLong()).isEqualTo(2);
    JsonNode last = fraud.get("lastEvent");
    assertThat(last.get("kind").asText()).isEqualTo("activate");
    assertThat(last.get("version").asLong()).isEqualTo(1);
    assertThat(last.get("at").asText()).isEqualTo(store.events("card-fraud").get(0).at().toString());
    assertThat(last.get("by").asText()).isEqualTo(store.events("card-fraud").get(0).by());
  }

  @Test
  void rollingBackOrActivatingTheActiveVersionIsAConflictThatRecordsNothing() throws Exception {
    putAndActivate();
    for (String kind : List.of("rollback", "activate")) {
      Reply r = send("POST", "/v1/policies/card-fraud/" + kind,
          "{\"version\": 1, \"reason\": \"again\"}");
      assertProblem(r, 409, "already-active");
      assertThat(r.body().get("detail").asText()).startsWith("version 1 of 'card-fraud' is "
          + "already active (activate by ").contains("nothing was recorded");
    }
    assertThat(store.events("card-fraud")).hasSize(1);
    assertThat(send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.99}")
        .status()).isEqualTo(200);
  }

  @Test
  void decidingWithoutAnActiveVersionSaysHowToActivate() throws Exception {
    assertThat(send("PUT", "/v1/policies/card-fraud", example(), "Content-Type", "application/yaml")
        .status()).isEqualTo(201);
    Reply r = send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.5}");
    assertProblem(r, 409, "no-active-version");
    assertThat(r.body().get("detail").asText()).contains("POST /v1/policies/card-fraud/activate");
  }

  @Test
  void activeVersionsSurviveARestart() throws Exception {
    putAndActivate();
    server.close();
    server = DecisionServer.start(store, DecisionServer.Options.defaults());
    Reply r = send("POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.99}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("action").asText()).isEqualTo("block");
  }
}

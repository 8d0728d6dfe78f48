package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorReplayTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

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
          provenance:
            objective: "recall@precision>=0.9"
            expected:
              precision: 0.9
              bands: [ { action: review, rows: 100, positives: 90 }, { action: allow, rows: 900, positives: 10 } ]
      """;

  private JsonNode send(int port, String method, String path, String body, String type)
      throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + path)).header("Content-Type", type).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return json.readTree(r.body());
  }

  @Test
  void monitorFlagsABandBelowItsPromiseAndReplayPreviewsACandidate() throws Exception {
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store, DecisionServer.Options.defaults());
      try {
        int port = server.port();
        send(port, "PUT", "/v1/policies/loans", POLICY, "application/yaml");
        send(port, "POST", "/v1/policies/loans/activate", "{\"version\": 1, \"reason\": \"go\"}",
            "application/json");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          ids.add(send(port, "POST", "/v1/decide", "{\"policy\": \"loans\", \"score\": "
              + (i < 40 ? 0.6 : 0.2) + "}", "application/json").get("id").asText());
        }
        StringBuilder labels = new StringBuilder("{\"labels\": [");
        for (int i = 0; i < 40; i++) {
          labels.append(i == 0 ? "" : ",").append("{\"decisionId\": \"").append(ids.get(i))
              .append("\", \"positive\": ").append(i % 2 == 0).append('}');
        }
        send(port, "POST", "/v1/labels", labels.append("]}").toString(), "application/json");

        JsonNode monitor = send(port, "GET", "/v1/policies/loans/monitor", null, "application/json");
        JsonNode review = monitor.get("versions").get(0).get("segments").get(0).get("bands").get(0);
        assertThat(review.get("action").asText()).isEqualTo("review");
        assertThat(review.get("decisions").asInt()).isEqualTo(40);
        assertThat(review.get("labelled").asInt()).isEqualTo(40);
        assertThat(review.get("precision").asDouble()).isEqualTo(0.5);
        assertThat(review.get("promisedPrecision").asDouble()).isEqualTo(0.9);
        assertThat(review.get("precisionInterval").get(1).asDouble()).isLessThan(0.9);
        assertThat(review.get("breach").asBoolean()).isTrue();
        assertThat(monitor.get("breach").asBoolean()).isTrue();

        String candidate = json.writeValueAsString(json.readTree(
            dev.setpoint.policy.PolicyDocuments.write(((dev.setpoint.policy.Validation.Valid)
                dev.setpoint.policy.PolicyDocuments.parse(POLICY.replace("minScore: 0.5",
                    "minScore: 0.7"), dev.setpoint.policy.PolicyDocuments.Format.YAML, "c"))
                .policy(), dev.setpoint.policy.PolicyDocuments.Format.JSON)));
        JsonNode same = send(port, "POST", "/v1/policies/loans/replay", "{\"version\": 1}",
            "application/json");
        assertThat(same.get("decisions").asInt()).isEqualTo(60);
        assertThat(same.get("changed").asInt()).as("replaying the active version changes nothing")
            .isZero();
        JsonNode replay = send(port, "POST", "/v1/policies/loans/replay", "{\"document\": "
            + candidate + "}", "application/json");
        assertThat(replay.get("decisions").asInt()).isEqualTo(60);
        assertThat(replay.get("changed").asInt()).isEqualTo(40);
        assertThat(replay.get("changes").get("review -> allow").asInt()).isEqualTo(40);
        assertThat(replay.get("actions").get("allow").get("candidate").get("rows").asInt())
            .isEqualTo(60);
        assertThat(replay.get("actions").get("review").get("logged").get("precision").asDouble())
            .isEqualTo(0.5);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void aBandThatExpectedPrecisionZeroHasNoPromiseAndSaysWhy() throws Exception {
    // Segment 60m-A inherited a threshold that flagged 3 of its rows, none positive: precision 0.
    String policy = """
        apiVersion: setpoint/v1
        kind: Policy
        name: inherited
        segments:
          - name: 60m-A
            match: { grade: A }
            bands:
              - { action: review, minScore: 0.5 }
              - { action: allow }
            provenance:
              objective: "recall@precision>=0.2"
              note: "60m/A: only 0 positives (minimum 30); using 60m"
              expected:
                precision: 0
                bands: [ { action: review, rows: 3, positives: 0 }, { action: allow, rows: 90, positives: 0 } ]
          - name: default
            match: {}
            bands:
              - { action: review, minScore: 0.5 }
              - { action: allow }
            provenance:
              objective: "recall@precision>=0.2"
              expected:
                precision: 0.25
                bands: [ { action: review, rows: 100, positives: 25 }, { action: allow, rows: 900, positives: 10 } ]
        """;
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store, DecisionServer.Options.defaults());
      try {
        int port = server.port();
        send(port, "PUT", "/v1/policies/inherited", policy, "application/yaml");
        send(port, "POST", "/v1/policies/inherited/activate", "{\"version\": 1, \"reason\": \"go\"}",
            "application/json");
        for (String grade : List.of("A", "B")) {
          send(port, "POST", "/v1/decide", "{\"policy\": \"inherited\", \"score\": 0.6, "
              + "\"attributes\": {\"grade\": \"" + grade + "\"}}", "application/json");
        }

        JsonNode segments = send(port, "GET", "/v1/policies/inherited/monitor", null,
            "application/json").get("versions").get(0).get("segments");
        JsonNode inherited = null;
        JsonNode fallback = null;
        for (JsonNode s : segments) {
          if (s.get("segment").asText().equals("60m-A")) {
            inherited = s.get("bands").get(0);
          } else {
            fallback = s.get("bands").get(0);
          }
        }
        assertThat(inherited.get("promise").asText()).isEqualTo("none");
        assertThat(inherited.get("promisedPrecision").isNull()).isTrue();
        assertThat(inherited.get("promiseReason").asText()).isEqualTo("band 'review' expected "
            + "precision 0 (no positive among its 3 rows in the data its thresholds were chosen on; "
            + "an inherited threshold?), which is no promise");
        assertThat(inherited.get("breach").asBoolean()).isFalse();
        assertThat(fallback.get("promise").asText()).isEqualTo("precision");
        assertThat(fallback.get("promisedPrecision").asDouble()).isEqualTo(0.25);
        assertThat(fallback.has("promiseReason")).isFalse();
      } finally {
        server.close();
      }
    }
  }
}

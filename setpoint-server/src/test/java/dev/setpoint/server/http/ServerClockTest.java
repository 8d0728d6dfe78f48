package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.TestClock;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every time the service records or answers comes from the clock it is given. */
class ServerClockTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode send(int port, String method, String path, String body, String type)
      throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + port + path)).header("Content-Type", type).method(method, body == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
    return json.readTree(r.body());
  }

  @Test
  void policiesDecisionsAndLabelsAreStampedWithTheGivenClocksTime() throws Exception {
    TestClock clock = new TestClock();
    Instant start = clock.instant();
    try (Store store = JdbcStore.sqlite(dir, JdbcStore.Durability.POWER_LOSS,
            JdbcStore.DEFAULT_COMMIT_TIMEOUT, clock);
        DecisionServer server = DecisionServer.start(store, DecisionServer.Options.defaults(),
            Explorer.Limits.defaults(), clock)) {
      int port = server.port();
      send(port, "PUT", "/v1/policies/card-fraud",
          Files.readString(Path.of("../examples/policies/card-fraud.yaml")), "application/yaml");
      send(port, "POST", "/v1/policies/card-fraud/activate",
          "{\"version\": 1, \"reason\": \"launch\"}",
          "application/json");
      clock.advance(Duration.ofMinutes(5));
      JsonNode decision = send(port, "POST", "/v1/decide",
          "{\"policy\": \"card-fraud\", \"score\": 0.9}", "application/json");
      clock.advance(Duration.ofMinutes(5));
      String id = decision.get("id").asText();
      send(port, "POST", "/v1/labels", "{\"decisionId\": \"" + id + "\", \"positive\": true}",
          "application/json");

      JsonNode versions = send(port, "GET", "/v1/policies/card-fraud/versions", null,
          "application/json");
      assertThat(versions.toString()).contains("\"createdAt\":\"" + start + "\"")
          .contains("\"at\":\"" + start + "\"");
      assertThat(decision.get("at").asText()).isEqualTo(start.plus(Duration.ofMinutes(5))
          .toString());
      JsonNode record = send(port, "GET", "/v1/decisions/" + id, null, "application/json");
      assertThat(record.get("at").asText()).isEqualTo(decision.get("at").asText());
      assertThat(record.get("label").get("at").asText())
          .isEqualTo(start.plus(Duration.ofMinutes(10)).toString());
    }
  }
}

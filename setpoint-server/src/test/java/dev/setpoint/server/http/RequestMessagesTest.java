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
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a refused request hears: the bad field's pointer and a sentence in the product's words (never
 * a parser's setting), a likely typo named, and in a batch every bad request, not only the first.
 */
class RequestMessagesTest {

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

  private JsonNode refused(String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("JsonReadFeature", "ALLOW_NON_NUMERIC", "Non-standard");
    return json.readTree(r.body());
  }

  private static List<String> errors(JsonNode problem) {
    List<String> out = new ArrayList<>();
    problem.get("errors").forEach(e -> out.add(e.get("pointer").asText() + ": "
        + e.get("message").asText()));
    return out;
  }

  @Test
  void aNanScoreIsRefusedInTheProductsWordsWithTheScoreRange() throws Exception {
    String nan = "/score: NaN is not a number; send a finite number in the model's score range "
        + "[0.0, 1.0]";
    assertThat(refused("/v1/decide", "{\"policy\": \"card-fraud\", \"score\": NaN}")
        .get("detail").asText()).isEqualTo(nan);
    assertThat(refused("/v1/decide", "{\"score\": NaN, \"policy\": \"card-fraud\"}")
        .get("detail").asText()).isEqualTo(nan);
    assertThat(refused("/v1/decide", "{\"policy\": \"card-fraud\", \"score\": -Infinity}")
        .get("detail").asText()).isEqualTo("/score: -Infinity is not a finite number; send a "
        + "finite number in the model's score range [0.0, 1.0]");
    assertThat(refused("/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 1.2}")
        .get("detail").asText()).isEqualTo("/score: 1.2 is outside the model's score range "
        + "[0.0, 1.0]");
    assertThat(errors(refused("/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.5, "
        + "\"attributes\": {\"amount\": NaN}}"))).containsExactly("/attributes/amount: NaN is not "
        + "a number; send text, a finite number or a boolean");
    assertThat(errors(refused("/v1/decide/batch", "{\"policy\": \"card-fraud\", \"requests\": "
        + "[{\"score\": NaN}]}"))).containsExactly("/requests/0" + nan);
  }

  @Test
  void anUnknownFieldOfADecideRequestIsRefusedWithTheFieldItIsATypoOf() throws Exception {
    assertThat(errors(refused("/v1/decide", "{\"policy\": \"card-fraud\", \"scor\": 0.5}")))
        .containsExactly("/scor: unknown field; did you mean 'score'? (a decide request has policy, "
            + "score, attributes, requestId)");
    assertThat(errors(refused("/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.5, "
        + "\"attribute\": {\"jurisdiction\": \"EU\"}}"))).containsExactly("/attribute: unknown "
        + "field; did you mean 'attributes'? (a decide request has policy, score, attributes, "
        + "requestId)");
    assertThat(errors(refused("/v1/decide/batch", "{\"policy\": \"card-fraud\", \"request\": []}")))
        .containsExactly("/request: unknown field; did you mean 'requests'? (a batch has policy, "
            + "requests, answer)");
    assertThat(errors(refused("/v1/decide/batch", "{\"policy\": \"card-fraud\", \"requests\": "
        + "[{\"score\": 0.5, \"a/b\": 1}]}"))).containsExactly("/requests/0/a~1b: unknown field "
        + "(each request of a batch has score, attributes, requestId)");
  }

  @Test
  void labelAndActivationBodiesSayWhatIsWrongInTheirOwnWords() throws Exception {
    assertThat(errors(refused("/v1/labels", "{\"decisionId\": \"x\", \"positive\": NaN}")))
        .containsExactly("/positive: must be true or false, was NaN");
    assertThat(errors(refused("/v1/labels", "{\"decisionId\": \"x\", \"positiv\": true}")))
        .containsExactly("/positiv: unknown field; did you mean 'positive'? (a body of one label, "
            + "or of several in labels, has decisionId, positive, labels)");
    assertThat(errors(refused("/v1/labels", "{\"labels\": [{\"decisionId\": \"x\", \"positive\": "
        + "true, \"postive\": false}]}"))).containsExactly("/labels/0/postive: unknown field; did "
        + "you mean 'positive'? (a label has decisionId, positive)");
    assertThat(errors(refused("/v1/policies/card-fraud/activate",
        "{\"versoin\": 1, \"reason\": \"x\"}"))).containsExactly("/versoin: unknown field; did "
        + "you mean 'version'? (an activation has version, reason)");
    assertThat(errors(refused("/v1/policies/card-fraud/replay", "{\"version\": 1, \"form\": "
        + "\"2026-12-01T00:00:00Z\"}"))).containsExactly("/form: unknown field; did you mean "
        + "'from'? (a replay has version, document, from, to)");
    assertThat(errors(refused("/v1/labels", "{\"labels\": [{\"decisionId\": \"x\"}, "
        + "{\"decisionId\": \"y\", \"positive\": 1}]}"))).containsExactly(
        "/labels/0/positive: required", "/labels/1/positive: must be true or false, was 1");
    assertThat(errors(refused("/v1/policies/card-fraud/rollback",
        "{\"version\": NaN, \"reason\": \"x\"}"))).containsExactly(
        "/version: must be an integer >= 1, was NaN");
  }

  @Test
  void aBatchWithSeveralBadRequestsNamesEveryOneByItsPointer() throws Exception {
    String good = "{\"score\": 0.5, \"attributes\": {\"jurisdiction\": \"EU\"}}";
    String body = "{\"policy\": \"card-fraud\", \"requests\": [" + good + ", {\"attributes\": {}}, "
        + good + ", {\"score\": 1.5}, {\"score\": \"high\", \"attributes\": {\"tier\": [1]}}, 7, "
        + "{\"score\": {\"x\": [1, 2]}, \"requestId\": \"\"}, " + good + "]}";
    JsonNode problem = refused("/v1/decide/batch", body);
    assertThat(errors(problem)).containsExactly(
        "/requests/1/score: required",
        "/requests/3/score: 1.5 is outside the model's score range [0.0, 1.0]",
        "/requests/4/score: must be a number, was high",
        "/requests/4/attributes/tier: must be text, a number or a boolean, was array",
        "/requests/5: must be an object {score, attributes}",
        "/requests/6/score: must be a number, was an object",
        "/requests/6/requestId: must be 1 to 255 characters without control, line-separator or "
            + "bidirectional-text characters, was ''");
    assertThat(problem.get("detail").asText()).isEqualTo("7 errors; the first: /requests/1/score: "
        + "required");
  }

  @Test
  void aBatchWithMoreBadRequestsThanTheBoundListsTheBoundAndCountsTheRest() throws Exception {
    StringJoiner requests = new StringJoiner(", ");
    for (int i = 0; i < FieldErrors.LISTED + 50; i++) {
      requests.add("{\"score\": 2}");
    }
    JsonNode problem = refused("/v1/decide/batch", "{\"policy\": \"card-fraud\", \"requests\": ["
        + requests + "]}");
    List<String> errors = errors(problem);
    assertThat(errors).hasSize(FieldErrors.LISTED);
    assertThat(errors.get(FieldErrors.LISTED - 1)).isEqualTo("/requests/" + (FieldErrors.LISTED - 1)
        + "/score: 2.0 is outside the model's score range [0.0, 1.0]");
    assertThat(problem.get("detail").asText()).isEqualTo((FieldErrors.LISTED + 50) + " errors; the "
        + "first: /requests/0/score: 2.0 is outside the model's score range [0.0, 1.0]; errors[] "
        + "lists the first 100, 50 more are not listed");
  }
}

package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Label;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/labels} with CSV and JSON Lines bodies, streamed. */
class BulkLabelsTest {

  /** The largest JSON body here: the label files below are larger. */
  private static final long MAX_BODY = 64 << 10;

  @TempDir Path dir;

  private Store store;
  private DecisionServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void start() {
    store = JdbcStore.sqlite(dir);
    DecisionServer.Limits d = DecisionServer.Limits.defaults();
    // Bodies of at most 64 KiB, and memory for bodies only just above what one import reserves.
    DecisionServer.Limits small = new DecisionServer.Limits(d.maxBatch(), MAX_BODY,
        BulkLabels.RESERVED + MAX_BODY, d.maxConnections(), d.idleTimeout(), d.readTimeout(),
        d.authFailuresPerMinute());
    server = DecisionServer.start(store, DecisionServer.Options.defaults().withLimits(small));
    List<DecisionRecord> decisions = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String id = String.format("0193a000-0000-7000-8000-%012d", i);
      ids.add(id);
      // The ids are UUIDv7s naming 2024-12-07T07:22:54.848Z, as the store requires of a group's
      // time (within a day of the time its id names).
      decisions.add(new DecisionRecord(id, Instant.ofEpochMilli(0x0193a0000000L + i), "fraud", 1,
          "default", 0, "allow", Optional.empty(), OptionalDouble.empty(), i / 20_000.0, "default",
          List.of(), "{}"));
    }
    store.appendDecisions(decisions);
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private record Reply(int status, JsonNode body) {}

  private Reply post(String contentType, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.port() + "/v1/labels")).header("Content-Type", contentType)
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), json.readTree(r.body()));
  }

  /** A CSV of labels for the first {@code n} decisions: every third positive. */
  private String csv(int n) {
    StringBuilder b = new StringBuilder("decisionId,positive\r\n");
    for (int i = 0; i < n; i++) {
      b.append(ids.get(i)).append(',').append(i % 3 == 0 ? "1" : "0").append("\r\n");
    }
    return b.toString();
  }

  @Test
  void csvBodyLargerThanTheJsonLimitIsStoredInChunks() throws Exception {
    String body = csv(20_000);
    assertThat((long) body.length()).isGreaterThan(10 * MAX_BODY);
    Reply r = post("text/csv; charset=utf-8", body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().get("labels").asLong()).isEqualTo(20_000);
    assertThat(r.body().get("stored").asLong()).isEqualTo(20_000);
    assertThat(store.label(ids.get(3)).map(Label::positive)).contains(true);
    assertThat(store.label(ids.get(19_999)).map(Label::positive)).contains(false);
  }

  @Test
  void importingTheSameFileTwiceLeavesTheSameState() throws Exception {
    String body = csv(6_000);
    assertThat(post("text/csv", body).body().get("stored").asLong()).isEqualTo(6_000);
    Reply again = post("text/csv", body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("stored").asLong()).isZero();
    assertThat(again.body().get("duplicate").asLong()).isEqualTo(6_000);
    assertThat(again.body().get("notStored")).isEmpty();
    List<Boolean> seen = new ArrayList<>();
    store.scanDecisions("fraud", Instant.EPOCH, Instant.ofEpochMilli(0x0193a0000000L + 1_000_000),
        d -> d.label().ifPresent(seen::add));
    assertThat(seen).hasSize(6_000);
    assertThat(seen.stream().filter(p -> p).count()).isEqualTo(2_000);
  }

  @Test
  void conflictsAndUnknownIdsAreCountedWithTheirLines() throws Exception {
    post("text/csv", "id,label\n" + ids.get(0) + ",1\n");
    Reply r = post("text/csv", "label,id,note\n0," + ids.get(0) + ",changed\n1,"
        + ids.get(1) + ",x\n1,no-such-decision,x\n");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("stored").asLong()).isEqualTo(1);
    assertThat(r.body().get("conflict").asLong()).isEqualTo(1);
    assertThat(r.body().get("unknownDecision").asLong()).isEqualTo(1);
    assertThat(r.body().get("notStored").get(0).get("line").asLong()).isEqualTo(2);
    assertThat(r.body().get("notStored").get(0).get("outcome").asText()).isEqualTo("conflict");
    assertThat(r.body().get("notStored").get(1).get("line").asLong()).isEqualTo(4);
    assertThat(r.body().get("notStored").get(1).get("outcome").asText())
        .isEqualTo("unknown_decision");
    assertThat(store.label(ids.get(0)).map(Label::positive)).contains(true);
  }

  @Test
  void badCsvLineIsAProblemNamingTheLineAndFieldAfterStoringTheLinesBeforeIt() throws Exception {
    String body = "decisionId,positive\n" + ids.get(0) + ",1\n" + ids.get(1) + ",yes\n"
        + ids.get(2) + ",0\n";
    Reply r = post("text/csv", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("errors").get(0).get("pointer").asText())
        .isEqualTo("line 3/positive");
    assertThat(r.body().get("detail").asText()).startsWith("line 3/positive: must be 1, 0, true "
        + "or false, was 'yes'").contains("the 1 labels before it were stored");
    assertThat(store.label(ids.get(0))).isPresent();
    assertThat(store.label(ids.get(2))).isEmpty();
  }

  @Test
  void badJsonLinesLineIsAProblemNamingTheLineAndField() throws Exception {
    String body = "{\"decisionId\": \"" + ids.get(0) + "\", \"positive\": true}\n\n"
        + "{\"decisionId\": \"" + ids.get(1) + "\", \"positive\": 1}\n";
    Reply r = post("application/x-ndjson", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("errors").get(0).get("pointer").asText())
        .isEqualTo("line 3/positive");
    assertThat(r.body().get("detail").asText()).contains("must be true or false, was 1");
    Reply notJson = post("application/x-ndjson", "{\"decisionId\": \"" + ids.get(5) + "\",\n");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().get("errors").get(0).get("pointer").asText()).isEqualTo("line 1");
  }

  @Test
  void jsonLinesBodyIsStored() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 12_000; i++) {
      body.append("{\"decisionId\": \"").append(ids.get(i)).append("\", \"positive\": ")
          .append(i % 2 == 0).append("}\n");
    }
    Reply r = post("application/x-ndjson", body.toString());
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().get("stored").asLong()).isEqualTo(12_000);
  }

  @Test
  void csvWithoutTheIdOrLabelColumnIsRefusedAtItsHeader() throws Exception {
    Reply r = post("text/csv", "decision,outcome\nx,1\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("errors").get(0).get("pointer").asText()).isEqualTo("line 1");
    assertThat(r.body().get("detail").asText()).contains("decisionId").contains("positive");
  }

  @Test
  void aLineLongerThanTheLimitIsRefusedWithoutReadingItWhole() throws Exception {
    Reply r = post("text/csv", "decisionId,positive\n" + "x".repeat(BulkLabels.MAX_LINE + 10)
        + ",1\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("detail").asText()).startsWith("line 2: longer than");
  }

  @Test
  void otherContentTypesAreStillRefused() throws Exception {
    Reply r = post("text/plain", csv(1));
    assertThat(r.status()).isEqualTo(415);
  }
}

package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.http.DecisionServer;
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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explorer data belongs to the identity that uploaded it: another identity can neither see it nor
 * push it out of memory; examples are shared and count against no one's quota; uploading needs the
 * upload role. A real server on a free port, with tokens, over HTTP.
 */
class ExplorerOwnershipTest {

  @TempDir Path dir;

  private static final String ALICE = "alice-token-0123456789";
  private static final String BOB = "bob-token-0123456789";
  private static final String READER = "reader-token-0123456789";

  private static final String CONFIG = """
      tokens:
        - { name: alice, token: "%s", roles: [read, upload, edit] }
        - { name: bob, token: "%s", roles: [read, upload] }
        - { name: reader, token: "%s", roles: [read] }
      """.formatted(ALICE, BOB, READER);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  record Reply(int status, String contentType, JsonNode body, String raw) {}

  /** A running server over a fresh store with these explorer limits; closed by the caller. */
  private record Running(Store store, DecisionServer server) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      server.close();
      store.close();
    }
  }

  private Running start(Explorer.Limits limits) throws Exception {
    return start(Access.read(Files.writeString(dir.resolve("setpoint.yaml"), CONFIG)), limits);
  }

  private Running start(Access access, Explorer.Limits limits) {
    Store store = JdbcStore.sqlite(dir);
    return new Running(store, DecisionServer.start(store,
        DecisionServer.Options.defaults().withAccess(access), limits));
  }

  private Reply send(Running r, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + r.server().port() + path)).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if ("PUT".equals(method)) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    String type = response.headers().firstValue("Content-Type").orElse("");
    return new Reply(response.statusCode(), type,
        type.contains("json") ? json.readTree(response.body()) : null, response.body());
  }

  private Reply get(Running r, String path, String token) throws Exception {
    return send(r, "GET", path, token, null);
  }

  /** A score file of {@code rows} rows whose bytes differ for each {@code seed}. */
  private static String scores(int rows, int seed) {
    StringBuilder csv = new StringBuilder("score,label\n");
    for (int i = 0; i < rows; i++) {
      csv.append(String.format(Locale.ROOT, "%.6f,%d\n", (i * 7919 + seed * 104729) % 1000
          / 1000.0, i % 3 == 0 ? 1 : 0));
    }
    return csv.toString();
  }

  /** Uploads as {@code token}, expecting 201; the answer. */
  private JsonNode upload(Running r, String token, String name, String csv) throws Exception {
    Reply reply = send(r, "POST", "/v1/explorer/datasets?name=" + name, token, csv);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
    return reply.body();
  }

  private List<String> listed(Running r, String token) throws Exception {
    Reply reply = get(r, "/v1/explorer/datasets", token);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.body().get("datasets").forEach(d -> ids.add(d.get("id").asText()));
    return ids;
  }

  private static List<String> texts(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  @Test
  void anotherIdentitysDataSetAnswersAsAnUnknownIdDoesOnEveryEndpoint() throws Exception {
    try (Running r = start(Explorer.Limits.defaults())) {
      String alices = upload(r, ALICE, "alice.csv", scores(200, 1)).get("id").asText();
      assertThat(get(r, "/v1/explorer/datasets/" + alices, ALICE).status()).isEqualTo(200);

      String unknown = "ds-0123456789abcdef";
      for (String[] request : new String[][] {
          {"GET", ""}, {"GET", "/curve"}, {"GET", "/at?t=0.5"}, {"GET", "/segments?objective=f1"},
          {"GET", "/reliability"}, {"POST", "/policy"}}) {
        String body = request[0].equals("POST") ? "{\"name\": \"x\", \"threshold\": 0.5}" : null;
        Reply bobs = send(r, request[0], "/v1/explorer/datasets/" + alices + request[1], BOB, body);
        Reply none = send(r, request[0], "/v1/explorer/datasets/" + unknown + request[1], BOB, body);
        assertThat(bobs.status()).as(request[1] + ": " + bobs.raw()).isEqualTo(404);
        assertThat(bobs.contentType()).startsWith("application/problem+json");
        // Word for word the answer to an id nobody has: nothing says the data set exists.
        assertThat(bobs.raw().replace(alices, unknown)).as(request[1]).isEqualTo(none.raw());
        // Alice still can, and Bob's attempts did not remove it.
        assertThat(send(r, request[0], "/v1/explorer/datasets/" + alices + request[1], ALICE, body)
            .status()).as(request[1]).isEqualTo(200);
      }
      assertThat(listed(r, ALICE)).containsExactly(alices);
      assertThat(listed(r, BOB)).isEmpty();

      // The same bytes uploaded by Bob are Bob's own data set, with an id of its own.
      String bobs = upload(r, BOB, "alice.csv", scores(200, 1)).get("id").asText();
      assertThat(bobs).isNotEqualTo(alices);
      assertThat(listed(r, BOB)).containsExactly(bobs);
      assertThat(listed(r, ALICE)).containsExactly(alices);
    }
  }

  @Test
  void storedPoliciesOpenOnlyOnDataTheCallerMaySee() throws Exception {
    try (Running r = start(Explorer.Limits.defaults())) {
      String alices = upload(r, ALICE, "alice.csv", scores(200, 2)).get("id").asText();
      Reply draft = send(r, "POST", "/v1/explorer/datasets/" + alices + "/policy", ALICE,
          "{\"name\": \"alices-policy\", \"threshold\": 0.5}");
      assertThat(draft.status()).as(draft.raw()).isEqualTo(200);
      Reply put = send(r, "PUT", "/v1/policies/alices-policy", ALICE,
          draft.body().get("document").toString());
      assertThat(put.status()).as(put.raw()).isEqualTo(201);

      JsonNode forAlice = get(r, "/v1/explorer/policies", ALICE).body().get("policies");
      assertThat(forAlice).hasSize(1);
      assertThat(forAlice.get(0).get("name").asText()).isEqualTo("alices-policy");
      assertThat(forAlice.get(0).get("dataset").asText()).isEqualTo(alices);
      // Bob may read the policy itself, but the explorer has no data of it that he may open.
      assertThat(get(r, "/v1/explorer/policies", BOB).body().get("policies")).isEmpty();
    }
  }

  @Test
  void uploadingManyFilesEvictsOnlyTheUploadersOwnOrIsRefusedNeverPushingAnothersOut()
      throws Exception {
    // 3 data sets and 100 rows in all; 2 data sets and 80 rows each.
    try (Running r = start(new Explorer.Limits(3, 100, 1 << 20, 2, 80, Duration.ofHours(1)))) {
      String a1 = upload(r, ALICE, "a1.csv", scores(40, 1)).get("id").asText();
      String a2 = upload(r, ALICE, "a2.csv", scores(40, 2)).get("id").asText();
      JsonNode first = upload(r, BOB, "b0.csv", scores(10, 0));
      assertThat(first.get("evicted")).isEmpty();
      String previous = first.get("id").asText();
      for (int i = 1; i <= 5; i++) {
        JsonNode answer = upload(r, BOB, "b" + i + ".csv", scores(10, 100 + i));
        // The third slot is Bob's only: each upload drops his previous one, and says so.
        assertThat(texts(answer.get("evicted"))).as("upload %d", i).containsExactly(previous);
        previous = answer.get("id").asText();
      }
      // 30 rows do not fit beside Alice's 80 even with Bob's own 10 dropped: refused, not pushed.
      Reply full = send(r, "POST", "/v1/explorer/datasets?name=big.csv", BOB, scores(30, 9));
      assertThat(full.status()).as(full.raw()).isEqualTo(503);
      assertThat(full.contentType()).startsWith("application/problem+json");
      assertThat(full.body().get("type").asText()).isEqualTo("/problems/explorer-full");
      assertThat(full.body().get("status").asInt()).isEqualTo(503);
      assertThat(full.body().get("detail").asText()).isEqualTo("the explorer's memory is full: "
          + "big.csv (30 rows) would exceed its bound of 100 rows in all, and the rest is other "
          + "users' data, which is never pushed out; try again later (a data set unused for 1 "
          + "hour is dropped), or ask the operator to raise --explorer-max-rows");
      assertThat(listed(r, BOB)).containsExactly(previous); // the refusal dropped nothing of his
      assertThat(listed(r, ALICE)).containsExactlyInAnyOrder(a1, a2);
      for (String id : List.of(a1, a2)) {
        assertThat(get(r, "/v1/explorer/datasets/" + id + "/curve", ALICE).status()).isEqualTo(200);
      }
      // A file over one identity's quota can never fit: refused while it is read.
      Reply quota = send(r, "POST", "/v1/explorer/datasets?name=huge.csv", BOB, scores(81, 3));
      assertThat(quota.status()).as(quota.raw()).isEqualTo(413);
      assertThat(quota.body().get("detail").asText())
          .isEqualTo("huge.csv has more than 80 rows, the most the explorer holds in memory for one "
              + "user");
      // Alice, past her own quota of 2, drops her own least recently used.
      assertThat(get(r, "/v1/explorer/datasets/" + a1, ALICE).status()).isEqualTo(200);
      JsonNode third = upload(r, ALICE, "a3.csv", scores(5, 3));
      assertThat(texts(third.get("evicted"))).containsExactly(a2);
    }
  }

  @Test
  void aReadOnlyTokenCannotUploadButLoadsAndSeesTheSharedExamples() throws Exception {
    // One data set of one's own at most: the examples must not count against it.
    try (Running r = start(new Explorer.Limits(8, 100_000, 1 << 20, 1, 1_000,
        Duration.ofHours(1)))) {
      Reply refused = send(r, "POST", "/v1/explorer/datasets?name=r.csv", READER, scores(10, 1));
      assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.body().get("detail").asText()).isEqualTo("'reader' lacks the role upload "
          + "that POST /v1/explorer/datasets needs");

      String alices = upload(r, ALICE, "alice.csv", scores(20, 1)).get("id").asText();
      Reply byReader = send(r, "POST", "/v1/explorer/examples/breast-cancer", READER, null);
      assertThat(byReader.status()).as(byReader.raw()).isEqualTo(201);
      String example = byReader.body().get("id").asText();
      assertThat(byReader.body().get("origin").asText()).isEqualTo("example");
      Reply byAlice = send(r, "POST", "/v1/explorer/examples/breast-cancer", ALICE, null);
      assertThat(byAlice.body().get("id").asText()).isEqualTo(example); // one copy, shared
      assertThat(byAlice.body().get("evicted")).isEmpty(); // not against Alice's quota of 1
      Reply segments = send(r, "POST", "/v1/explorer/examples/lending-club-segments", BOB, null);
      assertThat(segments.status()).isEqualTo(201);
      String shared = segments.body().get("id").asText();

      // The most recently used first.
      assertThat(listed(r, READER)).containsExactly(shared, example);
      assertThat(listed(r, BOB)).containsExactly(shared, example);
      assertThat(listed(r, ALICE)).containsExactly(shared, example, alices);
      for (String token : List.of(READER, BOB, ALICE)) {
        assertThat(get(r, "/v1/explorer/datasets/" + shared + "/curve", token).status())
            .isEqualTo(200);
        assertThat(get(r, "/v1/explorer/datasets/" + example + "/at?t=0.5", token).status())
            .isEqualTo(200);
      }
      assertThat(get(r, "/v1/explorer/datasets/" + alices, READER).status()).isEqualTo(404);
    }
  }

  @Test
  void withoutTokensEveryoneIsAnonymousAndMayUploadAsBefore() throws Exception {
    try (Running r = start(Access.open(), Explorer.Limits.defaults())) {
      String id = upload(r, null, "dev.csv", scores(20, 1)).get("id").asText();
      assertThat(listed(r, null)).containsExactly(id);
      assertThat(get(r, "/v1/explorer/datasets/" + id + "/curve", null).status()).isEqualTo(200);
    }
  }
}

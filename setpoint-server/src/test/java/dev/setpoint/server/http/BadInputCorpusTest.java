package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad requests — malformed JSON, wrong types, huge bodies, unknown policies, NaN and
 * out-of-range scores, bad tokens, wrong methods, bodies that are not JSON, requests from other sites,
 * bad and reused request ids, URIs and headers over Jetty's limits — each must get a 4xx problem body,
 * never a 5xx; and
 * requests with missing attributes are answered (by the default segment), not refused.
 */
class BadInputCorpusTest {

  @TempDir Path dir;

  /**
   * A bad request; {@code status} 0 accepts any 4xx; {@code chunked} sends no Content-Length;
   * {@code headers} are more headers, name then value.
   */
  private record Case(String name, String method, String path, String body, String token,
      int status, boolean chunked, List<String> headers) {
    Case(String name, String method, String path, String body, String token) {
      this(name, method, path, body, token, 0, false, List.of());
    }

    Case(String name, String method, String path, String body, String token, int status,
        boolean chunked) {
      this(name, method, path, body, token, status, chunked, List.of());
    }

    /** A request with headers, answered {@code status}. */
    static Case with(String name, String method, String path, String body, String token,
        int status, String... headers) {
      return new Case(name, method, path, body, token, status, false, List.of(headers));
    }
  }

  @Test
  void everyBadRequestIsAProblemAndNoneIsAServerError() throws Exception {
    Path config = Files.writeString(dir.resolve("setpoint.yaml"), """
        tokens:
          - { name: all, token: "all-roles-token-0123456789", roles: [decide, label, edit, read] }
          - { name: scorer, token: "decide-only-token-01234567", roles: [decide] }
          - { name: auditor, token: "read-only-token-0123456789", roles: [read] }
        """);
    String ok = "all-roles-token-0123456789";
    String policy = Files.readString(Path.of("../examples/policies/card-fraud.yaml"));
    List<Case> cases = new ArrayList<>();
    String d = "/v1/decide";
    for (String body : List.of("", "{", "}", "nul", "[]", "[1]", "\"text\"", "42", "null",
        "{\"policy\": \"card-fraud\", \"score\": 0.5} trailing", "{\"policy\": \"card-fraud\",}",
        "{'policy': 'card-fraud'}", "\u0000\u0001", "{\"policy\": \"card-fraud\", \"score\": 0.5")) {
      cases.add(new Case("malformed " + body.length(), "POST", d, body, ok));
    }
    for (String body : List.of("{\"score\": 0.5}", "{\"policy\": 5, \"score\": 0.5}",
        "{\"policy\": \"\", \"score\": 0.5}", "{\"policy\": \"card-fraud\"}",
        "{\"policy\": \"card-fraud\", \"score\": \"0.5\"}", "{\"policy\": \"card-fraud\", \"score\": null}",
        "{\"policy\": \"card-fraud\", \"score\": \"NaN\"}", "{\"policy\": \"card-fraud\", \"score\": -0.1}",
        "{\"policy\": \"card-fraud\", \"score\": 1.5}", "{\"policy\": \"card-fraud\", \"score\": 1e400}",
        "{\"policy\": \"card-fraud\", \"score\": true}", "{\"policy\": \"card-fraud\", \"score\": [0.5]}",
        "{\"policy\": \"card-fraud\", \"score\": 0.5, \"attributes\": []}",
        "{\"policy\": \"card-fraud\", \"score\": 0.5, \"attributes\": \"EU\"}",
        "{\"policy\": \"card-fraud\", \"score\": 0.5, \"attributes\": {\"tier\": {\"a\": 1}}}",
        "{\"policy\": \"nope\", \"score\": 0.5}", "{\"policy\": \"card-fraud\", \"score\": 0.5, "
            + "\"pad\": \"" + "x".repeat(9 << 20) + "\"}")) {
      cases.add(new Case("decide " + body.substring(0, Math.min(50, body.length())), "POST", d, body,
          ok));
    }
    for (String body : List.of("{\"policy\": \"card-fraud\"}", "{\"policy\": \"card-fraud\", "
        + "\"requests\": []}", "{\"policy\": \"card-fraud\", \"requests\": [1]}",
        "{\"policy\": \"card-fraud\", \"requests\": [{\"attributes\": {}}]}",
        "{\"requests\": [{\"score\": 0.5}]}", "{\"requests\": [{\"score\": 0.5}], \"policy\": \"nope\"}",
        "{\"policy\": \"card-fraud\", \"requests\": [{\"score\": 0.5}], \"policy\": \"other\"}",
        "{\"requests\": [{\"score\": 0.5}], \"policy\": 7}",
        "{\"policy\": \"card-fraud\", \"requests\": [{\"score\": 0.5, \"attributes\": "
            + "{\"unused\": [1]}}]}",
        "{\"policy\": \"card-fraud\", \"requests\": [{\"score\": 0.5}, {\"score\": \"0.5\"}]}")) {
      cases.add(new Case("batch " + body, "POST", "/v1/decide/batch", body, ok));
    }
    cases.add(new Case("no token", "POST", d, "{\"policy\": \"card-fraud\", \"score\": 0.5}", null));
    cases.add(new Case("bad token", "POST", d, "{\"policy\": \"card-fraud\", \"score\": 0.5}",
        "not-a-valid-token-at-all"));
    cases.add(new Case("decide without the role", "POST", d,
        "{\"policy\": \"card-fraud\", \"score\": 0.5}", "read-only-token-0123456789", 403, false));
    cases.add(new Case("batch over the body limit, no Content-Length", "POST", "/v1/decide/batch",
        "{\"policy\": \"card-fraud\", \"requests\": [" + ("{\"score\": 0.5, \"attributes\": "
            + "{\"note\": \"" + "x".repeat(1000) + "\"}},").repeat(9000) + "]}", ok, 413, true));
    cases.add(new Case("decide over the body limit, no Content-Length", "POST", d,
        "{\"policy\": \"card-fraud\", \"score\": 0.5, \"pad\": \"" + "x".repeat(9 << 20) + "\"}",
        ok, 413, true));
    cases.add(new Case("wrong role", "PUT", "/v1/policies/card-fraud", policy,
        "decide-only-token-01234567"));
    cases.add(new Case("invalid policy", "PUT", "/v1/policies/card-fraud",
        policy.replace("minScore: 0.62", "minScore: 0.99"), ok));
    cases.add(new Case("policy name mismatch", "PUT", "/v1/policies/other", policy, ok));
    cases.add(new Case("policy not YAML", "PUT", "/v1/policies/card-fraud", "{::", ok));
    cases.add(new Case("activate unknown version", "POST", "/v1/policies/card-fraud/activate",
        "{\"version\": 99, \"reason\": \"x\"}", ok));
    cases.add(new Case("activate no reason", "POST", "/v1/policies/card-fraud/activate",
        "{\"version\": 1}", ok));
    cases.add(new Case("activate bad version", "POST", "/v1/policies/card-fraud/activate",
        "{\"version\": -1, \"reason\": \"x\"}", ok));
    cases.add(new Case("unknown policy versions", "GET", "/v1/policies/nope/versions", null, ok));
    cases.add(new Case("bad version param", "GET", "/v1/policies/card-fraud?version=x", null, ok));
    cases.add(new Case("unknown decision", "GET", "/v1/decisions/nope", null, ok));
    cases.add(new Case("labels wrong type", "POST", "/v1/labels",
        "{\"decisionId\": \"x\", \"positive\": \"yes\"}", ok));
    cases.add(new Case("labels empty", "POST", "/v1/labels", "{\"labels\": []}", ok));
    cases.add(new Case("monitor bad from", "GET", "/v1/policies/card-fraud/monitor?from=yesterday",
        null, ok));
    cases.add(new Case("monitor bad confidence", "GET",
        "/v1/policies/card-fraud/monitor?confidence=2", null, ok));
    cases.add(new Case("replay neither", "POST", "/v1/policies/card-fraud/replay", "{}", ok));
    cases.add(new Case("replay invalid document", "POST", "/v1/policies/card-fraud/replay",
        "{\"document\": {\"apiVersion\": \"setpoint/v1\"}}", ok));
    cases.add(new Case("unknown endpoint", "GET", "/v1/nothing", null, ok));
    cases.add(new Case("wrong method", "GET", d, null, ok));
    cases.add(new Case("If-Match garbage", "PUT", "/v1/policies/card-fraud", policy, ok));
    // Issue 19: media types, other sites, request ids, Jetty's own limits.
    String one = "{\"policy\": \"card-fraud\", \"score\": 0.5}";
    String act = "/v1/policies/card-fraud/activate";
    cases.add(Case.with("decide as text/plain", "POST", d, one, ok, 415, "Content-Type",
        "text/plain"));
    cases.add(Case.with("batch as a form", "POST", "/v1/decide/batch", one, ok, 415,
        "Content-Type", "application/x-www-form-urlencoded"));
    cases.add(Case.with("activate as text/plain", "POST", act, "{\"version\": 1, \"reason\": "
        + "\"x\"}", ok, 415, "Content-Type", "text/plain;charset=UTF-8"));
    cases.add(Case.with("labels as multipart", "POST", "/v1/labels", "{}", ok, 415, "Content-Type",
        "multipart/form-data; boundary=x"));
    cases.add(Case.with("activate from another origin", "POST", act, "{\"version\": 1, "
        + "\"reason\": \"x\"}", ok, 403, "Origin", "http://evil.example"));
    cases.add(Case.with("decide sent cross-site", "POST", d, one, ok, 403, "Sec-Fetch-Site",
        "cross-site"));
    cases.add(Case.with("policy from a same-site page", "PUT", "/v1/policies/card-fraud", policy,
        ok, 403, "Sec-Fetch-Site", "same-site"));
    cases.add(Case.with("Idempotency-Key blank", "POST", d, one, ok, 400, "Idempotency-Key", "  "));
    cases.add(Case.with("Idempotency-Key too long", "POST", d, one, ok, 400, "Idempotency-Key",
        "k".repeat(256)));
    cases.add(Case.with("Idempotency-Key and requestId differ", "POST", d,
        "{\"policy\": \"card-fraud\", \"score\": 0.5, \"requestId\": \"a\"}", ok, 400,
        "Idempotency-Key", "b"));
    cases.add(new Case("requestId a number", "POST", d,
        "{\"policy\": \"card-fraud\", \"score\": 0.5, \"requestId\": 5}", ok, 400, false));
    cases.add(new Case("requestId twice in a batch", "POST", "/v1/decide/batch",
        "{\"policy\": \"card-fraud\", \"requests\": [{\"score\": 0.5, \"requestId\": \"x\"}, "
            + "{\"score\": 0.6, \"requestId\": \"x\"}]}", ok, 400, false));
    cases.add(Case.with("request id reused for another request", "POST", d,
        "{\"policy\": \"card-fraud\", \"score\": 0.75}", ok, 409, "Idempotency-Key", "used-once"));
    cases.add(new Case("batch reusing part of another", "POST", "/v1/decide/batch",
        "{\"policy\": \"card-fraud\", \"requests\": [{\"score\": 0.5, \"requestId\": \"new\"}, "
            + "{\"score\": 0.5, \"requestId\": \"used-once\"}]}", ok, 409, false));
    cases.add(new Case("a URI over 8 KiB", "GET", "/v1/" + "u".repeat(10_000), null, ok, 414,
        false));
    cases.add(Case.with("a header over 8 KiB", "GET", "/healthz", null, ok, 431, "X-Big",
        "h".repeat(10_000)));

    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store,
          DecisionServer.Options.defaults().withAccess(Access.read(config)));
      try {
        String base = "http://127.0.0.1:" + server.port();
        // A valid, active policy, so that requests fail for their own defect.
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/policies/card-fraud"))
            .header("Authorization", "Bearer " + ok).header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(policy)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        http.send(HttpRequest.newBuilder(URI.create(base + "/v1/policies/card-fraud/activate"))
            .header("Authorization", "Bearer " + ok).POST(HttpRequest.BodyPublishers.ofString(
                "{\"version\": 1, \"reason\": \"go\"}")).build(), HttpResponse.BodyHandlers.ofString());
        // A request id used once, for the cases that reuse it.
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + d)).header("Authorization",
            "Bearer " + ok).header("Idempotency-Key", "used-once").POST(HttpRequest.BodyPublishers
            .ofString("{\"policy\": \"card-fraud\", \"score\": 0.5}")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        int serverErrors = 0;
        for (Case c : cases) {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + c.path()))
              .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                  : c.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() ->
                      new java.io.ByteArrayInputStream(c.body().getBytes(
                          java.nio.charset.StandardCharsets.UTF_8)))
                  : HttpRequest.BodyPublishers.ofString(c.body()));
          if (c.token() != null) {
            b.header("Authorization", "Bearer " + c.token());
          }
          if (c.method().equals("PUT")) {
            b.header("Content-Type", "application/yaml");
          }
          for (int h = 0; h < c.headers().size(); h += 2) {
            b.setHeader(c.headers().get(h), c.headers().get(h + 1));
          }
          if (c.name().equals("If-Match garbage")) {
            b.header("If-Match", "W/\"latest\"");
          }
          HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
          serverErrors += r.statusCode() >= 500 ? 1 : 0;
          assertThat(r.statusCode()).as(c.name() + ": " + r.body()).isBetween(400, 499);
          if (c.status() != 0) {
            assertThat(r.statusCode()).as(c.name() + ": " + r.body()).isEqualTo(c.status());
          }
          assertThat(r.headers().firstValue("Content-Type").orElse(""))
              .as(c.name()).startsWith("application/problem+json");
          JsonNode problem = json.readTree(r.body());
          assertThat(problem.get("status").asInt()).as(c.name()).isEqualTo(r.statusCode());
          assertThat(problem.get("detail").asText()).as(c.name()).isNotBlank()
              .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("REDACTED");
        }
        // Missing attributes are not an error: the default segment answers, and says why.
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + d))
            .header("Authorization", "Bearer " + ok).POST(HttpRequest.BodyPublishers.ofString(
                "{\"policy\": \"card-fraud\", \"score\": 0.5}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("default_missing_attributes");
        System.out.printf("bad input corpus: %d cases, all 4xx problems, %d server errors%n",
            cases.size(), serverErrors);
      } finally {
        server.close();
      }
    }
  }
}

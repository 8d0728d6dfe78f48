package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random requests — well-formed JSON with values of every wrong type in every field, truncated
 * and corrupted bodies, random explorer query parameters, random media types, origins and request
 * ids (recurring, to make retries and conflicts) — against a live server: none may be a 5xx,
 * and every 4xx is an RFC 9457 problem whose detail names no exception and no parser internals. The
 * hand-written cases are in {@link BadInputCorpusTest}; this finds the ones nobody thought of.
 */
class RandomRequestsTest {

  private static final int REQUESTS = 1_200;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir Path dir;

  private final Random random = new Random(20261206);
  private final ObjectMapper json = new ObjectMapper();

  /** A value of a random kind: the wrong types, extremes, empty and odd strings, small containers. */
  private JsonNode value(int depth) {
    switch (random.nextInt(depth < 2 ? 16 : 14)) {
      case 0: return NODES.nullNode();
      case 1: return NODES.booleanNode(random.nextBoolean());
      case 2: return NODES.numberNode(random.nextInt(5) - 2);
      case 3: return NODES.numberNode(random.nextDouble());
      case 4: return NODES.numberNode(random.nextBoolean() ? 1e308 : -1e308);
      case 5: return NODES.numberNode(new java.math.BigInteger("9".repeat(30)));
      case 6: return NODES.numberNode(4.9e-324);
      case 7: return NODES.textNode("");
      case 8: return NODES.textNode(List.of("NaN", "Infinity", "-0", "0.5", "1e400").get(
          random.nextInt(5)));
      case 9: return NODES.textNode("x".repeat(random.nextInt(300)));
      case 10: return NODES.textNode("\u0000é\t");
      case 11: return NODES.textNode(List.of("card-fraud", "EU", "premium", "US").get(
          random.nextInt(4)));
      case 12: return NODES.arrayNode();
      case 13: return NODES.objectNode();
      case 14: {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(value(depth + 1));
        }
        return a;
      }
      default: {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set(List.of("jurisdiction", "tier", "amount", "policy", "score").get(random.nextInt(5)),
              value(depth + 1));
        }
        return o;
      }
    }
  }

  /** A decide body: mostly right, with one or more fields replaced by random values. */
  private ObjectNode decide() {
    ObjectNode b = NODES.objectNode();
    b.set("policy", random.nextInt(3) == 0 ? value(0) : NODES.textNode("card-fraud"));
    b.set("score", random.nextInt(3) == 0 ? value(0) : NODES.numberNode(random.nextDouble()));
    if (random.nextBoolean()) {
      ObjectNode attributes = NODES.objectNode();
      attributes.set("jurisdiction", value(1));
      attributes.set("tier", value(1));
      b.set("attributes", random.nextInt(4) == 0 ? value(0) : attributes);
    }
    if (random.nextInt(5) == 0) {
      b.set(List.of("id", "extra", "at").get(random.nextInt(3)), value(0));
    }
    if (random.nextInt(4) == 0) {
      // Request ids: a few that recur (retries and conflicts), and values of every kind.
      b.set("requestId", random.nextBoolean() ? NODES.textNode("r" + random.nextInt(4)) : value(0));
    }
    return b;
  }

  /** Headers of a random request, name then value: media types, other sites, request ids. */
  private String[] headers() {
    List<String> out = new java.util.ArrayList<>();
    if (random.nextInt(8) == 0) {
      out.add("Content-Type");
      out.add(List.of("text/plain", "application/x-www-form-urlencoded", "application/json",
          "application/problem+json", "application/json; charset=latin1", "text/yaml", ";;",
          "multipart/form-data; boundary=-").get(random.nextInt(8)));
    }
    if (random.nextInt(10) == 0) {
      out.add("Origin");
      out.add(List.of("http://evil.example", "null", "http://127.0.0.1:1", "not an origin",
          "https://[::1]").get(random.nextInt(5)));
    }
    if (random.nextInt(10) == 0) {
      out.add("Sec-Fetch-Site");
      out.add(List.of("cross-site", "same-site", "same-origin", "none", "?").get(
          random.nextInt(5)));
    }
    if (random.nextInt(6) == 0) {
      out.add("Idempotency-Key");
      out.add(List.of("k1", "k2", "\"k1\"", "\"", "x".repeat(300), " ", "k3", "\"\"").get(
          random.nextInt(8)));
    }
    return out.toArray(String[]::new);
  }

  private String query(String... names) {
    List<String> values = List.of("", "x", "0", "1", "-1", "0.5", "2", "NaN", "Infinity", "1e400",
        "f1", "recall@precision>=0.9", "recall@precision>=1.5", "budget:flags<=10", "flags<=5",
        "rate<=0.1", "A", "9".repeat(30), "wilson", "clopper-pearson");
    StringBuilder sb = new StringBuilder("?");
    for (int i = random.nextInt(5); i > 0; i--) {
      sb.append(names[random.nextInt(names.length)]).append('=')
          .append(URLEncoder.encode(values.get(random.nextInt(values.size())), StandardCharsets.UTF_8))
          .append('&');
    }
    return sb.toString();
  }

  @Test
  void noRandomRequestIsAServerErrorAndEveryRefusalIsAProblem() throws Exception {
    String policy = Files.readString(Path.of("../examples/policies/card-fraud.yaml"));
    HttpClient http = HttpClient.newHttpClient();
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store, DecisionServer.Options.defaults(),
          new Explorer.Limits(4, 60_000, 1_000_000, 4, 60_000,
              java.time.Duration.ofHours(1)));
      try {
        String base = "http://127.0.0.1:" + server.port();
        assertThat(send(http, base, "PUT", "/v1/policies/card-fraud", policy).statusCode())
            .isEqualTo(201);
        assertThat(send(http, base, "POST", "/v1/policies/card-fraud/activate",
            "{\"version\": 1, \"reason\": \"go\"}").statusCode()).isEqualTo(200);
        String dataset = json.readTree(send(http, base, "POST",
            "/v1/explorer/examples/lending-club-segments", null).body()).get("id").asText();
        int answered = 0;
        for (int i = 0; i < REQUESTS; i++) {
          String[] request = request(dataset);
          String[] headers = headers();
          HttpResponse<String> r = send(http, base, request[0], request[1], request[2], headers);
          String what = request[0] + " " + request[1] + " " + request[2] + " "
              + String.join(": ", headers);
          assertThat(r.statusCode()).as(what + " -> " + r.body()).isLessThan(500);
          if (r.statusCode() < 400) {
            answered++;
            continue;
          }
          assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what)
              .startsWith("application/problem+json");
          JsonNode problem = json.readTree(r.body());
          assertThat(problem.get("status").asInt()).as(what).isEqualTo(r.statusCode());
          assertThat(problem.get("type").asText()).as(what).startsWith("/problems/");
          assertThat(problem.get("title").asText()).as(what).isNotBlank();
          assertThat(problem.get("errors").isArray()).as(what).isTrue();
          assertThat(problem.get("detail").asText()).as(what).isNotBlank()
              .doesNotContain("Exception").doesNotContain("REDACTED").doesNotContain("\tat ");
        }
        // Not all refusals: the mostly-right bodies must be answered often enough to reach the code
        // past validation.
        assertThat(answered).isGreaterThan(REQUESTS / 10);
        System.out.printf("random requests: %d sent, %d answered, the rest 4xx problems%n", REQUESTS,
            answered);
      } finally {
        server.close();
      }
    }
  }

  /** Method, path and body (null for none) of a random request. */
  private String[] request(String dataset) {
    int kind = random.nextInt(100);
    String explorer = "/v1/explorer/datasets/" + dataset + "/";
    if (kind < 30) {
      return new String[] {"POST", "/v1/decide", decide().toString()};
    }
    if (kind < 40) {
      ObjectNode batch = NODES.objectNode().put("policy", "card-fraud");
      ArrayNode requests = batch.putArray("requests");
      for (int i = random.nextInt(4); i >= 0; i--) {
        requests.add(random.nextInt(5) == 0 ? value(0) : decide());
      }
      return new String[] {"POST", "/v1/decide/batch", batch.toString()};
    }
    if (kind < 47) {
      ObjectNode labels = NODES.objectNode();
      ArrayNode list = labels.putArray("labels");
      for (int i = random.nextInt(3); i >= 0; i--) {
        ObjectNode label = list.addObject();
        label.set("decisionId", value(0));
        label.set("positive", value(0));
      }
      return new String[] {"POST", "/v1/labels", random.nextInt(4) == 0 ? value(0).toString()
          : labels.toString()};
    }
    if (kind < 55) {
      // A decide body cut anywhere, sometimes with garbage after the cut.
      byte[] whole = decide().toString().getBytes(StandardCharsets.UTF_8);
      byte[] cut = Arrays.copyOf(whole, random.nextInt(whole.length + 1));
      String tail = random.nextBoolean() ? "" : String.valueOf((char) (1 + random.nextInt(250)));
      return new String[] {"POST", "/v1/decide", new String(cut, StandardCharsets.UTF_8) + tail};
    }
    if (kind < 60) {
      return new String[] {"GET", "/v1/policies/card-fraud/monitor" + query("from", "to",
          "confidence"), null};
    }
    if (kind < 90) {
      String view = List.of("curve", "at", "segments", "reliability").get(random.nextInt(4));
      return new String[] {"GET", explorer + view + query("objective", "t", "keep", "segment",
          "confidence", "method", "prevalence", "resolution", "round", "minPositives", "minFlags",
          "blockPrecision", "reviewCapacity", "guarantee", "delta"), null};
    }
    ObjectNode draft = NODES.objectNode();
    for (String field : List.of("objective", "bands", "confidence", "jointBands", "reviewCapacity",
        "segments", "name")) {
      if (random.nextBoolean()) {
        draft.set(field, value(0));
      }
    }
    return new String[] {"POST", explorer + "policy" + query("objective", "segment"),
        draft.toString()};
  }

  private static HttpResponse<String> send(HttpClient http, String base, String method, String path,
      String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (method.equals("PUT")) {
      b.header("Content-Type", "application/yaml");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.setpoint.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTest {

  @TempDir Path dir;

  private static final String CONFIG = """
      tokens:
        - { name: scorer, token: "decide-token-0123456789", roles: [decide] }
        - { name: admin, tokenSha256: "%s", roles: [edit, read, decide, label] }
      """.formatted(Access.sha256("admin-token-0123456789"));

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(int port, String method, String path, String body,
      String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if ("PUT".equals(method)) {
      b.header("Content-Type", "application/yaml");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tokensAndRolesGuardEveryEndpointButHealth() throws Exception {
    Access access = Access.read(Files.writeString(dir.resolve("setpoint.yaml"), CONFIG));
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store,
          DecisionServer.Options.defaults().withAccess(access));
      try {
        int port = server.port();
        String policy = Files.readString(Path.of("../examples/policies/card-fraud.yaml"));
        assertThat(send(port, "GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> none = send(port, "PUT", "/v1/policies/card-fraud", policy, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(send(port, "PUT", "/v1/policies/card-fraud", policy, "wrong-token-0123456789")
            .statusCode()).isEqualTo(401);
        HttpResponse<String> scorer = send(port, "PUT", "/v1/policies/card-fraud", policy,
            "decide-token-0123456789");
        assertThat(scorer.statusCode()).isEqualTo(403);
        assertThat(scorer.body()).contains("'scorer' lacks the role edit");
        assertThat(send(port, "PUT", "/v1/policies/card-fraud", policy, "admin-token-0123456789")
            .statusCode()).isEqualTo(201);
        assertThat(send(port, "POST", "/v1/policies/card-fraud/activate",
            "{\"version\": 1, \"reason\": \"go\"}", "admin-token-0123456789").statusCode())
            .isEqualTo(200);
        assertThat(store.events("card-fraud").get(0).by()).isEqualTo("admin");
        assertThat(send(port, "POST", "/v1/decide", "{\"policy\": \"card-fraud\", \"score\": 0.5}",
            "decide-token-0123456789").statusCode()).isEqualTo(200);
        // The decide endpoints have their own transport (DecideHandler): the same guard applies.
        for (String path : List.of("/v1/decide", "/v1/decide/batch")) {
          HttpResponse<String> anonymous = send(port, "POST", path, "{}", null);
          assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
          assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
          HttpResponse<String> forged = send(port, "POST", path, "{}", "wrong-token-0123456789");
          assertThat(forged.statusCode()).as(path).isEqualTo(401);
          assertThat(forged.headers().firstValue("WWW-Authenticate"))
              .contains("Bearer error=\"invalid_token\"");
        }
        assertThat(send(port, "GET", "/v1/policies/card-fraud", null, "decide-token-0123456789")
            .statusCode()).isEqualTo(403);
        assertThat(send(port, "GET", "/v1/policies", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> list = send(port, "GET", "/v1/policies", null,
            "decide-token-0123456789");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(send(port, "GET", "/v1/policies", null, "admin-token-0123456789").body())
            .contains("\"name\":\"card-fraud\"");
        assertThat(send(port, "POST", "/v1/labels", "{\"decisionId\": \"x\", \"positive\": true}",
            "decide-token-0123456789").statusCode()).isEqualTo(403);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void badConfigNamesTheEntryAndValue() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        tokens:
          - { name: x, token: "long-enough-token-123", roles: [decide, admin] }
        """);
    assertThatThrownBy(() -> Access.read(bad)).hasMessage(bad + ": /tokens/0/roles/1: unknown role "
        + "'admin' (roles: decide, label, edit, read, upload)");
    Path shortToken = Files.writeString(dir.resolve("short.yaml"), """
        tokens:
          - { name: x, token: "short", roles: [decide] }
        """);
    assertThatThrownBy(() -> Access.read(shortToken)).hasMessageContaining(
        "/tokens/0/token: must be at least 16 characters");
  }
}

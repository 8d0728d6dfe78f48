package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With tokens configured, the page is public, its data needs the read role and an upload the upload
 * role.
 */
class ExplorerAccessTest {

  @TempDir Path dir;

  private static final String CONFIG = """
      tokens:
        - { name: scorer, token: "decide-token-0123456789", roles: [decide] }
        - { name: analyst, token: "read-token-0123456789", roles: [read] }
        - { name: uploader, token: "upload-token-0123456789", roles: [read, upload] }
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  private int status(int port, String method, String path, String token) throws Exception {
    return send(port, method, path, token).statusCode();
  }

  private HttpResponse<String> send(int port, String method, String path, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString(
            "score,label\n0.9,1\n0.1,0\n") : HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageIsOpenItsDataNeedsTheReadRoleAndAnUploadTheUploadRole() throws Exception {
    Access access = Access.read(Files.writeString(dir.resolve("setpoint.yaml"), CONFIG));
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store,
          DecisionServer.Options.defaults().withAccess(access));
      try {
        int port = server.port();
        assertThat(status(port, "GET", "/explorer", null)).isEqualTo(200);
        assertThat(status(port, "GET", "/explorer/assets/explorer.js", null)).isEqualTo(200);
        assertThat(status(port, "GET", "/v1/explorer/examples", null)).isEqualTo(401);
        assertThat(status(port, "POST", "/v1/explorer/examples/breast-cancer", null)).isEqualTo(401);
        assertThat(status(port, "POST", "/v1/explorer/examples/breast-cancer",
            "decide-token-0123456789")).isEqualTo(403);
        assertThat(status(port, "POST", "/v1/explorer/examples/breast-cancer",
            "read-token-0123456789")).isEqualTo(201);
        assertThat(status(port, "GET", "/v1/explorer/policies", "read-token-0123456789"))
            .isEqualTo(200);
        // An upload costs memory every user shares: read alone may not, and is told which role.
        String upload = "/v1/explorer/datasets?name=s.csv";
        assertThat(status(port, "POST", upload, null)).isEqualTo(401);
        HttpResponse<String> reader = send(port, "POST", upload, "read-token-0123456789");
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/problem+json");
        assertThat(reader.body()).contains("'analyst' lacks the role upload that POST "
            + "/v1/explorer/datasets needs");
        assertThat(status(port, "POST", upload, "decide-token-0123456789")).isEqualTo(403);
        assertThat(status(port, "POST", upload, "upload-token-0123456789")).isEqualTo(201);
      } finally {
        server.close();
      }
    }
  }
}

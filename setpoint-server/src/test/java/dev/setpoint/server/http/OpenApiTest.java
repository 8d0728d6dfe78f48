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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document is served and describes every route the server has, and no other. */
class OpenApiTest {

  @TempDir Path dir;

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store, DecisionServer.Options.defaults());
      try {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        java.util.List<String> documented = new java.util.ArrayList<>();
        doc.get("paths").properties().forEach(p -> p.getValue().fieldNames().forEachRemaining(m -> {
          if (!m.equals("parameters")) {
            documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
          }
        }));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routes());
      } finally {
        server.close();
      }
    }
  }
}

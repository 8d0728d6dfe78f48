package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients edit (GET, change, PUT with If-Match) and activate the same policy at once, over HTTP:
 * no update is lost, versions run 1..n without gaps, and exactly one version is active, the one the
 * last activation event names.
 */
class ConcurrentEditorsTest {

  @TempDir Path dir;

  @Test
  void noLostUpdateStrictlyIncreasingVersionsOneActive() throws Exception {
    String yaml = Files.readString(Path.of("../examples/policies/card-fraud.yaml"));
    HttpClient http = HttpClient.newHttpClient();
    try (Store store = JdbcStore.sqlite(dir)) {
      DecisionServer server = DecisionServer.start(store, DecisionServer.Options.defaults());
      String base = "http://127.0.0.1:" + server.port() + "/v1/policies/card-fraud";
      AtomicInteger conflicts = new AtomicInteger();
      AtomicInteger activations = new AtomicInteger();
      int clients = 8;
      int writesEach = 8;
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          int client = c;
          done.add(pool.submit(() -> {
            int written = 0;
            while (written < writesEach) {
              HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                  HttpResponse.BodyHandlers.ofString());
              String etag = read.statusCode() == 404 ? "\"0\""
                  : read.headers().firstValue("ETag").orElseThrow();
              String edited = yaml.replace("minScore: 0.97", "minScore: 0.9" + client + written);
              HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base))
                  .header("Content-Type", "application/yaml").header("If-Match", etag)
                  .PUT(HttpRequest.BodyPublishers.ofString(edited)).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (put.statusCode() == 201) {
                written++;
                long version = Long.parseLong(put.headers().firstValue("ETag").orElseThrow()
                    .replace("\"", ""));
                long pick = 1 + ThreadLocalRandom.current().nextLong(version);
                HttpResponse<String> act = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/activate")).POST(HttpRequest.BodyPublishers.ofString("{\"version\": " + pick
                    + ", \"reason\": \"client " + client + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
                // The version picked may be the active one already: refused, nothing recorded.
                assertThat(act.statusCode()).as(act.body()).isIn(200, 409);
                if (act.statusCode() == 200) {
                  activations.incrementAndGet();
                } else {
                  assertThat(act.body()).contains("/problems/already-active");
                }
              } else {
                assertThat(put.statusCode()).as(put.body()).isEqualTo(412);
                conflicts.incrementAndGet();
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
        server.close();
      }
      List<PolicyVersion> versions = store.versions("card-fraud");
      assertThat(versions).hasSize(clients * writesEach);
      for (int i = 0; i < versions.size(); i++) {
        assertThat(versions.get(i).version()).isEqualTo(i + 1);
      }
      List<PolicyEvent> events = store.events("card-fraud");
      assertThat(events).hasSize(activations.get());
      for (int i = 1; i < events.size(); i++) {
        assertThat(events.get(i).previous()).hasValue(events.get(i - 1).version());
      }
      assertThat(store.activeVersion("card-fraud")).hasValue(events.get(events.size() - 1).version());
      System.out.printf("concurrent editors: %d versions, %d activations, %d conflicts (412)%n",
          versions.size(), events.size(), conflicts.get());
    }
  }
}

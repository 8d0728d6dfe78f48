package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.StoreProxy;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server drains it: requests already taken are decided, logged and answered; requests
 * that arrive after the stop began are refused; then the audit log is committed.
 */
class GracefulShutdownTest {

  @TempDir Path dir;

  private static final String DECIDE = CardFraud.DECIDE;

  @Test
  void closeAnswersAndLogsEveryRequestInFlightAndRefusesNewOnes() throws Exception {
    try (Store real = CardFraud.activeIn(JdbcStore.sqlite(dir))) {
      // A store whose commits wait for the test: requests stay in flight as long as it likes.
      StoreProxy.HeldCommits held = new StoreProxy.HeldCommits(real);
      DecisionServer server = DecisionServer.start(held.store(), DecisionServer.Options.defaults());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI decide = URI.create("http://127.0.0.1:" + server.port() + "/v1/decide");
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        inFlight.add(http.sendAsync(HttpRequest.newBuilder(decide)
            .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      awaitTrue(() -> held.commits() == 1 && held.records() + server.auditWaiting() == 16,
          "all 16 requests taken by the server, the first commit held");

      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      awaitTrue(server::stopping, "the stop to begin");
      // A request after the stop began: refused with 503, or its connection is never served (the
      // acceptor has stopped) and is closed when the stop ends. Sent without waiting for it, since
      // an unserved connection only ends with the stop.
      CompletableFuture<Integer> late = http.sendAsync(HttpRequest.newBuilder(decide)
              .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(),
              HttpResponse.BodyHandlers.ofString())
          .handle((r, error) -> error != null ? -1 : r.statusCode());
      Thread.sleep(200);
      assertThat(closing).as("close waits for the requests in flight").isNotDone();
      held.release();
      closing.get(30, TimeUnit.SECONDS);
      int refusedAfterStop = late.get(30, TimeUnit.SECONDS);

      ObjectMapper json = new ObjectMapper();
      int answered = 0;
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = json.readTree(r.body()).get("id").asText();
        assertThat(real.decision(id)).as("decision %s is in the audit log", id).isPresent();
        answered++;
      }
      assertThat(answered).isEqualTo(16);
      assertThat(refusedAfterStop).as("a request after the stop began").isIn(-1, 503);
      assertThat(real.decisionCount()).isEqualTo(16);
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}

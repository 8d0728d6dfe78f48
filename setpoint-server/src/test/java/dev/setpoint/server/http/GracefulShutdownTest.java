package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server drains it: requests already taken are decided, logged and answered; requests
 * that arrive after the stop began are refused; then the audit log is committed.
 */
class GracefulShutdownTest {

  @TempDir Path dir;

  private static final String DECIDE = "{\"policy\": \"card-fraud\", \"score\": 0.9, "
      + "\"attributes\": {\"jurisdiction\": \"EU\", \"tier\": \"premium\", \"amount\": 120}}";

  @Test
  void closeAnswersAndLogsEveryRequestInFlightAndRefusesNewOnes() throws Exception {
    try (Store real = JdbcStore.sqlite(dir)) {
      Validation.Valid policy = (Validation.Valid) PolicyDocuments.parse(
          Files.readString(Path.of("../examples/policies/card-fraud.yaml")),
          PolicyDocuments.Format.YAML, "card-fraud.yaml");
      real.putPolicy("card-fraud", PolicyDocuments.write(policy.policy(),
          PolicyDocuments.Format.JSON), policy.sha256(), "test", Optional.empty(),
          OptionalLong.empty());
      real.activate("card-fraud", 1, PolicyEvent.Kind.ACTIVATE, "test", "launch");
      // A store whose commits wait for the test: requests stay in flight as long as it likes.
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger heldCommits = new AtomicInteger();
      AtomicInteger heldRecords = new AtomicInteger();
      Store held = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(),
          new Class<?>[] {Store.class}, (proxy, method, args) -> {
            if (method.getName().equals("appendGroups")) {
              heldCommits.incrementAndGet();
              for (Object g : (List<?>) args[0]) {
                heldRecords.addAndGet(((dev.setpoint.server.store.DecisionGroup) g).size());
              }
              release.await();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      DecisionServer server = DecisionServer.start(held, DecisionServer.Options.defaults());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI decide = URI.create("http://127.0.0.1:" + server.port() + "/v1/decide");
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        inFlight.add(http.sendAsync(HttpRequest.newBuilder(decide)
            .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      awaitTrue(() -> heldCommits.get() == 1 && heldRecords.get() + server.auditWaiting() == 16,
          "all 16 requests taken by the server, the first commit held");

      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      awaitTrue(server::stopping, "the stop to begin");
      int refusedAfterStop;
      try {
        HttpResponse<String> late = http.send(HttpRequest.newBuilder(decide)
            .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(),
            HttpResponse.BodyHandlers.ofString());
        refusedAfterStop = late.statusCode();
      } catch (java.io.IOException refused) {
        refusedAfterStop = -1;
      }
      assertThat(closing).as("close waits for the requests in flight").isNotDone();
      release.countDown();
      closing.get(30, TimeUnit.SECONDS);

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

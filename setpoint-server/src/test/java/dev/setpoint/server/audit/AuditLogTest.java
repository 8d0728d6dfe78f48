package dev.setpoint.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.server.store.DecisionGroup;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir Path dir;

  static DecisionRecord record(String id) {
    return new DecisionRecord(id, Instant.now(), "fraud", 1, "default", 0, "review",
        Optional.empty(), OptionalDouble.of(0.5), 0.7, "default", List.of(), "{}");
  }

  @Test
  void concurrentAppendsShareCommitsAndAllAreDurableWhenAcknowledged() throws Exception {
    try (Store store = JdbcStore.sqlite(dir)) {
      AuditLog log = new AuditLog(store, 10_000, 1_000);
      int threads = 16;
      int each = 300;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              String id = UUID.randomUUID().toString();
              log.append(DecisionGroup.of(List.of(record(id)))).join();
              acknowledged.add(id);
              // Acknowledged means committed: readable now, from another connection.
              assertThat(store.decision(id)).isPresent();
            }
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
        log.close();
      }
      assertThat(acknowledged).hasSize(threads * each);
      assertThat(store.decisionCount()).isEqualTo(threads * each);
      assertThat(log.records()).isEqualTo(threads * each);
      assertThat(log.commits()).as("group commit: fewer commits than appends")
          .isLessThan(threads * each);
    }
  }

  @Test
  void closeCommitsEverythingAcceptedThenRefuses() {
    try (Store store = JdbcStore.sqlite(dir)) {
      AuditLog log = new AuditLog(store, 100_000, 500);
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        futures.add(log.append(DecisionGroup.of(List.of(record("id-" + i)))));
      }
      log.close();
      assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
      assertThat(store.decisionCount()).isEqualTo(5_000);
      assertThatThrownBy(() -> log.append(DecisionGroup.of(List.of(record("late")))))
          .isInstanceOf(AuditLog.SaturatedException.class).hasMessageContaining("closed");
    }
  }

  @Test
  void aFailedCommitFailsItsAppendsInsteadOfAcknowledgingThem() {
    try (Store store = JdbcStore.sqlite(dir)) {
      AuditLog log = new AuditLog(store, 100, 10);
      log.append(DecisionGroup.of(List.of(record("dup")))).join();
      CompletableFuture<Void> again = log.append(DecisionGroup.of(List.of(record("dup"))));
      assertThat(again).failsWithin(java.time.Duration.ofSeconds(10));
      log.close();
    }
  }

  /** Waits up to 5 s (real time: the writer polls every 100 ms) for the health to pass. */
  private static AuditLog.Health await(AuditLog log,
      java.util.function.Predicate<AuditLog.Health> until) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    AuditLog.Health h = log.health();
    while (!until.test(h) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      h = log.health();
    }
    return h;
  }

  @Test
  void healthFollowsTheLastWriteAndAWriteStuckLongerThanTheCommitTimeout() throws Exception {
    dev.setpoint.server.TestClock clock = new dev.setpoint.server.TestClock();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean blockCommits = new java.util.concurrent.atomic
        .AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean refuseProbes = new java.util.concurrent.atomic
        .AtomicBoolean();
    try (Store real = JdbcStore.sqlite(dir)) {
      Store store = dev.setpoint.server.StoreProxy.around(real, (method, args) -> {
        if (method.equals("appendGroups") && blockCommits.get()) {
          entered.countDown();
          release.await();
        }
        if (method.equals("probeWrite") && refuseProbes.get()) {
          throw new dev.setpoint.server.store.StoreException("store write failed: refused", null);
        }
      });
      AuditLog log = new AuditLog(store, 100, 10, java.time.Duration.ofSeconds(5),
          java.time.Duration.ofSeconds(5), new dev.setpoint.server.errors.ErrorLog(false), clock);
      try {
        assertThat(log.health()).as("probed when it started").isInstanceOf(
            AuditLog.Health.Ready.class);
        blockCommits.set(true);
        CompletableFuture<Void> held = log.append(DecisionGroup.of(List.of(record(
            UUID.randomUUID().toString()))));
        assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        clock.advance(java.time.Duration.ofSeconds(6));
        AuditLog.Health stuck = await(log, h -> h instanceof AuditLog.Health.NotReady);
        assertThat(stuck).isInstanceOfSatisfying(AuditLog.Health.NotReady.class, n ->
            assertThat(n.reason()).contains("has been running for 6000 ms, longer than the "
                + "commit timeout of 5000 ms"));
        release.countDown();
        held.get();
        assertThat(await(log, h -> h instanceof AuditLog.Health.Ready))
            .isInstanceOf(AuditLog.Health.Ready.class);
        // Idle: the next probe, a probe interval later, finds the store refusing.
        refuseProbes.set(true);
        clock.advance(java.time.Duration.ofSeconds(5));
        AuditLog.Health refused = await(log, h -> h instanceof AuditLog.Health.NotReady);
        assertThat(refused).isInstanceOfSatisfying(AuditLog.Health.NotReady.class, n -> {
          assertThat(n.reason()).startsWith("the store refused the last write");
          assertThat(n.errorId()).hasValueSatisfying(id -> assertThat(id).matches("e-[0-9a-f]{12}"));
        });
        refuseProbes.set(false);
        clock.advance(java.time.Duration.ofSeconds(5));
        assertThat(await(log, h -> h instanceof AuditLog.Health.Ready))
            .isInstanceOf(AuditLog.Health.Ready.class);
      } finally {
        release.countDown();
        log.close();
      }
    }
  }
}

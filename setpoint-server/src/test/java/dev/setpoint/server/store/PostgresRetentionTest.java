package dev.setpoint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.server.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on the real PostgreSQL server ({@link TestPostgres}): whole days are dropped while
 * decisions are written, nothing inside the window is lost, and a run killed midway is completed by
 * the next.
 */
class PostgresRetentionTest {

  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(5);
  /** The first day kept: days that ended at or before NOW - RETENTION (12-05 12:00) go. */
  private static final LocalDate FIRST_KEPT = LocalDate.parse("2026-12-05");

  private String database;
  private JdbcStore store;

  @BeforeEach
  void open() throws Exception {
    database = TestPostgres.create("retention");
    store = JdbcStore.postgresql(TestPostgres.url(database), Duration.ofSeconds(5));
  }

  @AfterEach
  void drop() throws Exception {
    store.close();
    TestPostgres.drop(database);
  }

  /** Per day from {@code first} to {@code last}: decisions (one a batch of 3), every other labelled. */
  private Map<String, LocalDate> fill(LocalDate first, LocalDate last) {
    Map<String, LocalDate> made = new java.util.LinkedHashMap<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      List<DecisionRecord> records = new ArrayList<>();
      // The day's first and last millisecond, and some between.
      for (long at : new long[] {start, start + 3_600_000, start + 86_399_999}) {
        records.add(StoreContractTest.decision(Uuid7.next(at), at));
      }
      String batch = Uuid7.next(start + 7_200_000);
      for (int i = 0; i < 3; i++) {
        records.add(StoreContractTest.inBatch(batch, i, start + 7_200_000));
      }
      store.appendDecisions(records);
      LocalDate day = d;
      List<Label> labels = new ArrayList<>();
      for (int i = 0; i < records.size(); i += 2) {
        labels.add(new Label(records.get(i).id(), true, NOW, "ops"));
      }
      assertThat(store.putLabels(labels)).containsOnly(Label.Outcome.STORED);
      records.forEach(r -> made.put(r.id(), day));
    }
    return made;
  }

  private static Instant noonOf(LocalDate d) {
    return d.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  @Test
  void retentionWhileAWriterAppendsLosesNothingInsideTheWindow() throws Exception {
    Map<String, LocalDate> before = fill(LocalDate.parse("2026-11-28"), NOW.atOffset(ZoneOffset.UTC)
        .toLocalDate());
    Map<String, Long> written = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (JdbcStore other = JdbcStore.postgresql(TestPostgres.url(database), Duration.ofSeconds(5))) {
      Future<?> writer = pool.submit(() -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long windowStart = FIRST_KEPT.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        while (!stop.get()) {
          // Anywhere in the window, its first millisecond included.
          long at = written.isEmpty() ? windowStart
              : rnd.nextLong(windowStart, NOW.toEpochMilli() + 1);
          String id = Uuid7.next(at);
          store.appendDecisions(List.of(StoreContractTest.decision(id, at)));
          written.put(id, at);
          assertThat(store.putLabels(List.of(new Label(id, false, NOW, "ops"))))
              .containsExactly(Label.Outcome.STORED);
        }
        return null;
      });
      waitFor(() -> written.size() >= 20);
      int atStart = written.size();
      // Two instances at once, each twice: the first runs drop, the others find nothing to do.
      Future<List<LocalDate>> second = pool.submit(() -> other.maintainAuditLog(NOW,
          Optional.of(RETENTION)));
      List<LocalDate> dropped = new ArrayList<>(store.maintainAuditLog(NOW, Optional.of(RETENTION)));
      dropped.addAll(second.get(60, TimeUnit.SECONDS));
      dropped.addAll(store.maintainAuditLog(NOW, Optional.of(RETENTION)));
      waitFor(() -> written.size() >= atStart + 20);
      stop.set(true);
      writer.get(60, TimeUnit.SECONDS);
      assertThat(dropped).containsExactlyInAnyOrder(LocalDate.parse("2026-11-28"),
          LocalDate.parse("2026-11-29"), LocalDate.parse("2026-11-30"),
          LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"),
          LocalDate.parse("2026-12-03"), LocalDate.parse("2026-12-04"));
    } finally {
      pool.shutdownNow();
    }
    for (String id : written.keySet()) {
      assertThat(store.decision(id)).as(id).isPresent();
      assertThat(store.label(id).map(Label::positive)).as(id).contains(false);
    }
    int kept = 0;
    for (Map.Entry<String, LocalDate> e : before.entrySet()) {
      boolean inWindow = !e.getValue().isBefore(FIRST_KEPT);
      assertThat(store.decision(e.getKey()).isPresent()).as(e.getKey()).isEqualTo(inWindow);
      kept += inWindow ? 1 : 0;
    }
    String gone = before.keySet().iterator().next(); // 11-28, labelled
    assertThat(store.label(gone)).isEmpty();
    assertThat(store.putLabels(List.of(new Label(gone, true, NOW, "ops"))))
        .containsExactly(Label.Outcome.UNKNOWN_DECISION);
    assertThat(store.decisionCount()).isEqualTo(kept + written.size());
    List<Store.LabelledDecision> scanned = new ArrayList<>();
    store.scanDecisions("fraud", Instant.EPOCH, NOW.plus(Duration.ofDays(1)), scanned::add);
    assertThat(scanned).hasSize(kept + written.size());
    assertThat(new AuditPartitions(pool(), Duration.ofSeconds(5)).days().first())
        .isEqualTo(FIRST_KEPT);
  }

  @Test
  void aRunKilledMidwayIsCompletedByTheNextAndDropsADayWhole() throws Exception {
    Map<String, LocalDate> made = fill(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-06"));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection blocker = TestPostgres.connect(database);
        Statement s = blocker.createStatement()) {
      // Holds 12-03's decisions, so that its drop waits after its labels' drop, in its transaction.
      blocker.setAutoCommit(false);
      s.execute("LOCK TABLE decision_group_p20261203 IN ACCESS SHARE MODE");
      // Its locks waited for up to a tenth of this: a minute.
      JdbcStore slow = JdbcStore.postgresql(TestPostgres.url(database), Duration.ofMinutes(10));
      Future<List<LocalDate>> run = pool.submit(() -> slow.maintainAuditLog(NOW,
          Optional.of(RETENTION)));
      int pid = waitForBlockedDrop();
      s.execute("SELECT pg_terminate_backend(" + pid + ")");
      assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(
          StoreException.class);
      slow.close();
      blocker.rollback();
    } finally {
      pool.shutdownNow();
    }
    // 12-01 and 12-02 went; 12-03 is whole, its labels too (their drop was rolled back).
    for (Map.Entry<String, LocalDate> e : made.entrySet()) {
      boolean kept = !e.getValue().isBefore(LocalDate.parse("2026-12-03"));
      assertThat(store.decision(e.getKey()).isPresent()).as(e.getKey()).isEqualTo(kept);
    }
    String firstOf1203 = made.entrySet().stream()
        .filter(e -> e.getValue().equals(LocalDate.parse("2026-12-03"))).findFirst().orElseThrow()
        .getKey();
    assertThat(store.label(firstOf1203)).isPresent();

    assertThat(store.maintainAuditLog(NOW, Optional.of(RETENTION)))
        .containsExactly(LocalDate.parse("2026-12-03"), LocalDate.parse("2026-12-04"));
    for (Map.Entry<String, LocalDate> e : made.entrySet()) {
      assertThat(store.decision(e.getKey()).isPresent()).as(e.getKey())
          .isEqualTo(!e.getValue().isBefore(FIRST_KEPT));
    }
    assertThat(store.maintainAuditLog(NOW, Optional.of(RETENTION))).isEmpty();
  }

  @Test
  void aWriteForADayWithoutPartitionsMakesThemAndPartitionsAreMadeAhead() {
    AuditPartitions partitions = new AuditPartitions(pool(), Duration.ofSeconds(5));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(partitions.days()).contains(today, today.plusDays(AuditPartitions.DAYS_AHEAD));
    long at = Instant.parse("2031-03-04T05:06:07Z").toEpochMilli();
    String id = Uuid7.next(at);
    store.appendDecisions(List.of(StoreContractTest.decision(id, at)));
    assertThat(store.decision(id)).isPresent();
    assertThat(partitions.days()).contains(LocalDate.parse("2031-03-04"));
    assertThat(store.maintainAuditLog(noonOf(LocalDate.parse("2031-03-01")), Optional.empty()))
        .isEmpty();
    assertThat(partitions.days()).contains(LocalDate.parse("2031-03-08"));
  }

  private javax.sql.DataSource pool() {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(TestPostgres.url(database));
    return ds;
  }

  /** The process id of the backend whose DROP TABLE waits for a lock. */
  private int waitForBlockedDrop() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = TestPostgres.connect(database);
        PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE "
            + "datname = current_database() AND wait_event_type = 'Lock' "
            + "AND query LIKE 'DROP TABLE IF EXISTS decision_group_p20261203%'")) {
      while (System.nanoTime() < deadline) {
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            return r.getInt(1);
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("no DROP TABLE waited for decision_group_p20261203 within 30 s");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(10);
    }
  }
}

package dev.setpoint.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on the embedded store ({@link SqliteDays}): whole days are dropped while decisions are
 * written, nothing inside the window is lost, a process killed (SIGKILL) midway leaves every day
 * whole or gone, and the next run completes it.
 */
class SqliteRetentionTest {

  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(5);
  /** The first day kept: days that ended at or before NOW - RETENTION (12-05 12:00) go. */
  private static final LocalDate FIRST_KEPT = LocalDate.parse("2026-12-05");

  @TempDir Path dir;
  private JdbcStore store;

  @BeforeEach
  void open() {
    store = JdbcStore.sqlite(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** In a child JVM: opens the store in args[0] and runs retention for each day up to args[1]. */
  public static void main(String[] args) throws Exception {
    try (JdbcStore child = JdbcStore.sqlite(Path.of(args[0]))) {
      System.out.println("open");
      System.out.flush();
      // One run per day of "now", each dropping the oldest day left: the kill lands inside a run.
      for (LocalDate d = LocalDate.parse("2026-11-01"); !d.isAfter(LocalDate.parse(args[1]));
          d = d.plusDays(1)) {
        child.maintainAuditLog(noonOf(d), Optional.of(RETENTION));
      }
      System.out.println("done");
    }
  }

  /** Per day from {@code first} to {@code last}: decisions (one a batch of 3), every other labelled. */
  private static Map<String, LocalDate> fill(Store store, LocalDate first, LocalDate last, int extra) {
    Map<String, LocalDate> made = new LinkedHashMap<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      List<DecisionRecord> records = new ArrayList<>();
      // The day's first and last millisecond, and some between.
      for (long at : new long[] {start, start + 3_600_000, start + 86_399_999}) {
        records.add(StoreContractTest.decision(Uuid7.next(at), at));
      }
      for (int i = 0; i < extra; i++) {
        long at = start + 4_000_000 + i;
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
    Map<String, LocalDate> before = fill(store, LocalDate.parse("2026-11-28"),
        NOW.atOffset(ZoneOffset.UTC).toLocalDate(), 0);
    Map<String, Long> written = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
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
      // Two runs at once, then one more: one drops each day, the others find nothing to do.
      Future<List<LocalDate>> second = pool.submit(() -> store.maintainAuditLog(NOW,
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
    assertThat(days(dir).get(0)).isEqualTo("decision_group_d20261205");
    // The export's reader, beside the open store, reads every day that is left.
    try (JdbcStore reader = JdbcStore.sqliteReader(dir)) {
      List<Store.LabelledDecision> exported = new ArrayList<>();
      reader.scanDecisions("fraud", Instant.EPOCH, NOW.plus(Duration.ofDays(1)), exported::add);
      assertThat(exported).isEqualTo(scanned);
    }
  }

  @Test
  void decisionsWrittenBeforeTheStoreKeptDaysAreEmptiedWholeOnceTheyAllLeftTheWindow()
      throws Exception {
    Map<String, LocalDate> made = fill(store, LocalDate.parse("2026-12-01"),
        LocalDate.parse("2026-12-02"), 0);
    store.close();
    // As a store of the version before days: its rows in the undated tables.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("setpoint.db"));
        Statement s = c.createStatement()) {
      for (String day : List.of("20261201", "20261202")) {
        s.execute("INSERT INTO decision_group SELECT * FROM decision_group_d" + day);
        s.execute("INSERT INTO label SELECT * FROM label_d" + day);
        s.execute("DROP TABLE label_d" + day);
        s.execute("DROP TABLE decision_group_d" + day);
      }
    }
    store = JdbcStore.sqlite(dir);
    Map<String, LocalDate> after = fill(store, LocalDate.parse("2026-12-03"),
        LocalDate.parse("2026-12-03"), 0);
    for (String id : made.keySet()) {
      assertThat(store.decision(id)).as(id).isPresent();
    }
    String labelled = made.keySet().iterator().next();
    assertThat(store.label(labelled)).isPresent();
    List<Store.LabelledDecision> scanned = new ArrayList<>();
    store.scanDecisions("fraud", Instant.EPOCH, NOW, scanned::add);
    assertThat(scanned).hasSize(made.size() + after.size());
    // 12-01 has left the window, 12-02 not: the undated tables stay whole.
    assertThat(store.maintainAuditLog(noonOf(LocalDate.parse("2026-12-07")),
        Optional.of(RETENTION))).isEmpty();
    assertThat(store.decision(labelled)).isPresent();
    assertThat(store.maintainAuditLog(noonOf(LocalDate.parse("2026-12-08")),
        Optional.of(RETENTION))).containsExactly(LocalDate.parse("2026-12-02"));
    for (String id : made.keySet()) {
      assertThat(store.decision(id)).as(id).isEmpty();
    }
    assertThat(store.label(labelled)).isEmpty();
    assertThat(store.decisionCount()).isEqualTo(after.size());
    // Emptied, not gone: the schema is as its migrations left it, and writes go on.
    store.close();
    store = JdbcStore.sqlite(dir);
    assertThat(store.maintainAuditLog(noonOf(LocalDate.parse("2026-12-08")),
        Optional.of(RETENTION))).isEmpty();
    assertThat(store.decisionCount()).isEqualTo(after.size());
  }

  @Test
  void aProcessKilledDuringRetentionLeavesEachDayWholeOrGoneAndTheNextRunCompletesIt()
      throws Exception {
    Map<String, LocalDate> made = fill(store, LocalDate.parse("2026-10-01"),
        LocalDate.parse("2026-12-10"), 200);
    store.close();
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SqliteRetentionTest.class.getName(),
        dir.toString(), "2026-12-10"))
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("open");
      // Killed once some days are gone, not all: in the middle of the child's runs.
      waitFor(() -> days(dir).size() < 60);
      child.destroyForcibly(); // SIGKILL
      child.waitFor(60, TimeUnit.SECONDS);
    }
    List<String> left = days(dir);
    assertThat(left.size()).isBetween(7, 59);
    store = JdbcStore.sqlite(dir);
    // Each day is whole or gone: its decisions with their labels.
    for (Map.Entry<String, LocalDate> e : made.entrySet()) {
      boolean kept = left.contains("decision_group_d" + e.getValue().toString().replace("-", ""));
      assertThat(store.decision(e.getKey()).isPresent()).as(e.getKey()).isEqualTo(kept);
    }
    String firstLeft = made.entrySet().stream().filter(e -> left.contains("decision_group_d"
        + e.getValue().toString().replace("-", ""))).findFirst().orElseThrow().getKey();
    assertThat(store.label(firstLeft)).isPresent();
    store.maintainAuditLog(NOW, Optional.of(RETENTION));
    assertThat(days(dir).get(0)).isEqualTo("decision_group_d20261205");
    for (Map.Entry<String, LocalDate> e : made.entrySet()) {
      assertThat(store.decision(e.getKey()).isPresent()).as(e.getKey())
          .isEqualTo(!e.getValue().isBefore(FIRST_KEPT));
    }
    assertThat(store.maintainAuditLog(NOW, Optional.of(RETENTION))).isEmpty();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("setpoint.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo("ok");
    }
    // A new file gives the dropped days' pages back: incremental auto-vacuum, no free page left.
    assertThat(pragma(dir, "auto_vacuum")).isEqualTo(2);
    assertThat(pragma(dir, "freelist_count")).isZero();
  }

  private static long pragma(Path dir, String name) throws java.sql.SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("setpoint.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA " + name)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The day tables of decisions in the store under {@code dir}, oldest first, read beside it. */
  private static List<String> days(Path dir) {
    List<String> out = new ArrayList<>();
    if (!Files.exists(dir.resolve("setpoint.db"))) {
      return out;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("setpoint.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND "
            + "name GLOB 'decision_group_d*' ORDER BY name")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(5);
    }
  }
}

package dev.setpoint.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the embedded store's retention (not a test; {@code setpoint-bench/sqlite-retention.sh}
 * runs it): day after simulated day, writes a day of single decisions, then runs retention while a
 * second thread appends one decision at a time, and prints how long retention took, the slowest of
 * those appends, and the file's size after a checkpoint: how the file settles over fill/drop cycles.
 *
 * <p>Arguments: data directory (a new one), decisions per day, days, days kept, durability
 * ({@code POWER_LOSS} or {@code PROCESS_CRASH}).
 */
final class RetentionCycles {

  private RetentionCycles() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int perDay = Integer.parseInt(args[1]);
    int days = Integer.parseInt(args[2]);
    Duration kept = Duration.ofDays(Long.parseLong(args[3]));
    JdbcStore.Durability durability = JdbcStore.Durability.valueOf(args[4]);
    LocalDate first = LocalDate.parse("2026-01-01");
    System.out.println("day,dropped,retention_ms,appends_beside,slowest_append_ms,file_bytes,"
        + "decisions");
    try (JdbcStore store = JdbcStore.sqlite(dir, durability)) {
      for (int d = 0; d < days; d++) {
        long start = first.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (int i = 0; i < perDay; i += 500) {
          List<DecisionRecord> records = new ArrayList<>();
          for (int j = i; j < Math.min(perDay, i + 500); j++) {
            records.add(record(start + j * (86_400_000L / perDay)));
          }
          store.appendDecisions(records);
        }
        long end = start + 86_400_000L;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong slowest = new AtomicLong();
        AtomicLong appends = new AtomicLong();
        Thread writer = new Thread(() -> {
          while (!stop.get()) {
            long t = System.nanoTime();
            store.appendDecisions(List.of(record(end)));
            slowest.accumulateAndGet(System.nanoTime() - t, Math::max);
            appends.incrementAndGet();
          }
        });
        writer.start();
        long t0 = System.nanoTime();
        List<LocalDate> dropped = store.maintainAuditLog(Instant.ofEpochMilli(end),
            Optional.of(kept));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        stop.set(true);
        writer.join();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("setpoint.db"));
            Statement s = c.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        System.out.println(first.plusDays(d) + "," + (dropped.isEmpty() ? "-" : dropped.get(0))
            + "," + ms + "," + appends.get() + "," + slowest.get() / 1_000_000 + ","
            + Files.size(dir.resolve("setpoint.db")) + "," + store.decisionCount());
      }
    }
  }

  private static DecisionRecord record(long at) {
    return new DecisionRecord(Uuid7.next(at), Instant.ofEpochMilli(at), "card-fraud", 1,
        "segment", 2, "review", Optional.of("fraud-ops"), OptionalDouble.of(0.8),
        ThreadLocalRandom.current().nextDouble(), "high", List.of(),
        "{\"jurisdiction\":\"EU\",\"tier\":\"premium\",\"amount\":"
            + ThreadLocalRandom.current().nextInt(10_000) + "}");
  }
}

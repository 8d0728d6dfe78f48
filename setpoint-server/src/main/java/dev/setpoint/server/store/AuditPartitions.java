package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * PostgreSQL's day partitions of the audit log (migration V4): {@code decision_group_pYYYYMMDD} and
 * {@code label_pYYYYMMDD}, each covering one UTC day of decision times, always created and dropped
 * together. Every change runs in its own short transaction under one advisory lock and is idempotent
 * ({@code IF NOT EXISTS}, {@code IF EXISTS}), so several instances may run it at once and a run
 * killed at any point is completed by the next one.
 */
final class AuditPartitions {

  /** How many days after today have their partitions made ahead. */
  static final int DAYS_AHEAD = 7;

  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('setpoint.audit"
      + ".partitions'))";

  private final DataSource pool;
  private final Duration lockTimeout;

  /**
   * @param lockTimeout how long a change waits for its locks: creating or dropping a partition
   *     locks the parent table for a moment, and a write arriving meanwhile waits behind it, so this
   *     bounds that wait too
   */
  AuditPartitions(DataSource pool, Duration lockTimeout) {
    this.pool = pool;
    this.lockTimeout = lockTimeout;
  }

  /** The UTC day of {@code epochMillis}. */
  static LocalDate day(long epochMillis) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MS));
  }

  /** Creates the partitions of today (by {@code now}), yesterday and the days ahead that lack them. */
  List<LocalDate> createAhead(Instant now) {
    LocalDate today = day(now.toEpochMilli());
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(DAYS_AHEAD)); d = d.plusDays(1)) {
      days.add(d);
    }
    return create(days);
  }

  /**
   * Creates the partitions of {@code days} that are missing, in one transaction.
   *
   * @return the days whose partitions this call created
   * @throws StoreException when a lock is not had within the lock timeout, or the database fails
   */
  List<LocalDate> create(Collection<LocalDate> days) {
    return inTransaction(c -> {
      SortedSet<LocalDate> existing = days(c);
      List<LocalDate> created = new ArrayList<>();
      try (Statement s = c.createStatement()) {
        if (!existing.containsAll(days)) {
          lockParents(s);
        }
        for (LocalDate d : new TreeSet<>(days)) {
          if (existing.contains(d)) {
            continue;
          }
          long from = d.toEpochDay() * DAY_MS;
          String bounds = " FOR VALUES FROM (" + from + ") TO (" + (from + DAY_MS) + ")";
          s.execute("CREATE TABLE IF NOT EXISTS decision_group_p" + name(d)
              + " PARTITION OF decision_group" + bounds);
          s.execute("CREATE TABLE IF NOT EXISTS label_p" + name(d) + " PARTITION OF label" + bounds);
          created.add(d);
        }
      }
      return created;
    });
  }

  /**
   * Drops the days that ended at or before {@code cutoff}, one transaction per day, oldest first,
   * each day's labels first.
   *
   * @return the days this call dropped (not those another instance dropped meanwhile)
   */
  List<LocalDate> dropBefore(Instant cutoff) {
    List<LocalDate> old = new ArrayList<>();
    for (LocalDate d : inTransaction(AuditPartitions::days)) {
      if ((d.toEpochDay() + 1) * DAY_MS <= cutoff.toEpochMilli()) {
        old.add(d);
      }
    }
    List<LocalDate> dropped = new ArrayList<>();
    for (LocalDate d : old) {
      boolean mine = inTransaction(c -> {
        if (!days(c).contains(d)) {
          return false; // another instance dropped it meanwhile
        }
        try (Statement s = c.createStatement()) {
          lockParents(s);
          s.execute("DROP TABLE IF EXISTS label_p" + name(d));
          s.execute("DROP TABLE IF EXISTS decision_group_p" + name(d));
        }
        return true;
      });
      if (mine) {
        dropped.add(d);
      }
    }
    return dropped;
  }

  /**
   * Locks both parent tables, decisions first, as writers and readers take them (a label is written
   * after its decision is read; a scan reads decisions, then labels): creating or dropping a
   * partition locks its parent, and taking the two in the other order would deadlock with them.
   */
  private static void lockParents(Statement s) throws SQLException {
    s.execute("LOCK TABLE ONLY decision_group IN ACCESS EXCLUSIVE MODE");
    s.execute("LOCK TABLE ONLY label IN ACCESS EXCLUSIVE MODE");
  }

  /** The days that have a decision or label partition, oldest first. */
  SortedSet<LocalDate> days() {
    return inTransaction(AuditPartitions::days);
  }

  private static SortedSet<LocalDate> days(Connection c) throws SQLException {
    SortedSet<LocalDate> out = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT p.relname FROM pg_inherits i "
        + "JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent IN "
        + "('decision_group'::regclass, 'label'::regclass)");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String table = r.getString(1);
        out.add(LocalDate.parse(table.substring(table.lastIndexOf("_p") + 2), NAME));
      }
    }
    return out;
  }

  private static String name(LocalDate day) {
    if (day.getYear() < 1 || day.getYear() > 9999) {
      throw new IllegalArgumentException("decision times must fall in the years 1 to 9999, one fell "
          + "on " + day);
    }
    return day.format(NAME);
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Attempts at a change whose locks were not had within the lock timeout ({@code 55P03}). */
  private static final int ATTEMPTS = 5;

  /**
   * Runs {@code work} in a transaction under the maintenance lock. A change that cannot have its
   * locks within the lock timeout (writers hold the tables) is tried again, up to {@value #ATTEMPTS}
   * times, a little later each time: every change is idempotent, and each attempt holds writers up
   * for at most the lock timeout.
   */
  private <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (StoreException e) {
        if (attempt >= ATTEMPTS || !(e.getCause() instanceof SQLException sql)
            || !"55P03".equals(sql.getSQLState())) {
          throw e;
        }
      }
      try {
        Thread.sleep(100L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("audit partition maintenance interrupted", e);
      }
    }
  }

  private <T> T once(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
          s.execute(LOCK);
        }
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("audit partition maintenance failed: " + SqlErrors.reason(e), e);
    }
  }
}

package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The embedded store's audit log in UTC days: the decisions made on day D in {@code
 * decision_group_dYYYYMMDD}, their labels in {@code label_dYYYYMMDD}, both created in the write
 * transaction of the day's first decision and dropped together in one transaction, so retention never
 * deletes rows. The undated {@code decision_group} and {@code label} (migrations V2 to V4) hold what
 * was written before the store kept days; they are read with every day, written no more, and emptied
 * whole (dropped and made again) once their newest decision has left the retention window. One file
 * holds every part: a group, its request keys and its label commit in one transaction (SQLite commits
 * across attached files are not atomic in WAL mode). Reads go through the parts in Java, not a view
 * (a compound select takes at most 500 terms). On PostgreSQL every method answers the one partitioned
 * part. Each method runs in the caller's transaction.
 */
final class SqliteDays {

  private static final long DAY_MS = 86_400_000L;

  private SqliteDays() {}

  /** Whether {@code c} is the embedded store's, which keeps days as tables. */
  static boolean applies(Connection c) throws SQLException {
    return "SQLite".equals(c.getMetaData().getDatabaseProductName());
  }

  /** The UTC day of {@code epochMillis}. */
  static LocalDate day(long epochMillis) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MS));
  }

  /** Every part: the undated one, then each day's, oldest first. */
  static List<AuditPart> all(Connection c) throws SQLException {
    List<AuditPart> out = new ArrayList<>();
    out.add(AuditPart.UNDATED);
    if (!applies(c)) {
      return out;
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND "
            + "name GLOB 'decision_group_d[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' ORDER BY name")) {
      while (r.next()) {
        out.add(AuditPart.of(AuditPart.dayOf(r.getString(1))));
      }
    }
    return out;
  }

  /** The parts that may hold decisions made in {@code [fromMs, toMs]}: the undated one, and days. */
  static List<AuditPart> between(Connection c, long fromMs, long toMs) throws SQLException {
    LocalDate first = day(fromMs);
    LocalDate last = day(toMs);
    List<AuditPart> out = new ArrayList<>();
    for (AuditPart p : all(c)) {
      if (p.day().isEmpty() || (!p.day().get().isBefore(first) && !p.day().get().isAfter(last))) {
        out.add(p);
      }
    }
    return out;
  }

  /** The part a decision made at {@code atMs} is written to, its tables created if missing. */
  static AuditPart forWrite(Connection c, long atMs) throws SQLException {
    if (!applies(c)) {
      return AuditPart.UNDATED;
    }
    AuditPart p = AuditPart.of(day(atMs));
    try (Statement s = c.createStatement()) {
      // As decision_group and label (migrations V2, V4), each label referring to its own day's group.
      s.execute("CREATE TABLE IF NOT EXISTS " + p.groups() + " (id TEXT PRIMARY KEY, "
          + "at INTEGER NOT NULL, policy TEXT NOT NULL, version INTEGER NOT NULL, "
          + "size INTEGER NOT NULL CHECK (size >= 1), indexed INTEGER NOT NULL CHECK (indexed IN "
          + "(0, 1)), records TEXT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS " + p.groups() + "_policy_at ON " + p.groups()
          + " (policy, at)");
      s.execute("CREATE TABLE IF NOT EXISTS " + p.labels() + " (decision_id TEXT PRIMARY KEY, "
          + "group_id TEXT NOT NULL REFERENCES " + p.groups() + " (id), group_at INTEGER NOT NULL, "
          + "positive INTEGER NOT NULL CHECK (positive IN (0, 1)), at INTEGER NOT NULL, "
          + "by_whom TEXT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS " + p.labels() + "_group ON " + p.labels()
          + " (group_id)");
    }
    return p;
  }

  /**
   * Drops a day's two tables, the labels first: a table that no foreign key refers to is dropped
   * without the row-by-row delete SQLite runs before dropping a referenced one.
   *
   * @return whether the day had tables
   */
  static boolean drop(Connection c, LocalDate day) throws SQLException {
    AuditPart p = AuditPart.of(day);
    if (!all(c).contains(p)) {
      return false;
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + p.labels());
      s.execute("DROP TABLE IF EXISTS " + p.groups());
    }
    return true;
  }

  /**
   * Empties the undated tables whole once the UTC day of their newest decision ended at or before
   * {@code cutoffMs}: they are dropped and made again from their own definitions, so the schema stays
   * as its migrations left it.
   *
   * @return the day of their newest decision, when they were emptied
   */
  static Optional<LocalDate> emptyUndatedBefore(Connection c, long cutoffMs) throws SQLException {
    // The newest time per policy, by the (policy, at) index: a probe per policy, not a scan.
    Optional<Long> newest;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("WITH RECURSIVE p(name) AS (SELECT min(policy) FROM "
            + "decision_group UNION ALL SELECT (SELECT min(policy) FROM decision_group WHERE "
            + "policy > p.name) FROM p WHERE p.name IS NOT NULL) SELECT max((SELECT max(at) FROM "
            + "decision_group WHERE policy = p.name)) FROM p WHERE p.name IS NOT NULL")) {
      r.next();
      long at = r.getLong(1);
      newest = r.wasNull() ? Optional.empty() : Optional.of(at);
    }
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    LocalDate day = day(newest.get());
    if ((day.toEpochDay() + 1) * DAY_MS > cutoffMs) {
      return Optional.empty();
    }
    List<String[]> definitions = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT tbl_name, type, sql FROM sqlite_master "
        + "WHERE tbl_name IN ('decision_group', 'label') AND sql IS NOT NULL");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        definitions.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
      }
    }
    // The groups' table, its index, the labels' table (which refers to it), its index.
    definitions.sort(Comparator.<String[], Boolean>comparing(d -> !"decision_group".equals(d[0]))
        .thenComparing(d -> !"table".equals(d[1])));
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE label");
      s.execute("DROP TABLE decision_group");
      for (String[] d : definitions) {
        s.execute(d[2]);
      }
    }
    return Optional.of(day);
  }
}

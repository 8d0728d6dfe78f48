package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code decision_group} table: one row per request. On PostgreSQL it is partitioned by day of
 * {@code at} (migration V4), so reads name the time when they know it; the embedded store keeps a
 * table per day ({@link SqliteDays}). Each method runs in the caller's transaction.
 */
final class DecisionTable {

  private static final String COLUMNS = "id, at, policy, version, indexed, records, size";

  private DecisionTable() {}

  /** Inserts the groups, but those in {@code refused}, each into its day's part. */
  static void insert(Connection c, List<DecisionGroup> groups, Set<String> refused)
      throws SQLException {
    Map<LocalDate, AuditPart> parts = new HashMap<>();
    Map<AuditPart, List<DecisionGroup>> byPart = new LinkedHashMap<>();
    for (DecisionGroup g : groups) {
      if (refused.contains(g.id())) {
        continue;
      }
      LocalDate day = SqliteDays.day(g.at().toEpochMilli());
      AuditPart part = parts.get(day);
      if (part == null) {
        part = SqliteDays.forWrite(c, g.at().toEpochMilli());
        parts.put(day, part);
      }
      byPart.computeIfAbsent(part, p -> new ArrayList<>()).add(g);
    }
    for (Map.Entry<AuditPart, List<DecisionGroup>> e : byPart.entrySet()) {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO " + e.getKey().groups()
          + " (id, at, policy, version, size, indexed, records) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (DecisionGroup g : e.getValue()) {
          s.setString(1, g.id());
          s.setLong(2, g.at().toEpochMilli());
          s.setString(3, g.policy());
          s.setLong(4, g.version());
          s.setInt(5, g.size());
          s.setBoolean(6, g.indexed());
          s.setString(7, g.records());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
  }

  /** Reads a row that a query selected. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  /** How far a group's time may be from the time its id names ({@link #checkTimes}). */
  static final long SKEW_MS = Duration.ofDays(1).toMillis();

  /**
   * Refuses a group whose id is a UUIDv7 naming a time more than {@link #SKEW_MS} from its
   * decisions' time: lookups by such an id read only the days around the time it names, so that an
   * unknown id costs a few index probes, not one per day of the log.
   *
   * @throws IllegalArgumentException naming the group, the time its id names and its time
   */
  static void checkTimes(List<DecisionGroup> groups) {
    for (DecisionGroup g : groups) {
      OptionalLong named = new DecisionKey(g.id(), 0, false).time();
      if (named.isPresent() && Math.abs(named.getAsLong() - g.at().toEpochMilli()) > SKEW_MS) {
        throw new IllegalArgumentException("group " + g.id() + " names the time "
            + Instant.ofEpochMilli(named.getAsLong()) + ", more than a day from its decisions' "
            + "time " + g.at() + " (decision ids name the time they were made at)");
      }
    }
  }

  /**
   * The row of group {@code key.group()} as {@code columns} and {@code row} read it. An id that names
   * its time is looked for at that time (one partition), then within a day of it ({@link
   * #checkTimes}); any other id everywhere.
   */
  static <T> Optional<T> find(Connection c, DecisionKey key, String columns, Row<T> row)
      throws SQLException {
    return find(c, key.time(), key.group(), "SELECT " + columns + " FROM %s WHERE id = ?", false,
        "at", row);
  }

  /**
   * The first row that {@code select} finds for {@code id}, looked for in the parts that may hold it:
   * by the time {@code at} the id names, the part of that time, then those within a day of it
   * ({@link #checkTimes}); without a time, everywhere.
   *
   * @param select a query whose table is {@code %s} and whose one parameter is the id
   * @param labels whether it reads the parts' label tables, else their group tables
   * @param timeColumn the column of the decisions' time, which bounds PostgreSQL's partitions
   */
  static <T> Optional<T> find(Connection c, OptionalLong at, String id, String select,
      boolean labels, String timeColumn, Row<T> row) throws SQLException {
    if (SqliteDays.applies(c)) {
      // A primary key probe per part: the undated one and up to three days.
      List<AuditPart> parts = at.isEmpty() ? SqliteDays.all(c)
          : SqliteDays.between(c, at.getAsLong() - SKEW_MS, at.getAsLong() + SKEW_MS);
      for (AuditPart p : parts) {
        Optional<T> found = find(c, String.format(select, labels ? p.labels() : p.groups()), id,
            row);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    String sql = String.format(select, labels ? "label" : "decision_group");
    if (at.isEmpty()) {
      return find(c, sql, id, row);
    }
    Optional<T> found = find(c, sql + " AND " + timeColumn + " = ?", id, row, at.getAsLong());
    return found.isPresent() ? found : find(c, sql + " AND " + timeColumn + " >= ? AND "
        + timeColumn + " <= ?", id, row, at.getAsLong() - SKEW_MS, at.getAsLong() + SKEW_MS);
  }

  /** The first row of {@code sql}, whose parameters are {@code id} then {@code times}. */
  static <T> Optional<T> find(Connection c, String sql, String id, Row<T> row, long... times)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      for (int i = 0; i < times.length; i++) {
        s.setLong(i + 2, times[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row.read(r)) : Optional.empty();
      }
    }
  }

  /** The decisions of one group; empty when none. */
  static List<DecisionRecord> group(Connection c, String groupId) throws SQLException {
    return find(c, new DecisionKey(groupId, 0, false), COLUMNS, DecisionTable::decode)
        .orElse(List.of());
  }

  /** One decision's record. */
  static Optional<DecisionRecord> decision(Connection c, DecisionKey key) throws SQLException {
    return find(c, key, COLUMNS, DecisionTable::decode).flatMap(records -> {
      int i = key.index();
      return i < records.size() && records.get(i).id().equals(key.id())
          ? Optional.of(records.get(i)) : Optional.empty();
    });
  }

  private static List<DecisionRecord> decode(ResultSet r) throws SQLException {
    return new DecisionGroup(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
        r.getLong(4), r.getInt(7), r.getBoolean(5), r.getString(6)).decode();
  }

  /** The number of decisions. */
  static long count(Connection c) throws SQLException {
    long n = 0;
    for (AuditPart p : SqliteDays.all(c)) {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT coalesce(sum(size), 0) FROM " + p.groups())) {
        r.next();
        n += r.getLong(1);
      }
    }
    return n;
  }
}

package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code decision_group} table: one row per request. On PostgreSQL it is partitioned by day of
 * {@code at} (migration V4), so reads name the time when they know it. Each method runs in the
 * caller's transaction.
 */
final class DecisionTable {

  private static final String COLUMNS = "id, at, policy, version, indexed, records, size";

  private DecisionTable() {}

  /** Inserts the groups, but those in {@code refused}. */
  static void insert(Connection c, List<DecisionGroup> groups, Set<String> refused)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO decision_group (id, at, policy, "
        + "version, size, indexed, records) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (DecisionGroup g : groups) {
        if (refused.contains(g.id())) {
          continue;
        }
        s.setString(1, g.id());
        s.setLong(2, g.at().toEpochMilli());
        s.setString(3, g.policy());
        s.setLong(4, g.version());
        s.setInt(5, g.size());
        s.setBoolean(6, g.indexed());
        s.setString(7, g.records());
        s.addBatch();
        n++;
      }
      if (n > 0) {
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
    String select = "SELECT " + columns + " FROM decision_group WHERE id = ?";
    OptionalLong at = key.time();
    if (at.isEmpty()) {
      return find(c, select, key.group(), row);
    }
    Optional<T> found = find(c, select + " AND at = ?", key.group(), row, at.getAsLong());
    return found.isPresent() ? found : find(c, select + " AND at >= ? AND at <= ?", key.group(),
        row, at.getAsLong() - SKEW_MS, at.getAsLong() + SKEW_MS);
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
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(sum(size), 0) FROM decision_group")) {
      r.next();
      return r.getLong(1);
    }
  }
}

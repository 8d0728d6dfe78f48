package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Streams a policy's decisions in a time range with their labels, in memory that does not grow with
 * the range: the groups and the labels of their decisions are read by two cursors in the same order
 * ({@code at, id}) and merged, so only one group's labels are held at a time. The two cursors read one
 * snapshot (a read-only transaction, repeatable read on PostgreSQL), so a label committed between them
 * cannot name a group the other cursor never shows. PostgreSQL streams a result only inside a
 * transaction with a fetch size; without one, its driver reads the whole result first.
 */
final class DecisionScan {

  /** Rows fetched per round trip. */
  private static final int FETCH = 500;

  private DecisionScan() {}

  /** Streams {@code policy}'s decisions in {@code [from, to)}, oldest first (ties by id). */
  static void run(Connection c, JdbcStore.Dialect dialect, String policy, Instant from, Instant to,
      Consumer<Store.LabelledDecision> consumer) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    if (dialect == JdbcStore.Dialect.POSTGRESQL) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
    c.setAutoCommit(false);
    try (PreparedStatement groups = select(c, "SELECT id, at, policy, version, indexed, records, "
            + "size FROM decision_group WHERE policy = ? AND at >= ? AND at < ? ORDER BY at, id",
            policy, from, to);
        // Both tables bounded by time, so that each reads only the window's day partitions on
        // PostgreSQL (migration V4); decision_group is read first, so locked first, in the order
        // partition maintenance takes its locks (AuditPartitions).
        PreparedStatement labels = select(c, "SELECT g.id, l.decision_id, l.positive FROM label l "
            + "JOIN decision_group g ON g.id = l.group_id AND g.at = l.group_at WHERE g.policy = ? "
            + "AND g.at >= ? AND g.at < ? AND l.group_at >= ? AND l.group_at < ? "
            + "ORDER BY g.at, g.id", policy, from, to, from, to);
        ResultSet g = groups.executeQuery();
        ResultSet l = labels.executeQuery()) {
      boolean moreLabels = l.next();
      Map<String, Boolean> groupLabels = new HashMap<>();
      while (g.next()) {
        String groupId = g.getString(1);
        groupLabels.clear();
        // The labels' groups are a subsequence of the groups, in the same order: take this group's.
        while (moreLabels && l.getString(1).equals(groupId)) {
          groupLabels.put(l.getString(2), l.getBoolean(3));
          moreLabels = l.next();
        }
        for (DecisionRecord d : new DecisionGroup(groupId, Instant.ofEpochMilli(g.getLong(2)),
            g.getString(3), g.getLong(4), g.getInt(7), g.getBoolean(5), g.getString(6)).decode()) {
          consumer.accept(new Store.LabelledDecision(d,
              Optional.ofNullable(groupLabels.get(d.id()))));
        }
      }
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
      if (dialect == JdbcStore.Dialect.POSTGRESQL) {
        c.setTransactionIsolation(isolation);
      }
    }
  }

  /** {@code sql} with the policy, then each of {@code times}, as its parameters. */
  private static PreparedStatement select(Connection c, String sql, String policy,
      Instant... times) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    try {
      s.setFetchSize(FETCH);
      s.setString(1, policy);
      for (int i = 0; i < times.length; i++) {
        s.setLong(i + 2, times[i].toEpochMilli());
      }
      return s;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }
}

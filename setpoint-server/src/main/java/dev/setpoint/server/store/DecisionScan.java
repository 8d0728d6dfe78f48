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
    try {
      if (!SqliteDays.applies(c)) {
        // Both tables bounded by time, so that each reads only the window's day partitions on
        // PostgreSQL (migration V4); decision_group is read first, so locked first, in the order
        // partition maintenance takes its locks (AuditPartitions).
        merge(c, GROUPS.formatted("decision_group") + " ORDER BY at, id",
            new Object[] {policy, from, to}, LABELS.formatted("label", "decision_group")
            + " AND l.group_at >= ? AND l.group_at < ? ORDER BY g.at, g.id",
            new Object[] {policy, from, to, from, to}, consumer);
        return;
      }
      // The embedded store: window by window, each the part of one day (or a stretch of none) read
      // together with the undated part, in one snapshot (the read transaction), so a day dropped
      // meanwhile is still read whole.
      long end = to.toEpochMilli();
      long at = from.toEpochMilli();
      for (AuditPart day : SqliteDays.between(c, at, Math.max(at, end - 1))) {
        if (day.day().isEmpty()) {
          continue;
        }
        long dayStart = day.day().get().toEpochDay() * 86_400_000L;
        long dayEnd = Math.min(end, dayStart + 86_400_000L);
        if (at < dayStart) {
          window(c, Optional.empty(), policy, at, dayStart, consumer);
        }
        window(c, Optional.of(day), policy, Math.max(at, dayStart), dayEnd, consumer);
        at = dayEnd;
      }
      if (at < end) {
        window(c, Optional.empty(), policy, at, end, consumer);
      }
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
      if (dialect == JdbcStore.Dialect.POSTGRESQL) {
        c.setTransactionIsolation(isolation);
      }
    }
  }

  private static final String GROUPS = "SELECT id, at, policy, version, indexed, records, size "
      + "FROM %s WHERE policy = ? AND at >= ? AND at < ?";
  private static final String LABELS = "SELECT g.id AS gid, l.decision_id, l.positive, g.at AS gat "
      + "FROM %s l JOIN %s g ON g.id = l.group_id AND g.at = l.group_at WHERE g.policy = ? "
      + "AND g.at >= ? AND g.at < ?";

  /** The embedded store's decisions in {@code [from, to)}: the undated part's and {@code day}'s. */
  private static void window(Connection c, Optional<AuditPart> day, String policy, long from,
      long to, Consumer<Store.LabelledDecision> consumer) throws SQLException {
    Instant f = Instant.ofEpochMilli(from);
    Instant t = Instant.ofEpochMilli(to);
    String groups = GROUPS.formatted("decision_group");
    String labels = LABELS.formatted("label", "decision_group");
    Object[] one = {policy, f, t};
    if (day.isEmpty()) {
      merge(c, groups + " ORDER BY at, id", one, labels + " ORDER BY gat, gid", one, consumer);
      return;
    }
    AuditPart p = day.get();
    Object[] two = {policy, f, t, policy, f, t};
    merge(c, groups + " UNION ALL " + GROUPS.formatted(p.groups()) + " ORDER BY at, id", two,
        labels + " UNION ALL " + LABELS.formatted(p.labels(), p.groups()) + " ORDER BY gat, gid",
        two, consumer);
  }

  /**
   * Reads the groups by {@code groupsSql} and their labels by {@code labelsSql}, each with its
   * parameters, both in the order {@code at, id}, and hands each decision on with its label.
   */
  private static void merge(Connection c, String groupsSql, Object[] groupsParams,
      String labelsSql, Object[] labelsParams, Consumer<Store.LabelledDecision> consumer)
      throws SQLException {
    try (PreparedStatement groups = select(c, groupsSql, groupsParams);
        PreparedStatement labels = select(c, labelsSql, labelsParams);
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
    }
  }

  /** {@code sql} with {@code params} (policy names, and times as epoch milliseconds). */
  private static PreparedStatement select(Connection c, String sql, Object[] params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    try {
      s.setFetchSize(FETCH);
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof Instant t) {
          s.setLong(i + 1, t.toEpochMilli());
        } else {
          s.setString(i + 1, (String) params[i]);
        }
      }
      return s;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }
}

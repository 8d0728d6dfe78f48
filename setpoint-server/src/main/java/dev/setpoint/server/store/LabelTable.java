package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code label} table: one outcome per decision, in its decision's part of the audit log ({@link
 * AuditPart}). Each method runs in the caller's transaction.
 */
final class LabelTable {

  private LabelTable() {}

  /** Labels looked up and inserted per round trip. */
  private static final int CHUNK = 500;

  /**
   * Stores labels; the outcome of each, in order. A label for a decision already labelled is a
   * duplicate when it says the same, a conflict when it does not (the first one stands); the same
   * decision twice in {@code labels} is compared the same way. The labels are looked up and inserted
   * {@value #CHUNK} at a time (three statements a chunk instead of three a label), so that a million
   * labels take seconds, not minutes, over a network. A label is stored with its decision's time
   * ({@code group_at}), by which PostgreSQL partitions labels as it does decisions (migration V4): a
   * day's labels are dropped with the day's decisions, and a label for a decision already dropped is
   * {@link Label.Outcome#UNKNOWN_DECISION}, as for one never made.
   */
  static List<Label.Outcome> put(Connection c, List<Label> labels) throws SQLException {
    List<Label.Outcome> outcomes = new ArrayList<>(labels.size());
    Map<String, Boolean> seen = new HashMap<>();
    boolean arrays = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    for (int start = 0; start < labels.size(); start += CHUNK) {
      List<Label> chunk = labels.subList(start, Math.min(labels.size(), start + CHUNK));
      putChunk(c, arrays, chunk, seen, outcomes);
    }
    return outcomes;
  }

  /**
   * @param arrays whether the database takes arrays as parameters (PostgreSQL): then each statement
   *     has the same text whatever the chunk's size, and is prepared once on the server, instead of a
   *     list of placeholders parsed and planned again each time
   */
  private static void putChunk(Connection c, boolean arrays, List<Label> chunk,
      Map<String, Boolean> seen, List<Label.Outcome> outcomes) throws SQLException {
    Set<String> ids = new HashSet<>();
    Set<String> groups = new HashSet<>();
    TimeSpan span = new TimeSpan();
    for (Label l : chunk) {
      ids.add(l.decisionId());
      Optional<DecisionKey> key = DecisionKey.of(l.decisionId());
      key.ifPresent(k -> groups.add(k.group()));
      span.add(key.map(DecisionKey::time).orElse(OptionalLong.empty()));
    }
    List<AuditPart> parts = span.parts(c);
    Map<String, Boolean> stored = existing(c, arrays, ids, span, parts);
    Map<String, GroupShape> shapes = groupShapes(c, arrays, groups, span, parts);
    List<Label> fresh = new ArrayList<>();
    List<GroupShape> freshGroup = new ArrayList<>();
    List<Integer> freshAt = new ArrayList<>();
    for (Label l : chunk) {
      @Nullable Boolean before = stored.containsKey(l.decisionId()) ? stored.get(l.decisionId())
          : seen.get(l.decisionId());
      if (before != null) {
        outcomes.add(before == l.positive() ? Label.Outcome.DUPLICATE : Label.Outcome.CONFLICT);
        continue;
      }
      Optional<DecisionKey> key = DecisionKey.of(l.decisionId());
      @Nullable GroupShape shape = key.isEmpty() ? null : shapes.get(key.get().group());
      if (key.isEmpty() || shape == null || key.get().index() >= shape.size()
          || shape.indexed() != key.get().indexed()) {
        outcomes.add(Label.Outcome.UNKNOWN_DECISION);
        continue;
      }
      seen.put(l.decisionId(), l.positive());
      fresh.add(l);
      freshGroup.add(shape);
      freshAt.add(outcomes.size());
      outcomes.add(Label.Outcome.STORED);
    }
    Map<AuditPart, List<Integer>> byPart = new LinkedHashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      byPart.computeIfAbsent(freshGroup.get(i).part(), p -> new ArrayList<>()).add(i);
    }
    Set<String> inserted = new HashSet<>();
    for (Map.Entry<AuditPart, List<Integer>> e : byPart.entrySet()) {
      // Each label goes to its decision's part (its day, on the embedded store).
      inserted.addAll(insert(c, arrays, e.getKey(), e.getValue().stream().map(fresh::get).toList(),
          e.getValue().stream().map(i -> freshGroup.get(i).at()).toList()));
    }
    for (int i = 0; i < fresh.size(); i++) {
      // Not inserted: stored meanwhile by another transaction (a concurrent import of the label).
      if (!inserted.contains(fresh.get(i).decisionId())) {
        outcomes.set(freshAt.get(i), Label.Outcome.DUPLICATE);
      }
    }
  }

  /**
   * Inserts labels of known decisions, none stored yet as far as this transaction saw, in one
   * statement (one round trip for the chunk, where a batch of single-row inserts costs PostgreSQL a
   * statement each); the ids it inserted.
   */
  private static Set<String> insert(Connection c, boolean arrays, AuditPart part,
      List<Label> labels, List<Long> groupAts) throws SQLException {
    Set<String> inserted = new HashSet<>();
    if (labels.isEmpty()) {
      return inserted;
    }
    String rows = arrays ? "SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::boolean[], "
        + "?::bigint[], ?::text[])" : "VALUES " + String.join(", ", Collections.nCopies(
            labels.size(), "(?, ?, ?, ?, ?, ?)"));
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + part.labels() + " (decision_id, group_id, "
        + "group_at, positive, at, by_whom) " + rows
        + " ON CONFLICT DO NOTHING RETURNING decision_id")) {
      if (arrays) {
        int n = labels.size();
        Object[] ids = new Object[n];
        Object[] groups = new Object[n];
        Object[] groupTimes = groupAts.toArray();
        Object[] positives = new Object[n];
        Object[] ats = new Object[n];
        Object[] bys = new Object[n];
        for (int i = 0; i < n; i++) {
          Label l = labels.get(i);
          ids[i] = l.decisionId();
          groups[i] = DecisionKey.of(l.decisionId()).orElseThrow().group();
          positives[i] = l.positive();
          ats[i] = l.at().toEpochMilli();
          bys[i] = l.by();
        }
        s.setArray(1, c.createArrayOf("text", ids));
        s.setArray(2, c.createArrayOf("text", groups));
        s.setArray(3, c.createArrayOf("bigint", groupTimes));
        s.setArray(4, c.createArrayOf("boolean", positives));
        s.setArray(5, c.createArrayOf("bigint", ats));
        s.setArray(6, c.createArrayOf("text", bys));
      } else {
        int p = 1;
        for (int i = 0; i < labels.size(); i++) {
          Label l = labels.get(i);
          s.setString(p++, l.decisionId());
          s.setString(p++, DecisionKey.of(l.decisionId()).orElseThrow().group());
          s.setLong(p++, groupAts.get(i));
          s.setBoolean(p++, l.positive());
          s.setLong(p++, l.at().toEpochMilli());
          s.setString(p++, l.by());
        }
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          inserted.add(r.getString(1));
        }
      }
    }
    return inserted;
  }

  /** The stored labels among {@code ids}, by decision id. */
  private static Map<String, Boolean> existing(Connection c, boolean arrays, Set<String> ids,
      TimeSpan span, List<AuditPart> parts) throws SQLException {
    Map<String, Boolean> out = new HashMap<>();
    for (AuditPart p : parts) {
      try (PreparedStatement s = select(c, arrays, "SELECT decision_id, positive FROM "
          + p.labels() + " WHERE " + span.where("group_at") + "decision_id", ids)) {
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.put(r.getString(1), r.getBoolean(2));
          }
        }
      }
    }
    return out;
  }

  /**
   * A stored group's size, whether its decisions' ids are indexed ({@code g.i}), and its time (the
   * label's {@code group_at}).
   */
  private record GroupShape(int size, boolean indexed, long at, AuditPart part) {}

  /** The stored groups among {@code groups}, without decoding them. */
  private static Map<String, GroupShape> groupShapes(Connection c, boolean arrays,
      Set<String> groups, TimeSpan span, List<AuditPart> parts) throws SQLException {
    Map<String, GroupShape> out = new HashMap<>();
    if (groups.isEmpty()) {
      return out;
    }
    for (AuditPart p : parts) {
      try (PreparedStatement s = select(c, arrays, "SELECT id, size, indexed, at FROM "
          + p.groups() + " WHERE " + span.where("at") + "id", groups)) {
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.putIfAbsent(r.getString(1), new GroupShape(r.getInt(2), r.getBoolean(3),
                r.getLong(4), p));
          }
        }
      }
    }
    return out;
  }

  /**
   * The times a chunk's decision ids name (UUIDv7), widened by {@link DecisionTable#SKEW_MS}: a
   * bound on the day partitions a lookup reads. Unbounded when an id names no time.
   */
  private static final class TimeSpan {
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private boolean bounded = true;

    void add(OptionalLong time) {
      if (time.isEmpty()) {
        bounded = false;
        return;
      }
      min = Math.min(min, time.getAsLong());
      max = Math.max(max, time.getAsLong());
    }

    /** The parts that may hold the chunk's decisions: all when unbounded. */
    List<AuditPart> parts(Connection c) throws SQLException {
      return bounded && min <= max ? SqliteDays.between(c, min - DecisionTable.SKEW_MS,
          max + DecisionTable.SKEW_MS) : SqliteDays.all(c);
    }

    /** "{@code column} between the bounds AND ", or nothing when unbounded. */
    String where(String column) {
      return bounded && min <= max ? column + " >= " + (min - DecisionTable.SKEW_MS) + " AND "
          + column + " <= " + (max + DecisionTable.SKEW_MS) + " AND " : "";
    }
  }

  /** {@code query} (ending in a column) completed by "is one of {@code values}". */
  private static PreparedStatement select(Connection c, boolean arrays, String query,
      Set<String> values) throws SQLException {
    PreparedStatement s = c.prepareStatement(query + (arrays ? " = ANY(?)"
        : " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")"));
    try {
      if (arrays) {
        s.setArray(1, c.createArrayOf("text", values.toArray()));
      } else {
        int i = 1;
        for (String v : values) {
          s.setString(i++, v);
        }
      }
      return s;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** A decision's label, looked for as its decision is ({@link DecisionTable#find}). */
  static Optional<Label> find(Connection c, String decisionId) throws SQLException {
    DecisionTable.Row<Label> row = r -> new Label(r.getString(1), r.getBoolean(2),
        Instant.ofEpochMilli(r.getLong(3)), r.getString(4));
    OptionalLong at = DecisionKey.of(decisionId).map(DecisionKey::time)
        .orElse(OptionalLong.empty());
    return DecisionTable.find(c, at, decisionId, "SELECT decision_id, positive, at, by_whom FROM %s "
        + "WHERE decision_id = ?", true, "group_at", row);
  }
}

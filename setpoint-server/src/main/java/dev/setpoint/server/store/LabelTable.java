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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@code label} table: one outcome per decision. Each method runs in the caller's transaction. */
final class LabelTable {

  private LabelTable() {}

  /** Labels looked up and inserted per round trip. */
  private static final int CHUNK = 500;

  /**
   * Stores labels; the outcome of each, in order. A label for a decision already labelled is a
   * duplicate when it says the same, a conflict when it does not (the first one stands); the same
   * decision twice in {@code labels} is compared the same way. The labels are looked up and inserted
   * {@value #CHUNK} at a time (three statements a chunk instead of three a label), so that a million
   * labels take seconds, not minutes, over a network.
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
    for (Label l : chunk) {
      ids.add(l.decisionId());
      DecisionKey.of(l.decisionId()).ifPresent(k -> groups.add(k.group()));
    }
    Map<String, Boolean> stored = existing(c, arrays, ids);
    Map<String, GroupShape> shapes = groupShapes(c, arrays, groups);
    List<Label> fresh = new ArrayList<>();
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
      freshAt.add(outcomes.size());
      outcomes.add(Label.Outcome.STORED);
    }
    Set<String> inserted = insert(c, arrays, fresh);
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
  private static Set<String> insert(Connection c, boolean arrays, List<Label> labels)
      throws SQLException {
    Set<String> inserted = new HashSet<>();
    if (labels.isEmpty()) {
      return inserted;
    }
    String rows = arrays ? "SELECT * FROM unnest(?::text[], ?::text[], ?::boolean[], ?::bigint[], "
        + "?::text[])" : "VALUES " + String.join(", ", Collections.nCopies(labels.size(),
            "(?, ?, ?, ?, ?)"));
    try (PreparedStatement s = c.prepareStatement("INSERT INTO label (decision_id, group_id, "
        + "positive, at, by_whom) " + rows
        + " ON CONFLICT (decision_id) DO NOTHING RETURNING decision_id")) {
      if (arrays) {
        int n = labels.size();
        Object[] ids = new Object[n];
        Object[] groups = new Object[n];
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
        s.setArray(3, c.createArrayOf("boolean", positives));
        s.setArray(4, c.createArrayOf("bigint", ats));
        s.setArray(5, c.createArrayOf("text", bys));
      } else {
        int p = 1;
        for (Label l : labels) {
          s.setString(p++, l.decisionId());
          s.setString(p++, DecisionKey.of(l.decisionId()).orElseThrow().group());
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
  private static Map<String, Boolean> existing(Connection c, boolean arrays, Set<String> ids)
      throws SQLException {
    Map<String, Boolean> out = new HashMap<>();
    try (PreparedStatement s = select(c, arrays, "SELECT decision_id, positive FROM label WHERE "
        + "decision_id", ids)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getBoolean(2));
        }
      }
    }
    return out;
  }

  /** A stored group's size and whether its decisions' ids are indexed ({@code g.i}). */
  private record GroupShape(int size, boolean indexed) {}

  /** The stored groups among {@code groups}, without decoding them. */
  private static Map<String, GroupShape> groupShapes(Connection c, boolean arrays,
      Set<String> groups) throws SQLException {
    Map<String, GroupShape> out = new HashMap<>();
    if (groups.isEmpty()) {
      return out;
    }
    try (PreparedStatement s = select(c, arrays, "SELECT id, size, indexed FROM decision_group "
        + "WHERE id", groups)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), new GroupShape(r.getInt(2), r.getBoolean(3)));
        }
      }
    }
    return out;
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

  /** A decision's label. */
  static Optional<Label> find(Connection c, String decisionId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT decision_id, positive, at, by_whom FROM label WHERE decision_id = ?")) {
      s.setString(1, decisionId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Label(r.getString(1), r.getBoolean(2),
            Instant.ofEpochMilli(r.getLong(3)), r.getString(4))) : Optional.empty();
      }
    }
  }
}

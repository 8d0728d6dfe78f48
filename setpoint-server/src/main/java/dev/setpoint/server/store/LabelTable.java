package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code label} table: one outcome per decision. Each method runs in the caller's transaction. */
final class LabelTable {

  private LabelTable() {}

  /** Stores labels; the outcome of each, in order. */
  static List<Label.Outcome> put(Connection c, List<Label> labels) throws SQLException {
    List<Label.Outcome> outcomes = new ArrayList<>();
    try (PreparedStatement existing = c.prepareStatement(
            "SELECT positive FROM label WHERE decision_id = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO label (decision_id, group_id, "
            + "positive, at, by_whom) VALUES (?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING")) {
      for (Label l : labels) {
        existing.setString(1, l.decisionId());
        try (ResultSet r = existing.executeQuery()) {
          if (r.next()) {
            outcomes.add(r.getBoolean(1) == l.positive() ? Label.Outcome.DUPLICATE
                : Label.Outcome.CONFLICT);
            continue;
          }
        }
        Optional<DecisionKey> key = DecisionKey.of(l.decisionId());
        if (key.isEmpty() || !exists(c, key.get())) {
          outcomes.add(Label.Outcome.UNKNOWN_DECISION);
          continue;
        }
        insert.setString(1, l.decisionId());
        insert.setString(2, key.get().group());
        insert.setBoolean(3, l.positive());
        insert.setLong(4, l.at().toEpochMilli());
        insert.setString(5, l.by());
        outcomes.add(insert.executeUpdate() == 1 ? Label.Outcome.STORED : Label.Outcome.DUPLICATE);
      }
    }
    return outcomes;
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

  /** Whether a decision exists, without decoding its group. */
  private static boolean exists(Connection c, DecisionKey key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT size, indexed FROM decision_group WHERE id = ?")) {
      s.setString(1, key.group());
      try (ResultSet r = s.executeQuery()) {
        return r.next() && key.index() < r.getInt(1) && r.getBoolean(2) == key.indexed();
      }
    }
  }
}

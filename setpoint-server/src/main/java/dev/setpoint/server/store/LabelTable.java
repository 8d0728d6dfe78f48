package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The {@code label} table: one outcome per decision. Each method runs in the caller's transaction. */
final class LabelTable {

  private LabelTable() {}

  /**
   * Stores labels; the outcome of each, in order. A label is stored with its decision's time
   * ({@code group_at}), by which PostgreSQL partitions labels as it does decisions (migration V5):
   * a day's labels are dropped with the day's decisions, and a label for a decision already
   * dropped is {@link Label.Outcome#UNKNOWN_DECISION}, as for one never made.
   */
  static List<Label.Outcome> put(Connection c, List<Label> labels) throws SQLException {
    List<Label.Outcome> outcomes = new ArrayList<>();
    try (PreparedStatement existing = c.prepareStatement(
            "SELECT positive FROM label WHERE decision_id = ? AND group_at = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO label (decision_id, group_id, "
            + "group_at, positive, at, by_whom) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (Label l : labels) {
        Optional<DecisionKey> key = DecisionKey.of(l.decisionId());
        OptionalLong groupAt = key.isEmpty() ? OptionalLong.empty() : groupAt(c, key.get());
        if (key.isEmpty() || groupAt.isEmpty()) {
          outcomes.add(Label.Outcome.UNKNOWN_DECISION);
          continue;
        }
        existing.setString(1, l.decisionId());
        existing.setLong(2, groupAt.getAsLong());
        try (ResultSet r = existing.executeQuery()) {
          if (r.next()) {
            outcomes.add(r.getBoolean(1) == l.positive() ? Label.Outcome.DUPLICATE
                : Label.Outcome.CONFLICT);
            continue;
          }
        }
        insert.setString(1, l.decisionId());
        insert.setString(2, key.get().group());
        insert.setLong(3, groupAt.getAsLong());
        insert.setBoolean(4, l.positive());
        insert.setLong(5, l.at().toEpochMilli());
        insert.setString(6, l.by());
        outcomes.add(insert.executeUpdate() == 1 ? Label.Outcome.STORED : Label.Outcome.DUPLICATE);
      }
    }
    return outcomes;
  }

  /** A decision's label, looked for as its decision is ({@link DecisionTable#find}). */
  static Optional<Label> find(Connection c, String decisionId) throws SQLException {
    String select = "SELECT decision_id, positive, at, by_whom FROM label WHERE decision_id = ?";
    DecisionTable.Row<Label> row = r -> new Label(r.getString(1), r.getBoolean(2),
        Instant.ofEpochMilli(r.getLong(3)), r.getString(4));
    OptionalLong at = DecisionKey.of(decisionId).map(DecisionKey::time)
        .orElse(OptionalLong.empty());
    if (at.isEmpty()) {
      return DecisionTable.find(c, select, decisionId, row);
    }
    Optional<Label> found = DecisionTable.find(c, select + " AND group_at = ?", decisionId, row,
        at.getAsLong());
    return found.isPresent() ? found : DecisionTable.find(c, select + " AND group_at >= ? "
        + "AND group_at <= ?", decisionId, row, at.getAsLong() - DecisionTable.SKEW_MS,
        at.getAsLong() + DecisionTable.SKEW_MS);
  }

  /** The time of a decision's group if the decision exists, without decoding the group. */
  private static OptionalLong groupAt(Connection c, DecisionKey key) throws SQLException {
    return DecisionTable.find(c, key, "at, size, indexed", r -> key.index() < r.getInt(2)
            && r.getBoolean(3) == key.indexed() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty())
        .orElse(OptionalLong.empty());
  }
}

package dev.setpoint.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code request_key} table (migration V3): clients' request ids and the decisions they got, one
 * row per principal and id. Each method runs in the caller's transaction.
 */
final class RequestKeyTable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestKeyTable() {}

  /**
   * Inserts the groups' request keys, each unless already stored; a group with a key that was
   * stored before (by another request; on PostgreSQL the insert waits for a concurrent one to commit
   * or roll back) is refused, and the keys it did insert are taken back.
   *
   * @return the ids of the refused groups
   */
  static Set<String> insert(Connection c, List<DecisionGroup> groups) throws SQLException {
    List<RequestKey> keys = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    for (DecisionGroup g : groups) {
      for (RequestKey k : g.keys()) {
        keys.add(k);
        owners.add(g.id());
      }
    }
    if (keys.isEmpty()) {
      return Set.of();
    }
    Set<String> refused = new HashSet<>();
    int[] inserted;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO request_key (principal, key, "
        + "fingerprint, decision_id, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (principal, key) "
        + "DO NOTHING")) {
      for (RequestKey k : keys) {
        s.setString(1, k.principal());
        s.setString(2, k.key());
        s.setString(3, k.fingerprint());
        s.setString(4, k.decisionId());
        s.setLong(5, k.at().toEpochMilli());
        s.addBatch();
      }
      inserted = s.executeBatch();
    }
    for (int i = 0; i < keys.size(); i++) {
      if (inserted[i] == 0) {
        refused.add(owners.get(i));
      }
    }
    if (!refused.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM request_key WHERE principal = ? "
          + "AND key = ? AND decision_id = ?")) {
        for (int i = 0; i < keys.size(); i++) {
          if (refused.contains(owners.get(i)) && inserted[i] != 0) {
            s.setString(1, keys.get(i).principal());
            s.setString(2, keys.get(i).key());
            s.setString(3, keys.get(i).decisionId());
            s.addBatch();
          }
        }
        s.executeBatch();
      }
    }
    return refused;
  }

  /** The stored keys of {@code principal} among {@code keys} (not empty), by key. */
  static Map<String, RequestKey> find(Connection c, JdbcStore.Dialect dialect, String principal,
      Collection<String> keys) throws SQLException {
    // One query whatever the number: PostgreSQL takes an array, SQLite a JSON array it unnests.
    String any = dialect == JdbcStore.Dialect.POSTGRESQL ? "key = ANY (?)"
        : "key IN (SELECT value FROM json_each(?))";
    try (PreparedStatement s = c.prepareStatement("SELECT key, fingerprint, decision_id, at "
        + "FROM request_key WHERE principal = ? AND " + any)) {
      s.setString(1, principal);
      if (dialect == JdbcStore.Dialect.POSTGRESQL) {
        s.setArray(2, c.createArrayOf("text", keys.toArray()));
      } else {
        s.setString(2, JSON.writeValueAsString(keys));
      }
      Map<String, RequestKey> out = new HashMap<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), new RequestKey(principal, r.getString(1), r.getString(2),
              r.getString(3), Instant.ofEpochMilli(r.getLong(4))));
        }
      }
      return out;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("request keys could not be written as JSON", e);
    }
  }

  /** Deletes the keys stored before {@code before}; how many. */
  static long forget(Connection c, Instant before) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM request_key WHERE at < ?")) {
      s.setLong(1, before.toEpochMilli());
      return s.executeUpdate();
    }
  }
}

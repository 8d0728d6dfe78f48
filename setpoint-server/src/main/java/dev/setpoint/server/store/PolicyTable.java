package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The policy tables: {@code policy_version} (the immutable versions), {@code policy_event} (every
 * activation and rollback) and {@code policy_active} (the active version of each policy and the event
 * that made it so). Each method runs in the caller's transaction; {@link JdbcStore} serialises the
 * writers of one policy.
 */
final class PolicyTable {

  private PolicyTable() {}

  private static final String POLICY_COLUMNS =
      "name, version, document, sha256, created_at, created_by, comment";

  /** Stores {@code latest + 1}, or answers a conflict when {@code expectedLatest} is not the latest. */
  static Store.PutResult put(Connection c, String name, String document, String sha256,
      Instant at, String createdBy, Optional<String> comment, OptionalLong expectedLatest)
      throws SQLException {
    long latest = latestVersion(c, name);
    if (expectedLatest.isPresent() && expectedLatest.getAsLong() != latest) {
      return new Store.PutResult.Conflict(expectedLatest.getAsLong(), latest);
    }
    PolicyVersion v = new PolicyVersion(name, latest + 1, document, sha256, at, createdBy, comment);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO policy_version (name, version, "
        + "document, sha256, created_at, created_by, comment) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, name);
      s.setLong(2, v.version());
      s.setString(3, document);
      s.setString(4, sha256);
      s.setLong(5, v.createdAt().toEpochMilli());
      s.setString(6, createdBy);
      s.setString(7, comment.orElse(null));
      s.executeUpdate();
    }
    return new Store.PutResult.Created(v);
  }

  private static long latestVersion(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT max(version) FROM policy_version WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /**
   * The versions of policy {@code name} that {@code condition} selects, in its order.
   *
   * @param condition the WHERE clause (and order), with {@code name} its first parameter and {@code
   *     version}, when present, its second
   */
  static List<PolicyVersion> versions(Connection c, String condition, String name,
      OptionalLong version) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + POLICY_COLUMNS
        + " FROM policy_version " + condition)) {
      s.setString(1, name);
      if (version.isPresent()) {
        s.setLong(2, version.getAsLong());
      }
      List<PolicyVersion> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new PolicyVersion(r.getString(1), r.getLong(2), r.getString(3), r.getString(4),
              Instant.ofEpochMilli(r.getLong(5)), r.getString(6),
              Optional.ofNullable(r.getString(7))));
        }
      }
      return out;
    }
  }

  /** The names of all policies, sorted. */
  static List<String> names(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT name FROM policy_version ORDER BY name")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  /** Makes {@code version} active, recording the event; see {@link Store#activate}. */
  static Store.ActivateResult activate(Connection c, String name, long version,
      PolicyEvent.Kind kind, Instant at, String by, String reason) throws SQLException {
    long latest = latestVersion(c, name);
    if (version < 1 || version > latest) {
      return new Store.ActivateResult.UnknownVersion(latest);
    }
    OptionalLong previous = activeVersion(c, name);
    if (previous.isPresent() && previous.getAsLong() == version) {
      return new Store.ActivateResult.AlreadyActive(events(c, "WHERE id = (SELECT event_id FROM "
          + "policy_active WHERE name = ?)", name).get(0));
    }
    long eventId;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO policy_event (name, kind, version, "
        + "previous_version, at, by_whom, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, name);
      s.setString(2, kind.name().toLowerCase(Locale.ROOT));
      s.setLong(3, version);
      if (previous.isPresent()) {
        s.setLong(4, previous.getAsLong());
      } else {
        s.setNull(4, Types.BIGINT);
      }
      s.setLong(5, at.toEpochMilli());
      s.setString(6, by);
      s.setString(7, reason);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        eventId = keys.getLong(1);
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO policy_active (name, version, "
        + "event_id) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version, "
        + "event_id = excluded.event_id")) {
      s.setString(1, name);
      s.setLong(2, version);
      s.setLong(3, eventId);
      s.executeUpdate();
    }
    return new Store.ActivateResult.Activated(new PolicyEvent(eventId, name, kind, version, previous,
        at, by, reason));
  }

  /** The active version of {@code name}. */
  static OptionalLong activeVersion(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT version FROM policy_active WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** The active version of every policy, by name. */
  static List<Store.Active> active(Connection c) throws SQLException {
    List<Store.Active> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name, version, event_id FROM policy_active "
            + "ORDER BY name")) {
      while (r.next()) {
        out.add(new Store.Active(r.getString(1), r.getLong(2), r.getLong(3)));
      }
    }
    return out;
  }

  /** The policy's events that {@code where} (with one parameter, the name) selects. */
  static List<PolicyEvent> events(Connection c, String where, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, name, kind, version, previous_version, "
        + "at, by_whom, reason FROM policy_event " + where)) {
      s.setString(1, name);
      List<PolicyEvent> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long previous = r.getLong(5);
          OptionalLong prev = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(previous);
          out.add(new PolicyEvent(r.getLong(1), r.getString(2),
              PolicyEvent.Kind.valueOf(r.getString(3).toUpperCase(Locale.ROOT)),
              r.getLong(4), prev, Instant.ofEpochMilli(r.getLong(6)), r.getString(7),
              r.getString(8)));
        }
      }
      return out;
    }
  }
}

package dev.setpoint.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases of their own on the real PostgreSQL server of this machine (127.0.0.1:5432, user
 * postgres, trust auth; override with -Dsetpoint.test.postgres=host:port). A test that needs it
 * fails, never skips, when the server is down: start it with {@code pg_ctlcluster
 * --skip-systemctl-redirect $(ls /etc/postgresql) main start}.
 */
public final class TestPostgres {

  /** host:port of the server. */
  public static final String SERVER = System.getProperty("setpoint.test.postgres",
      "127.0.0.1:5432");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestPostgres() {}

  /** A connection as the superuser to database {@code database}. */
  public static Connection connect(String database) throws SQLException {
    try {
      return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + database
          + "?user=postgres");
    } catch (SQLException e) {
      throw new SQLException("PostgreSQL at " + SERVER + " is not reachable (" + e.getMessage()
          + "); start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
          e);
    }
  }

  /** A new, empty database, named for this process and {@code purpose}. */
  public static String create(String purpose) throws SQLException {
    String database = "setpoint_" + purpose + "_" + ProcessHandle.current().pid() + "_"
        + COUNTER.incrementAndGet();
    run("DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
    return database;
  }

  /** Drops {@code database}, closing its connections. */
  public static void drop(String database) throws SQLException {
    run("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  /** The JDBC URL of {@code database} as the superuser. */
  public static String url(String database) {
    return "jdbc:postgresql://" + SERVER + "/" + database + "?user=postgres";
  }

  /** Runs statements as the superuser on the maintenance database. */
  public static void run(String... statements) throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}

package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract against the real PostgreSQL server of this machine (127.0.0.1:5432, user postgres,
 * trust auth; override with -Dsetpoint.test.postgres=host:port). Each test gets a database of its own.
 * The test fails, never skips, when the server is down: start it with {@code pg_ctlcluster
 * --skip-systemctl-redirect $(ls /etc/postgresql) main start}.
 */
class PostgresStoreTest extends StoreContractTest {

  private static final String SERVER = System.getProperty("setpoint.test.postgres",
      "127.0.0.1:5432");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private String database;

  private static Connection admin() throws SQLException {
    try {
      return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres?user=postgres");
    } catch (SQLException e) {
      throw new SQLException("PostgreSQL at " + SERVER + " is not reachable (" + e.getMessage()
          + "); start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
          e);
    }
  }

  @Override
  Store open() throws SQLException {
    database = "setpoint_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    return reopen();
  }

  @Override
  Store reopen() {
    return JdbcStore.postgresql("jdbc:postgresql://" + SERVER + "/" + database + "?user=postgres");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    store.close();
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}

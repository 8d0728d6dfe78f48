package dev.setpoint.server.store;

import dev.setpoint.server.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract against the real PostgreSQL server of this machine ({@link TestPostgres}). Each test
 * gets a database of its own. The test fails, never skips, when the server is down.
 */
class PostgresStoreTest extends StoreContractTest {

  private String database;

  @Override
  Store open() throws SQLException {
    database = TestPostgres.create("test");
    return reopen();
  }

  @Override
  Store reopen() {
    return JdbcStore.postgresql(TestPostgres.url(database));
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    store.close();
    TestPostgres.drop(database);
  }
}

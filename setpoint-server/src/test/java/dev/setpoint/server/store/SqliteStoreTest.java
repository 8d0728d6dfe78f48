package dev.setpoint.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {

  @TempDir Path dir;

  @Override
  Store open() {
    return JdbcStore.sqlite(dir);
  }

  @Override
  Store reopen() {
    return JdbcStore.sqlite(dir);
  }
}

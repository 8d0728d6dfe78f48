package dev.setpoint.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store without an fsync per commit (durable across process crashes). */
class SqliteProcessCrashStoreTest extends StoreContractTest {

  @TempDir Path dir;

  @Override
  Store open() {
    return JdbcStore.sqlite(dir, JdbcStore.Durability.PROCESS_CRASH);
  }

  @Override
  Store reopen() {
    return JdbcStore.sqlite(dir, JdbcStore.Durability.PROCESS_CRASH);
  }
}

package dev.setpoint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: SQLite is the single-node embedded store, and says so when a second process opens the
 * same data directory, instead of letting two servers share the file and each decide with the
 * versions only it activated.
 */
class SqliteSingleNodeTest {

  @TempDir Path dir;

  /** Opens the embedded store in {@code args[0]}, says "open", and holds it until stdin closes. */
  public static void main(String[] args) throws Exception {
    try (Store store = JdbcStore.sqlite(Path.of(args[0]))) {
      System.out.println("open " + store.policyNames().size());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the store until the parent closes the pipe, or kills this process
      }
    }
  }

  @Test
  void aSecondProcessOpeningTheSameDataDirectoryIsRefusedNamingItAndPostgresql() throws Exception {
    Process holder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SqliteSingleNodeTest.class.getName(),
        dir.toString())).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
          StandardCharsets.UTF_8));
      String line = out.readLine();
      while (line != null && !line.startsWith("open")) {
        line = out.readLine();
      }
      assertThat(line).as("the other process opened the store").startsWith("open");
      assertThatThrownBy(() -> JdbcStore.sqlite(dir))
          .isInstanceOf(StoreException.InUse.class)
          .hasMessage("the embedded store in " + dir.toAbsolutePath() + " is in use by process "
              + holder.pid() + ": SQLite is single-node, one process per data directory; to run "
              + "several instances, give each the same PostgreSQL database with --store "
              + "postgresql://user@host:port/database");
      // Killed, it leaves its lock file behind but not its lock: the directory opens again.
      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (Store store = JdbcStore.sqlite(dir)) {
        assertThat(store.policyNames()).isEmpty();
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aSecondStoreOnTheSameDataDirectoryInThisProcessIsRefusedUntilTheFirstCloses() {
    // The JVM holds one lock per file and process, so the second attempt here is refused by the JVM
    // (OverlappingFileLockException), not by the operating system: the message says which.
    try (Store first = JdbcStore.sqlite(dir)) {
      assertThatThrownBy(() -> JdbcStore.sqlite(dir))
          .isInstanceOf(StoreException.InUse.class)
          .hasMessageContaining("is in use by another store of this process")
          .hasMessageContaining(dir.toAbsolutePath().toString());
      assertThat(first.policyNames()).isEmpty();
    }
    Store again = JdbcStore.sqlite(dir);
    assertThat(again.policyNames()).isEmpty();
    again.close();
    again.close(); // serve's shutdown hook closes the store, and so does the command after it
    try (Store third = JdbcStore.sqlite(dir)) {
      assertThat(third.policyNames()).isEmpty();
    }
  }
}

package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: a second {@code serve} on a data directory another one serves stops at start, in one
 * line naming the directory, and says that SQLite is single-node and PostgreSQL serves many
 * instances.
 */
class ServeSingleNodeTest {

  @TempDir Path dir;

  @Test
  void aSecondServeOnTheSameDataDirectoryFailsInOneLineNamingItAndPostgresql() throws Exception {
    Process first = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--port", "0", "--data-dir", dir.toString())).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(),
          StandardCharsets.UTF_8));
      StringBuilder log = new StringBuilder();
      String line = out.readLine();
      while (line != null && !line.contains("serving on")) {
        log.append(line).append('\n');
        line = out.readLine();
      }
      assertThat(line).as("the first serve did not start:\n" + log).isNotNull();

      CliRun second = CliRun.run("serve", "--port", "0", "--data-dir", dir.toString());
      assertThat(second.code()).isEqualTo(ExitCodes.DATA_ERROR);
      assertThat(second.err()).isEqualTo("setpoint: error: the embedded store in "
          + dir.toAbsolutePath() + " is in use by process " + first.pid() + ": SQLite is "
          + "single-node, one process per data directory; to run several instances, give each "
          + "the same PostgreSQL database with --store postgresql://user@host:port/database"
          + System.lineSeparator());
    } finally {
      first.destroy();
      first.waitFor(30, TimeUnit.SECONDS);
    }
  }
}

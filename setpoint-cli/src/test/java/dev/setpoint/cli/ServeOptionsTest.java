package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code setpoint serve}'s refusals before it starts: each a usage error (exit 2) in one line naming
 * the option, never a stack trace.
 */
class ServeOptionsTest {

  @TempDir Path dir;

  @Test
  void withoutTokensOnANetworkAddressItRefusesToStartUnlessToldItIsInsecure() {
    CliRun run = CliRun.run("serve", "--host", "0.0.0.0", "--port", "0", "--data-dir",
        dir.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--host 0.0.0.0 without --config would let anyone who can "
        + "reach the port decide, edit, activate and roll back policies")
        .contains("--insecure-no-auth").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.err().lines().findFirst()).hasValueSatisfying(first ->
        assertThat(first).startsWith("setpoint: error: --host 0.0.0.0 without --config"));
  }

  @Test
  void withTokensOrOnLoopbackThatRefusalDoesNotApply() {
    // A bad origin is refused after the access check: reaching it means that check passed.
    for (String[] args : new String[][] {{"--host", "127.0.0.1"}, {"--host", "localhost"},
        {"--host", "::1"}, {"--host", "0.0.0.0", "--insecure-no-auth"}}) {
      String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream
          .Stream.of("--port", "0", "--data-dir", dir.toString(), "--allowed-origin", "bad"))
          .toArray(String[]::new);
      CliRun run = CliRun.run(java.util.stream.Stream.concat(java.util.stream.Stream.of("serve"),
          java.util.Arrays.stream(all)).toArray(String[]::new));
      assertThat(run.err()).as(String.join(" ", args)).startsWith("setpoint: error: --allowed-origin must be");
    }
  }

  @Test
  void badLimitsAreUsageErrorsNamingTheirOption() {
    for (String[] bad : new String[][] {
        {"--max-connections", "0"}, {"--idle-timeout", "0"}, {"--read-timeout", "-1"},
        {"--commit-timeout", "0"}, {"--max-body-memory-mb", "4"},
        {"--auth-failures-per-minute", "-1"}, {"--allowed-origin", "https://x.example/path"},
        {"--allowed-origin", "not a url"}}) {
      CliRun run = CliRun.run("serve", "--port", "0", "--data-dir", dir.toString(), bad[0],
          bad[1]);
      assertThat(run.code()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", bad)).contains(bad[0])
          .doesNotContain("Exception");
    }
  }

  @Test
  void aRetentionMustBeAWholeNumberOfDays() {
    for (String bad : new String[] {"400", "0d", "1y", "-3d", "d"}) {
      CliRun run = CliRun.run("serve", "--port", "0", "--data-dir", dir.toString(), "--store",
          "postgresql://postgres@127.0.0.1:1/nowhere", "--retention", bad);
      assertThat(run.code()).as(bad).isEqualTo(2);
      assertThat(run.err()).as(bad).startsWith("setpoint: error: --retention must be a number of "
          + "days followed by d, at least 1d, e.g. 400d; was '" + bad + "'");
    }
  }

  @Test
  void aPortInUseIsAUsageErrorOfOneLineNamingThePortAndWhatToDo() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun run = CliRun.run("serve", "--port", Integer.toString(port), "--data-dir",
          dir.toString());
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).isEqualTo("setpoint: error: --port " + port + ": cannot listen on "
          + "127.0.0.1:" + port + ", another process holds it (choose another --port, or stop the "
          + "process that holds it)" + System.lineSeparator());
    }
  }

  @Test
  void aHostThatIsNotThisMachinesIsAUsageErrorOfOneLine() {
    CliRun run = CliRun.run("serve", "--port", "0", "--data-dir", dir.toString(), "--host",
        "192.0.2.1", "--insecure-no-auth");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("setpoint: error: --host 192.0.2.1 is not an address of this "
        + "machine (give one of its addresses, 127.0.0.1, or 0.0.0.0 for all)"
        + System.lineSeparator());
  }

  @Test
  void aStoreThatCannotBeReachedIsADataErrorOfOneLineWithoutItsPassword() {
    CliRun unreachable = CliRun.run("serve", "--port", "0", "--commit-timeout", "1", "--store",
        "postgresql://postgres:secret-password@127.0.0.1:1/nowhere");
    assertThat(unreachable.code()).isEqualTo(3);
    assertThat(unreachable.err().strip()).startsWith("setpoint: error: cannot open the store "
        + "(PostgreSQL at 127.0.0.1:1/nowhere): SQLState 08001: Connection to 127.0.0.1:1 refused")
        .endsWith("(check that PostgreSQL runs and accepts connections there, and the user, "
            + "password and database of --store)")
        .doesNotContain("secret-password").doesNotContain("\n");
  }

  @Test
  void anEmbeddedStoreFileThatIsNotADatabaseIsADataErrorOfOneLine() throws Exception {
    java.nio.file.Files.write(dir.resolve("setpoint.db"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23});
    CliRun run = CliRun.run("serve", "--port", "0", "--data-dir", dir.toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).startsWith("setpoint: error: ").doesNotContain("Exception")
        .doesNotContain("\tat ").contains("(is --data-dir the store's directory? A file that is not "
            + "a store can be moved away; serve then starts a new one)");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aDataDirThatIsAFileOrBelowOneIsAUsageErrorOfOneLine() throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("file"), "x");
    CliRun isAFile = CliRun.run("serve", "--port", "0", "--data-dir", file.toString());
    assertThat(isAFile.code()).isEqualTo(2);
    assertThat(isAFile.err()).isEqualTo("setpoint: error: --data-dir " + file + " is a file, not "
        + "a directory (give a directory; it is created if missing)" + System.lineSeparator());
    CliRun belowAFile = CliRun.run("serve", "--port", "0", "--data-dir",
        file.resolve("data").toString());
    assertThat(belowAFile.code()).isEqualTo(2);
    assertThat(belowAFile.err()).startsWith("setpoint: error: --data-dir " + file.resolve("data")
        + " cannot be created: ").endsWith(" (give a directory this user may create or write to)"
        + System.lineSeparator());
    assertThat(belowAFile.err().lines()).hasSize(1);
  }

  @Test
  void aMissingOrBadConfigFileIsAUsageErrorOfOneLineNamingTheOption() throws Exception {
    Path missing = dir.resolve("tokens.yaml");
    CliRun run = CliRun.run("serve", "--port", "0", "--data-dir", dir.toString(), "--config",
        missing.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("setpoint: error: --config " + missing + ": no such file (give "
        + "the YAML file of tokens, docs/operations.md#access)" + System.lineSeparator());
    java.nio.file.Files.writeString(missing, "tokens: [");
    CliRun bad = CliRun.run("serve", "--port", "0", "--data-dir", dir.toString(), "--config",
        missing.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("setpoint: error: --config " + missing + ": ");
    assertThat(bad.err().lines()).hasSize(1);
  }
}

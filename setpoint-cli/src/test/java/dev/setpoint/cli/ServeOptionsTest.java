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
        assertThat(first).startsWith("--host 0.0.0.0 without --config"));
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
      assertThat(run.err()).as(String.join(" ", args)).startsWith("--allowed-origin must be");
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
  void aPortInUseOrAStoreThatCannotBeReachedIsOneLineAndExit4() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.run("serve", "--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", dir.toString());
      assertThat(run.code()).isEqualTo(4);
      assertThat(run.err().strip()).isEqualTo("setpoint: error: cannot listen on 127.0.0.1:"
          + taken.getLocalPort() + ": the address is in use or not this machine's (choose "
          + "another with --port or --host)");
    }
    CliRun unreachable = CliRun.run("serve", "--port", "0", "--commit-timeout", "1", "--store",
        "postgresql://postgres:secret-password@127.0.0.1:1/nowhere");
    assertThat(unreachable.code()).isEqualTo(4);
    assertThat(unreachable.err().strip()).startsWith("setpoint: error: cannot open the store "
        + "(PostgreSQL at 127.0.0.1:1/nowhere): SQLState 08001: Connection to 127.0.0.1:1 refused")
        .doesNotContain("secret-password").doesNotContain("\n");
    CliRun notADirectory = CliRun.run("serve", "--port", "0", "--data-dir",
        java.nio.file.Files.writeString(dir.resolve("file"), "x").resolve("data").toString());
    assertThat(notADirectory.code()).isEqualTo(4);
    assertThat(notADirectory.err().strip()).isEqualTo("setpoint: error: cannot create --data-dir "
        + dir.resolve("file").resolve("data") + ": Not a directory");
  }
}

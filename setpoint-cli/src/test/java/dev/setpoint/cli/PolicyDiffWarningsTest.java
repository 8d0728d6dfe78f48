package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setpoint policy diff} says each warning once, even when both policies carry it. */
class PolicyDiffWarningsTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "policies", "card-fraud.yaml");

  @TempDir Path dir;

  /** The worked example with its step-up band removed: 'step-up' is declared but unused (a warning). */
  private Path unusedAction(String name, String blockAt) throws Exception {
    String text = Files.readString(EXAMPLE).replace("      - { action: step-up, minScore: 0.85 }\n", "")
        .replace("{ action: block, minScore: 0.97 }", "{ action: block, minScore: " + blockAt + " }");
    return Files.writeString(dir.resolve(name), text);
  }

  private static List<String> warnings(CliRun r) {
    return r.err().lines().filter(l -> l.startsWith("setpoint: warning:")).toList();
  }

  @Test
  void aWarningBothPoliciesCarryIsPrintedOnceNamingBoth() throws Exception {
    Path old = unusedAction("old.yaml", "0.97");
    Path candidate = unusedAction("new.yaml", "0.96");
    CliRun r = run("policy", "diff", old.toString(), candidate.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("~ segment eu-premium band block: minScore 0.97 -> 0.96");
    assertThat(warnings(r)).containsExactly("setpoint: warning: " + old + ":13:5 and " + candidate
        + ":13:5: /actions/0/name: action 'step-up' is declared but no band uses it");
  }

  @Test
  void aPolicyComparedWithItselfWarnsOnce() throws Exception {
    Path old = unusedAction("old.yaml", "0.97");
    CliRun r = run("policy", "diff", old.toString(), old.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(warnings(r)).containsExactly("setpoint: warning: " + old
        + ":13:5: /actions/0/name: action 'step-up' is declared but no band uses it");
  }

  @Test
  void aWarningOnlyOnePolicyCarriesIsPrintedForThatPolicy() throws Exception {
    Path old = unusedAction("old.yaml", "0.97");
    CliRun r = run("policy", "diff", old.toString(), EXAMPLE.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(warnings(r)).containsExactly("setpoint: warning: " + old
        + ":13:5: /actions/0/name: action 'step-up' is declared but no band uses it");
  }
}

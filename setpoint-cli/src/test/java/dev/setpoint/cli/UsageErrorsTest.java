package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Usage errors in one style: {@code setpoint: error: <what, naming the value> (<the fix>)} and the
 * {@code --help} to read, exit 2, and no usage dump.
 */
class UsageErrorsTest {

  private static void assertUsageError(CliRun run, String message, String help) {
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).containsExactly("setpoint: error: " + message,
        "Try '" + help + " --help' for the " + (help.equals("setpoint")
            || help.equals("setpoint policy") ? "commands." : "options."));
  }

  @Test
  void aMisspeltCommandIsNamedWithTheClosestCommand() {
    assertUsageError(CliRun.run("evaluat", "scores.csv"),
        "unknown command 'evaluat' (did you mean 'evaluate'?)", "setpoint");
    assertUsageError(CliRun.run("policy", "valdate", "p.yaml"),
        "unknown command 'valdate' (did you mean 'validate'?)", "setpoint policy");
    assertUsageError(CliRun.run("help", "evaluat"),
        "unknown command 'evaluat' (did you mean 'evaluate'?)", "setpoint");
    assertUsageError(CliRun.run("xyzzy"), "unknown command 'xyzzy' (the commands: evaluate, "
        + "choose, calibrate, decide, policy, serve, train, score, audit, labels)", "setpoint");
  }

  @Test
  void aMisspeltOptionIsNamedWithTheClosestOption() {
    assertUsageError(CliRun.run("choose", "scores.csv", "--scroe", "p"),
        "unknown option '--scroe' (did you mean '--score'?)", "setpoint choose");
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--bogus"),
        "unknown option '--bogus' (setpoint evaluate has no such option)", "setpoint evaluate");
  }

  @Test
  void aBadOptionValueNamesTheOptionTheValueAndWhatIsExpected() {
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--at", "abc"),
        "--at: 'abc' is not a number (e.g. 0.5)", "setpoint evaluate");
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--bins", "1.5"),
        "--bins: '1.5' is not a whole number (e.g. 10)", "setpoint evaluate");
    assertUsageError(CliRun.run("serve", "--port", "http"),
        "--port: 'http' is not a whole number (e.g. 8080)", "setpoint serve");
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--format", "xml"),
        "--format: 'xml' is not one of table, json", "setpoint evaluate");
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--input-format", "xml"),
        "--input-format: 'xml' is not a format; expected csv, tsv, jsonl or parquet",
        "setpoint evaluate");
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--bins", "10", "--bins", "20"),
        "--bins is given more than once (give it once; it takes one N)", "setpoint evaluate");
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--bins"),
        "--bins needs a value (--bins N)", "setpoint evaluate");
  }

  @Test
  void aMissingArgumentOrCommandIsNamedWithAnExample() {
    assertUsageError(CliRun.run("evaluate"), "missing FILE (e.g. setpoint evaluate scores.csv)",
        "setpoint evaluate");
    assertUsageError(CliRun.run("decide", "scores.csv"),
        "missing --policy POLICY (e.g. setpoint decide --policy policy.yaml scores.csv)",
        "setpoint decide");
    assertUsageError(CliRun.run(), "missing command: one of evaluate, choose, calibrate, decide, "
        + "policy, serve, train, score, audit, labels (e.g. setpoint evaluate scores.csv)", "setpoint");
    assertUsageError(CliRun.run("policy"), "missing command: one of validate, explain, diff, "
        + "schema (e.g. setpoint policy validate policy.yaml)", "setpoint policy");
  }

  @Test
  void aValueWithControlCharactersIsShownEscaped() {
    assertUsageError(CliRun.run("evaluate", "scores.csv", "--at", "1\u001b[2J"),
        "--at: '1\\u001B[2J' is not a number (e.g. 0.5)", "setpoint evaluate");
  }
}

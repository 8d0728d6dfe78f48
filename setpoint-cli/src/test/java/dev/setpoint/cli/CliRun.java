package dev.setpoint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the {@code setpoint} command line in-process for tests, capturing what it prints.
 *
 * @param code the exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CliRun(int code, String out, String err) {

  /** Runs {@code setpoint args…}. */
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }
}

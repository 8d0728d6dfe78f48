package dev.setpoint.cli;

/**
 * The exit codes of every {@code setpoint} command, in a leaf of their own so that a command returns
 * them without importing {@link Main}, which imports the commands.
 *
 * <p>{@value #OK} success (also an infeasible objective: that is an answer); {@value #USAGE} a usage
 * error (unknown option, bad option value); {@value #DATA_ERROR} the data cannot be used (a bad value,
 * a missing column, an unreadable file, a single class where a metric needs both). Internal errors,
 * which are bugs, exit with picocli's {@code ExitCode.SOFTWARE} (1).
 */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;
  /** A usage error: unknown option or invalid option value. */
  public static final int USAGE = 2;
  /** The data cannot be used; the message names file, line, column and value. */
  public static final int DATA_ERROR = 3;

  private ExitCodes() {}
}

package dev.setpoint.cli;

import dev.setpoint.policy.options.UsageMessages;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Every usage error in one style, exit {@value ExitCodes#USAGE}: one line {@code setpoint: error: <what is
 * wrong, naming the value> (<the fix>)}, then one line naming the {@code --help} that lists the
 * options — never the usage itself, which would bury the one line that matters. An {@link
 * UnusableValue} (a well-written value that cannot be used here) is the first line alone. The first
 * line's words are {@link UsageMessages}', which the Spark job's usage errors share.
 */
final class UsageErrors implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("setpoint: error: " + UsageMessages.of(ex, args));
    if (ex instanceof UnusableValue || ex.getCause() instanceof UnusableValue.Conversion) {
      err.flush();
      return ExitCodes.USAGE;
    }
    CommandSpec spec = cli.getCommandSpec();
    err.println("Try '" + spec.qualifiedName() + " --help' for the "
        + (UsageMessages.commands(spec).isEmpty() ? "options." : "commands."));
    err.flush();
    return ExitCodes.USAGE;
  }
}

package dev.setpoint.cli.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint audit …}: the decision service's audit log, offline. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "The decision service's audit log, read from its store: export a time range of decisions "
          + "with their labels, for evaluate, choose and the Spark job.",
      ""
    },
    subcommands = {ExportCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples:",
      "  setpoint audit export --from 30d -o decisions.parquet"
    })
public final class AuditCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing command: export (e.g. setpoint audit export --from 30d -o decisions.parquet)");
  }
}

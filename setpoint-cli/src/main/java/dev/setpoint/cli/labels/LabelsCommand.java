package dev.setpoint.cli.labels;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint labels …}: labels for a running decision service. */
@Command(
    name = "labels",
    mixinStandardHelpOptions = true,
    description = {
      "Labels (the true outcomes of decided cases) for a running decision service: import a CSV or "
          + "JSON Lines file of them.",
      ""
    },
    subcommands = {ImportCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples:",
      "  setpoint labels import labels.csv --server http://127.0.0.1:8080"
    })
public final class LabelsCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: import (e.g. setpoint "
        + "labels import labels.csv --server http://127.0.0.1:8080)");
  }
}

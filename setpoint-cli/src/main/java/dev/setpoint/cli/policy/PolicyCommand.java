package dev.setpoint.cli.policy;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint policy …}: work with policy documents. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = {
      "Policy documents: validate them, explain them in words (or trace one decision), compare two "
          + "versions, print the JSON Schema. The format is in docs/policy.md.",
      ""
    },
    subcommands = {ValidateCommand.class, ExplainCommand.class, DiffCommand.class,
        SchemaCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples:",
      "  setpoint policy validate policy.yaml",
      "  setpoint policy explain policy.yaml",
      "  setpoint policy explain policy.yaml --score 0.91 --attribute jurisdiction=EU \\",
      "      --attribute tier=premium",
      "  setpoint policy diff old.yaml new.yaml --data scores.csv",
      "  setpoint policy schema > policy-v1.schema.json"
    })
public final class PolicyCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing command: one of validate, explain, diff, schema (e.g. setpoint policy validate "
            + "policy.yaml)");
  }
}

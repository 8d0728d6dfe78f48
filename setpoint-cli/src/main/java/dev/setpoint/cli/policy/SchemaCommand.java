package dev.setpoint.cli.policy;

import dev.setpoint.policy.PolicyDocuments;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code setpoint policy schema}: prints the JSON Schema of policy documents. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Prints the JSON Schema (draft 2020-12) of policy documents, for editors and CI.")
final class SchemaCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(PolicyDocuments.schema());
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package dev.setpoint.cli.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.cli.report.JsonOutput;
import dev.setpoint.cli.ExitCodes;
import dev.setpoint.cli.report.OutputFormat;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code setpoint policy validate FILE…}: every error and warning, with its path and line. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks policy documents: syntax, the JSON Schema, and the rules across fields (band order, "
          + "reachable segments, a default segment, score range, declared actions). Prints each "
          + "problem as FILE:LINE:COLUMN: JSON-POINTER: message.",
      ""
    },
    footer = {"", "Exit codes: 0 every document is valid (with --strict: and has no warnings), "
        + "3 otherwise."})
final class ValidateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "POLICY", arity = "1..*", description = "Policy documents (.yaml or .json).")
  private List<Path> files;

  @Option(names = "--strict", description = "Fail on warnings too.")
  private boolean strict;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode results = mapper.createArrayNode();
    boolean ok = true;
    for (Path file : files) {
      Validation v;
      try {
        v = PolicyDocuments.read(file);
      } catch (NoSuchFileException e) {
        ok = false;
        if (format == OutputFormat.JSON) {
          results.addObject().put("file", file.toString()).put("valid", false)
              .put("error", "no such file");
        } else {
          out.println(file + ": no such file");
        }
        continue;
      }
      List<Problem> errors = v instanceof Validation.Invalid i ? i.errors() : List.of();
      boolean passes = errors.isEmpty() && !(strict && !v.warnings().isEmpty());
      ok &= passes;
      if (format == OutputFormat.JSON) {
        ObjectNode node = results.addObject();
        node.put("file", file.toString());
        node.put("valid", errors.isEmpty());
        if (v instanceof Validation.Valid valid) {
          node.put("name", valid.policy().name());
          node.put("sha256", valid.sha256());
          node.put("segments", valid.policy().segments().size());
        }
        problems(node.putArray("errors"), errors);
        problems(node.putArray("warnings"), v.warnings());
        continue;
      }
      for (Problem p : errors) {
        out.println(p.describe(file.toString()).replaceFirst(": ", ": error: "));
      }
      for (Problem p : v.warnings()) {
        out.println(p.describe(file.toString()).replaceFirst(": ", ": warning: "));
      }
      if (v instanceof Validation.Valid valid) {
        out.printf(Locale.ROOT, "%s: valid: policy %s, %d segment%s, %d warning%s, sha256 %s%n", file,
            valid.policy().name(), valid.policy().segments().size(),
            valid.policy().segments().size() == 1 ? "" : "s", v.warnings().size(),
            v.warnings().size() == 1 ? "" : "s", valid.sha256());
      } else {
        out.printf(Locale.ROOT, "%s: invalid: %d error%s, %d warning%s%n", file, errors.size(),
            errors.size() == 1 ? "" : "s", v.warnings().size(), v.warnings().size() == 1 ? "" : "s");
      }
    }
    if (format == OutputFormat.JSON) {
      JsonOutput.print(results, out);
    }
    out.flush();
    return ok ? ExitCodes.OK : ExitCodes.DATA_ERROR;
  }

  private static void problems(ArrayNode array, List<Problem> problems) {
    for (Problem p : problems) {
      ObjectNode node = array.addObject().put("pointer", p.pointer()).put("message", p.message());
      p.position().ifPresent(at -> node.put("line", at.line()).put("column", at.column()));
    }
  }
}

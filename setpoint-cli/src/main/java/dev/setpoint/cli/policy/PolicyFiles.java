package dev.setpoint.cli.policy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Policy files for commands: loading one (a valid policy, or a data error that lists every problem), and
 * writing one that a command chose ({@code choose -o}, {@code train --policy}).
 */
public final class PolicyFiles {

  /** Beyond this many, a command's warnings about its policy are counted, not listed. */
  static final int SHOWN_WARNINGS = 5;

  private PolicyFiles() {}

  /**
   * Reads and validates a policy file; warnings go to {@code err}.
   *
   * @throws DataFormatException listing every error, when the policy is invalid
   */
  public static Validation.Valid load(Path file, PrintWriter err) throws IOException,
      DataFormatException {
    Validation v = PolicyDocuments.read(file);
    if (v instanceof Validation.Invalid invalid) {
      throw DataFormatException.ofSource(file.toString(), "is not a valid policy:"
          + list(invalid.errors(), v.source()));
    }
    int shown = 0;
    for (Problem w : v.warnings()) {
      if (shown++ == SHOWN_WARNINGS) {
        err.println("setpoint: warning: ... and " + (v.warnings().size() - SHOWN_WARNINGS)
            + " more; 'setpoint policy validate " + file + "' lists them all");
        break;
      }
      err.println("setpoint: warning: " + w.describe(v.source()));
    }
    return (Validation.Valid) v;
  }

  /** Whether the file name says it is a policy document: {@code .yaml}, {@code .yml} or {@code .json}. */
  public static boolean isDocumentName(Path file) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  /**
   * A policy name from the file it is written to: the name without its extension, other characters
   * than {@code [A-Za-z0-9_.:/-]} as '-', prefixed with "policy" unless it starts with a letter or
   * digit.
   */
  public static String nameFrom(Path output) {
    String file = output.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String name = (dot < 0 ? file : file.substring(0, dot)).replaceAll("[^A-Za-z0-9_.:/-]", "-");
    return name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "policy" + name : name;
  }

  /**
   * Writes a policy a command chose, in the format its name implies, after validating it; warnings and
   * a line saying what was written go to {@code err}.
   *
   * @throws IllegalStateException if the policy is invalid: a command built it, so that is a bug
   */
  public static void write(Policy policy, Path output, PrintWriter err) throws IOException {
    Validation v = PolicyDocuments.validate(policy);
    if (v instanceof Validation.Invalid invalid) {
      throw new IllegalStateException("the chosen policy is invalid: " + invalid.errors());
    }
    PolicyDocuments.write(policy, output);
    for (Problem w : v.warnings()) {
      err.println("setpoint: warning: " + w.describe(output.toString()));
    }
    err.printf(Locale.ROOT, "policy '%s' written to %s: %d segment%s; read it back with "
        + "'setpoint policy explain %s'%n", policy.name(), output, policy.segments().size(),
        policy.segments().size() == 1 ? "" : "s", output);
    err.flush();
  }

  /** The problems, one per line, indented. */
  static String list(Iterable<Problem> problems, String source) {
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems) {
      sb.append("\n  ").append(p.describe(source));
    }
    return sb.toString();
  }
}

package dev.setpoint.cli.policy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loading a policy file for a command: a valid policy, or a data error that lists every problem. */
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

  /** The problems, one per line, indented. */
  static String list(Iterable<Problem> problems, String source) {
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems) {
      sb.append("\n  ").append(p.describe(source));
    }
    return sb.toString();
  }
}

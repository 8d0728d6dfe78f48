package dev.setpoint.cli.policy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
    Validation.Valid v = read(file);
    warn(List.of(file), List.of(v), err);
    return v;
  }

  /**
   * Reads and validates the policies a command compares ({@code policy diff}); a warning several of
   * them carry (the same pointer and message) is printed once, naming each place, so that comparing a
   * policy with its next version does not repeat what both say.
   *
   * @throws DataFormatException listing every error of the first invalid policy
   */
  static List<Validation.Valid> loadAll(List<Path> files, PrintWriter err) throws IOException,
      DataFormatException {
    List<Validation.Valid> valid = new ArrayList<>();
    for (Path file : files) {
      valid.add(read(file));
    }
    warn(files, valid, err);
    return List.copyOf(valid);
  }

  private static Validation.Valid read(Path file) throws IOException, DataFormatException {
    Validation v = PolicyDocuments.read(file);
    if (v instanceof Validation.Invalid invalid) {
      throw DataFormatException.ofSource(file.toString(), "is not a valid policy:"
          + list(invalid.errors(), v.source()));
    }
    return (Validation.Valid) v;
  }

  /** Each distinct warning once, with the places it was found; beyond {@link #SHOWN_WARNINGS}, a count. */
  private static void warn(List<Path> files, List<Validation.Valid> valid, PrintWriter err) {
    Map<List<String>, Set<String>> places = new LinkedHashMap<>();
    for (Validation.Valid v : valid) {
      for (Problem w : v.warnings()) {
        String place = v.source() + w.position().map(p -> ":" + p.line() + ":" + p.column()).orElse("");
        places.computeIfAbsent(List.of(w.pointer(), w.message()), k -> new LinkedHashSet<>()).add(place);
      }
    }
    int shown = 0;
    for (Map.Entry<List<String>, Set<String>> w : places.entrySet()) {
      if (shown++ == SHOWN_WARNINGS) {
        err.println("setpoint: warning: ... and " + (places.size() - SHOWN_WARNINGS)
            + " more; 'setpoint policy validate " + files.stream().distinct().map(Path::toString)
                .collect(Collectors.joining(" ")) + "' lists them all");
        break;
      }
      String pointer = w.getKey().get(0);
      err.println("setpoint: warning: " + String.join(" and ", w.getValue()) + ": "
          + (pointer.isEmpty() ? "(document)" : pointer) + ": " + w.getKey().get(1));
    }
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

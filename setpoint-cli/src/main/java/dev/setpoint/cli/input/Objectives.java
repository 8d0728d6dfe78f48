package dev.setpoint.cli.input;

import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Parses {@code --objective} values, turning syntax errors into one-line usage errors (exit 2) that
 * quote the value and, when the fault is inside it, the part from the bad token on.
 */
public final class Objectives {

  private Objectives() {}

  /** Parses each value in order. */
  public static List<Objective> parse(CommandLine commandLine, List<String> values) {
    List<Objective> objectives = new ArrayList<>();
    for (String value : values) {
      try {
        objectives.add(ObjectiveParser.parse(value));
      } catch (ObjectiveSyntaxException e) {
        throw new ParameterException(commandLine, message(value, e));
      }
    }
    return objectives;
  }

  /** {@code -O 'cost:fn=-10,fp=1': a cost must be >= 0 ... (at 'fn=-10,fp=1')}. */
  static String message(String value, ObjectiveSyntaxException e) {
    return "-O '" + value + "': " + e.problemInOneLine();
  }
}

package dev.setpoint.cli.input;

import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses {@code --objective} values, turning syntax errors into usage errors (exit 2) with the pointer. */
public final class Objectives {

  private Objectives() {}

  /** Parses each value in order. */
  public static List<Objective> parse(CommandLine commandLine, List<String> values) {
    List<Objective> objectives = new ArrayList<>();
    for (String value : values) {
      try {
        objectives.add(ObjectiveParser.parse(value));
      } catch (ObjectiveSyntaxException e) {
        throw new ParameterException(commandLine, "Invalid objective: " + e.getMessage()
            + System.lineSeparator() + "Objectives: " + ObjectiveParser.FORMS);
      }
    }
    return objectives;
  }
}

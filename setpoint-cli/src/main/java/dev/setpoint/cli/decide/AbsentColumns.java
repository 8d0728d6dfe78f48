package dev.setpoint.cli.decide;

import dev.setpoint.read.ReadSummary;
import dev.setpoint.spelling.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The note that a file lacks the column of a policy attribute. Such a file is decided as the decision
 * service decides requests without the attribute: every row is missing it, and goes to the first
 * segment that does not match on it (the default at the latest) with route {@code
 * default_missing_attributes} there. The note says so once, on stderr, for {@code setpoint decide}
 * and {@code setpoint policy diff --data} alike.
 */
public final class AbsentColumns {

  private AbsentColumns() {}

  /**
   * Prints one note per absent column.
   *
   * @param attributes the policy attributes read, in the order their columns were requested
   * @param columns the column each was read from, in the same order
   */
  public static void note(PrintWriter err, ReadSummary read, List<String> attributes,
      List<String> columns) {
    for (String column : read.absentColumns()) {
      String attribute = attributes.get(columns.indexOf(column));
      List<String> why = new ArrayList<>();
      if (!column.equals(attribute)) {
        why.add("--attribute " + attribute + "=" + column);
      }
      Suggestions.closest(column, read.columns()).ifPresent(c -> why.add("did you mean '" + c
          + "'? names match exactly"));
      err.printf("setpoint: note: %s has no column '%s'%s: every row is missing attribute %s and "
          + "is routed as the decision service routes a request without it (to the first segment "
          + "that does not match on %s, the default at the latest); map another column with "
          + "--attribute %s=COLUMN%n", read.source(), column,
          why.isEmpty() ? "" : " (" + String.join("; ", why) + ")", attribute, attribute, attribute);
    }
    err.flush();
  }

  /** The columns of {@code attributes} under {@code --attribute NAME=COLUMN} mappings. */
  static List<String> columns(List<String> attributes, Map<String, String> mapped) {
    return attributes.stream().map(a -> mapped.getOrDefault(a, a)).toList();
  }
}

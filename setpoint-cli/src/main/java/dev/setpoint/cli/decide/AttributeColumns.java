package dev.setpoint.cli.decide;

import dev.setpoint.read.ReadSummary;
import dev.setpoint.spelling.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Which column holds each policy attribute, {@code --attribute NAME=COLUMN} (a picocli mixin, declared
 * once for {@code setpoint decide} and {@code setpoint policy diff --data}), and the note that a file
 * lacks such a column. Such a file is decided as the decision service decides requests without the
 * attribute: every row is missing it, and goes to the first segment that does not match on it (the
 * default at the latest) with route {@code default_missing_attributes} there. The note says so once,
 * on stderr, for both commands alike.
 */
public final class AttributeColumns {

  /** Empty options, which picocli fills from the command line. */
  public AttributeColumns() {}

  @Option(names = "--attribute", paramLabel = "NAME=COLUMN",
      description = "Read the policy attribute NAME from COLUMN (repeatable). Default: the column "
          + "named like the attribute.")
  private Map<String, String> mapped = new LinkedHashMap<>();

  /** The attributes given a column with --attribute, in the order given. */
  public Set<String> named() {
    return mapped.keySet();
  }

  /** The column of each of {@code attributes}, in the same order: its own name unless mapped. */
  public List<String> columns(Collection<String> attributes) {
    return attributes.stream().map(a -> mapped.getOrDefault(a, a)).toList();
  }

  /**
   * Prints one note per absent column.
   *
   * @param attributes the policy attributes read, in the order their columns were requested
   */
  public void noteAbsent(PrintWriter err, ReadSummary read, List<String> attributes) {
    List<String> columns = columns(attributes);
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
}

package dev.setpoint.read;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.spelling.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The column names a score file offers (a CSV header, the keys of the first JSON object, the top-level
 * Parquet fields), and the lookup of requested columns by name.
 *
 * <p>Names match after trimming, case-sensitively. A requested column that is absent is a structural
 * error that lists the columns that exist and, when one is close enough to be a typo ({@link
 * Suggestions#closest}), suggests it:
 * {@code scores.csv: no column 'scroe' (columns: score, label, amount); did you mean 'score'?}
 */
final class Header {

  /** Beyond this many, the list of existing columns in a message is cut short. */
  private static final int LISTED_COLUMNS = 20;

  private final String source;
  private final List<String> names;

  Header(String source, List<String> names) {
    this.source = source;
    this.names = List.copyOf(names);
  }

  /** The column names, in file order. */
  List<String> names() {
    return names;
  }

  /** Whether exactly one column has the name (after trimming). */
  boolean has(String column) {
    String wanted = column.trim();
    return names.stream().filter(n -> n.trim().equals(wanted)).count() == 1;
  }

  /** Whether no column has the name (after trimming). */
  boolean lacks(String column) {
    String wanted = column.trim();
    return names.stream().noneMatch(n -> n.trim().equals(wanted));
  }

  /**
   * Finds a column.
   *
   * @param location where the header is ({@code line 1}), for the duplicate-name error; may be empty
   * @return the column's index among {@link #names()}
   * @throws DataFormatException if no column has the name, or more than one has
   */
  int require(String column, String location) throws DataFormatException {
    String wanted = column.trim();
    int found = -1;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).trim().equals(wanted)) {
        if (found >= 0) {
          throw new DataFormatException(source, location, wanted, "",
              "appears more than once (fields " + (found + 1) + " and " + (i + 1) + ")");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw DataFormatException.ofSource(source, missing(wanted));
    }
    return found;
  }

  private String missing(String wanted) {
    StringBuilder sb = new StringBuilder("no column '").append(wanted).append("' (columns: ");
    if (names.isEmpty()) {
      sb.append("none");
    }
    for (int i = 0; i < Math.min(names.size(), LISTED_COLUMNS); i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i).trim());
    }
    if (names.size() > LISTED_COLUMNS) {
      sb.append(", ... and ").append(names.size() - LISTED_COLUMNS).append(" more");
    }
    sb.append(')');
    Optional<String> delimiter = otherDelimiter(wanted);
    if (delimiter.isPresent()) {
      return sb.append("; the header splits on ").append(delimiter.get()).append(": give --delimiter ")
          .append(delimiter.get()).toString();
    }
    Suggestions.closest(wanted, names.stream().map(String::trim).toList())
        .ifPresent(suggestion -> sb.append("; did you mean '").append(suggestion).append("'?"));
    return sb.toString();
  }

  /**
   * The delimiter, as --delimiter takes it, that would split a one-column header into columns
   * among which {@code wanted} is: a file separated by ';', tab or '|' read as comma-separated.
   */
  private Optional<String> otherDelimiter(String wanted) {
    if (names.size() != 1) {
      return Optional.empty();
    }
    for (String d : List.of(";", "\t", "|", ",")) {
      if (Arrays.stream(names.get(0).split(Pattern.quote(d))).map(String::trim)
          .anyMatch(wanted::equals)) {
        return Optional.of(d.equals("\t") ? "tab" : "'" + d + "'");
      }
    }
    return Optional.empty();
  }
}

package dev.setpoint.data;

import java.util.Objects;

/**
 * Input data that cannot be used as it is: a value that is not a number, a non-finite score, a label that
 * is neither the declared positive nor negative value, a negative weight, a missing column, an empty
 * file, or a class missing where a metric needs both.
 *
 * <p>The message always names where the problem is, so a user can open the file and look: the source
 * (file name), the location ({@code line 14}, or {@code row 1,234 (row group 2)} for Parquet), the column
 * and the offending value. Each part is also available on its own for programs.
 *
 * <p>Example: {@code scores.csv, line 14, column 'score': 'abc' is not a number}.
 */
public final class DataFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String location;
  private final String column;
  private final String value;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param source the file name or other source description, never empty
   * @param location where in the source, e.g. {@code line 14}; empty when the whole source is at fault
   * @param column the column name, or empty when no single column is at fault
   * @param value the offending value as it appeared, or empty when there is none
   * @param problem what is wrong, as a plain sentence fragment ({@code is not a number})
   */
  public DataFormatException(
      String source, String location, String column, String value, String problem) {
    super(format(source, location, column, value, problem));
    this.source = Objects.requireNonNull(source, "source");
    this.location = Objects.requireNonNull(location, "location");
    this.column = Objects.requireNonNull(column, "column");
    this.value = Objects.requireNonNull(value, "value");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** An error about the whole source, such as an empty file or a missing column. */
  public static DataFormatException ofSource(String source, String problem) {
    return new DataFormatException(source, "", "", "", problem);
  }

  private static String format(
      String source, String location, String column, String value, String problem) {
    StringBuilder sb = new StringBuilder(source);
    if (!location.isEmpty()) {
      sb.append(", ").append(location);
    }
    if (!column.isEmpty()) {
      sb.append(", column '").append(column).append('\'');
    }
    sb.append(": ");
    if (!value.isEmpty()) {
      sb.append('\'').append(abbreviate(value)).append("' ");
    }
    return sb.append(problem).toString();
  }

  /** Long garbage (a binary file read as CSV) must not flood the terminal. */
  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }

  /** The file name or source description. */
  public String source() {
    return source;
  }

  /** Where in the source, such as {@code line 14}; empty if the whole source is at fault. */
  public String location() {
    return location;
  }

  /** The column at fault; empty if none. */
  public String column() {
    return column;
  }

  /** The offending value as it appeared; empty if none. */
  public String value() {
    return value;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}

package dev.setpoint.data;

import java.util.regex.Pattern;

/**
 * A parser's error text made fit to show a user. Jackson nests locations in its messages with a
 * placeholder for the source ({@code start marker at [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]}), which says
 * nothing to the reader; every message Setpoint builds names the file or the request itself.
 */
public final class ParserMessages {

  private static final Pattern SOURCE_PLACEHOLDER = Pattern.compile("\\[Source: [^;\\]]*; ");

  private ParserMessages() {}

  /**
   * {@code message} with every {@code [Source: …; } placeholder reduced to {@code [}, so {@code
   * [Source: REDACTED (…); line: 2, column: 1]} reads {@code [line: 2, column: 1]}; {@code "null"}
   * for null.
   */
  public static String withoutSourcePlaceholder(String message) {
    return SOURCE_PLACEHOLDER.matcher(String.valueOf(message)).replaceAll("[");
  }

  /**
   * {@code message} as one line: {@link #withoutSourcePlaceholder} and, of a YAML parser's text —
   * a context, the problem, each followed by an indented copy of the offending line and a caret
   * under it — only the sentences, joined by {@code "; "}; {@code '<stream end>'} reads {@code the
   * end of the file}. The caller's message gives the file, line and column.
   */
  public static String oneLine(String message) {
    return withoutSourcePlaceholder(message).lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .collect(java.util.stream.Collectors.joining("; "))
        .replace("'<stream end>'", "the end of the file");
  }
}

package dev.setpoint.spelling;

import java.util.Locale;

/**
 * Text from outside (a header, a parameter, a reason someone typed) made safe to echo in an answer or
 * a log line. One rule for what is hidden: control characters, the Unicode line and paragraph
 * separators, and the bidirectional-text controls (U+202E before {@code vsc.csv} makes it display as
 * {@code csv.csv}); each is written as an escape, so a value cannot forge a log line, break a message
 * or show as another text than it is.
 */
public final class Printable {

  private Printable() {}

  /**
   * {@code text} for a log line: hidden characters escaped ({@code \n}, {@code \r}, {@code \t},
   * otherwise &#92;u0000); {@code null} stays {@code null}.
   */
  public static String escaped(String text) {
    if (text == null || !hasHidden(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> append(out, c);
      }
    });
    return out.toString();
  }

  /**
   * A value as a message shows it: in single quotes, hidden characters written as &#92;uXXXX and
   * a backslash doubled, so the escapes are unambiguous. A value of more than {@code maxChars}
   * characters is cut there and followed by its length: {@code 'xxx…' (304 characters)}.
   */
  public static String quoted(String value, int maxChars) {
    int length = value.codePointCount(0, value.length());
    String shown = length <= maxChars ? value
        : value.substring(0, value.offsetByCodePoints(0, maxChars));
    StringBuilder out = new StringBuilder(shown.length() + 8).append('\'');
    shown.codePoints().forEach(c -> {
      if (c == '\\') {
        out.append("\\\\");
      } else {
        append(out, c);
      }
    });
    return length <= maxChars ? out.append('\'').toString()
        : out.append("…' (").append(length).append(" characters)").toString();
  }

  /** Whether the text holds a hidden character. */
  public static boolean hasHidden(String text) {
    return text.codePoints().anyMatch(Printable::hidden);
  }

  private static void append(StringBuilder out, int c) {
    if (hidden(c)) {
      out.append(String.format(Locale.ROOT, "\\u%04X", c));
    } else {
      out.appendCodePoint(c);
    }
  }

  private static boolean hidden(int c) {
    return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 // line, paragraph separator
        || (c >= 0x202A && c <= 0x202E) // bidirectional embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069); // bidirectional isolates
  }
}

package dev.setpoint.server.errors;

/**
 * Text from outside (a header, a parameter, a reason someone typed) made safe to echo in an answer or
 * a log line: control characters and the Unicode line and paragraph separators become escapes
 * ({@code \n}, {@code \r}, {@code \t}, {@code \u0000}), so a value cannot forge a log line or hide
 * itself, and a long value is cut.
 */
public final class Printable {

  private Printable() {}

  /** {@code text} with its control characters escaped; {@code null} stays {@code null}. */
  public static String escaped(String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !needsEscape(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (needsEscape(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * {@code text} escaped and cut to at most {@code maxChars} characters of the original, with
   * "… (N characters)" when cut.
   */
  public static String of(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    if (text.length() <= maxChars) {
      return escaped(text);
    }
    return escaped(text.substring(0, maxChars)) + "… (" + text.length() + " characters)";
  }

  private static boolean needsEscape(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}

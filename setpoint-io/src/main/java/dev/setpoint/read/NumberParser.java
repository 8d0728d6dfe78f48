package dev.setpoint.read;

import com.fasterxml.jackson.core.io.NumberInput;
import org.jspecify.annotations.Nullable;

/**
 * Parses a score or weight written as text, without allocating on the valid path.
 *
 * <p>Accepted: an optionally signed decimal number with optional fraction and exponent ({@code 0.5},
 * {@code -1}, {@code .25}, {@code 1e-3}, {@code 7.}), surrounded by optional whitespace. Rejected as
 * "not a number": everything else that {@link Double#parseDouble} would let through but a person would
 * not call a decimal number, namely the type suffixes {@code 1d}/{@code 1f}, hexadecimal floats
 * {@code 0x1p3} and embedded letters. Reported as "not finite": {@code NaN}, {@code inf}, {@code Infinity}
 * (any case, optional sign) and decimals that overflow a double ({@code 1e999}).
 *
 * <p>Not thread-safe: one instance per read.
 */
final class NumberParser {

  private double value;

  /**
   * Parses {@code text}.
   *
   * @return {@code null} when {@code text} is a finite number, now available from {@link #value()};
   *     otherwise the defect
   */
  @Nullable Defect parse(String text) {
    // trim() returns the same instance when there is nothing to trim: no allocation on clean data.
    String t = text.trim();
    if (t.isEmpty()) {
      return Defect.EMPTY;
    }
    if (!plainDecimalCharacters(t)) {
      return nonFiniteWord(t) ? Defect.NOT_FINITE : Defect.NOT_A_NUMBER;
    }
    double v;
    try {
      // FastDoubleParser (shaded in jackson-core) returns bitwise the same double as
      // Double.parseDouble (NumberParsingTest) and is several times faster on 17-digit scores, which
      // were the top cost of reading a large CSV (docs/benchmarks.md).
      v = NumberInput.parseDouble(t, true);
    } catch (NumberFormatException e) {
      // Only digits, signs, dots and exponents, but not in a valid order ("1e", "--1", "."): a bad value,
      // reported through the return value.
      return Defect.NOT_A_NUMBER;
    }
    if (!Double.isFinite(v)) {
      return Defect.NOT_FINITE;
    }
    value = v;
    return null;
  }

  /** The value of the last successful {@link #parse}. */
  double value() {
    return value;
  }

  private static boolean plainDecimalCharacters(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }

  private static boolean nonFiniteWord(String t) {
    int start = t.charAt(0) == '+' || t.charAt(0) == '-' ? 1 : 0;
    String word = t.substring(start);
    return word.equalsIgnoreCase("nan")
        || word.equalsIgnoreCase("inf")
        || word.equalsIgnoreCase("infinity");
  }
}

package dev.setpoint.read;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a raw label value is positive, negative or undeclared, by the rules in {@link
 * ReadOptions}: trimmed text equality, numeric equality ({@code 1} = {@code 1.0} = {@code 1e0}) and
 * boolean equality ignoring case.
 *
 * <p>A label column has few distinct values, so answers are cached by raw text: after the first few rows
 * each label costs one hash lookup, and no number is parsed per row.
 */
final class LabelMatcher {

  /** The answer for a label that is neither positive nor negative. */
  enum Match { POSITIVE, NEGATIVE, UNDECLARED }

  private static final int CACHE_LIMIT = 4096;

  private final List<Declared> positives;
  private final List<Declared> negatives;
  private final boolean othersAreNegative;
  private final String declared;
  private final Map<String, Match> cache = new HashMap<>();

  LabelMatcher(Set<String> positiveLabels, Set<String> negativeLabels) {
    this.positives = declare(positiveLabels);
    this.negatives = declare(negativeLabels);
    this.othersAreNegative = negativeLabels.isEmpty();
    this.declared = "positive: " + String.join(", ", new TreeSet<>(positiveLabels))
        + (othersAreNegative ? "; every other value is negative"
            : "; negative: " + String.join(", ", new TreeSet<>(negativeLabels)));
  }

  /** The declared values, for error messages: {@code positive: 1, true; negative: 0, false}. */
  String declared() {
    return declared;
  }

  /**
   * Matches a non-empty label value.
   *
   * @param raw the value as it appeared in the file
   */
  Match match(String raw) {
    Match cached = cache.get(raw);
    if (cached != null) {
      return cached;
    }
    Match m = compute(raw.trim());
    if (cache.size() < CACHE_LIMIT) {
      cache.put(raw, m);
    }
    return m;
  }

  private Match compute(String value) {
    Declared candidate = Declared.of(value);
    if (matchesAny(positives, candidate)) {
      return Match.POSITIVE;
    }
    if (othersAreNegative || matchesAny(negatives, candidate)) {
      return Match.NEGATIVE;
    }
    return Match.UNDECLARED;
  }

  private static boolean matchesAny(List<Declared> declared, Declared candidate) {
    for (Declared d : declared) {
      if (d.matches(candidate)) {
        return true;
      }
    }
    return false;
  }

  private static List<Declared> declare(Set<String> labels) {
    List<Declared> list = new ArrayList<>();
    for (String label : labels) {
      list.add(Declared.of(label.trim()));
    }
    return list;
  }

  /** A label value in its three comparable forms; {@code number}/{@code bool} null when not one. */
  private record Declared(String text, BigDecimal number, Boolean bool) {

    static Declared of(String text) {
      return new Declared(text, number(text), bool(text));
    }

    boolean matches(Declared other) {
      return text.equals(other.text)
          || (number != null && other.number != null && number.compareTo(other.number) == 0)
          || (bool != null && bool.equals(other.bool));
    }

    private static BigDecimal number(String text) {
      if (text.isEmpty() || text.length() > 100) {
        return null;
      }
      char c = text.charAt(0);
      if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
        return null; // cheap pre-check: most non-numeric labels never reach the exception path
      }
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        return null; // not a number: compared as text and boolean only
      }
    }

    private static Boolean bool(String text) {
      String lower = text.toLowerCase(Locale.ROOT);
      return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : null;
    }
  }
}

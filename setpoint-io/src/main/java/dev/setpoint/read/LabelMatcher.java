package dev.setpoint.read;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a raw label value is positive, negative, empty or undeclared, by the rules of {@link
 * ReadOptions}: trimmed text equality, numeric equality ({@code 1} = {@code 1.0} = {@code 1e0}), or
 * boolean equality ignoring case ({@code TRUE} = {@code true}); with no declared negatives every other
 * non-empty value is negative.
 *
 * <p>Implementation notes. The declared values are parsed once, here. Per row the cost is a scan of a
 * small cache of recently seen raw strings ({@value #CACHE_SIZE} entries, replaced round-robin): a label
 * column usually holds two or three distinct strings, so after the first rows no row parses anything.
 * Typed values skip the cache: booleans are precomputed, and integers are compared with the declared
 * values that are whole numbers, as {@code long}s. Only a cache miss parses a {@link BigDecimal}.
 *
 * <p>Not thread-safe (the cache): one instance per read.
 */
final class LabelMatcher {

  static final int POSITIVE = 1;
  static final int NEGATIVE = 0;
  /** A non-empty value that is neither positive nor negative (only when negatives are declared). */
  static final int UNDECLARED = -1;
  /** An empty or blank value; never a label, even when every other value is negative. */
  static final int EMPTY = -2;

  private static final int CACHE_SIZE = 8;

  private final Declared positive;
  private final Declared negative;
  private final boolean implicitNegatives;
  private final int trueClass;
  private final int falseClass;

  private final String[] cacheKeys = new String[CACHE_SIZE];
  private final int[] cacheClasses = new int[CACHE_SIZE];
  private int cacheNext;

  /**
   * @throws IllegalArgumentException if a label value is blank, or a positive and a negative value are
   *     the same label by the rules above ({@code 1} and {@code 1.0})
   */
  LabelMatcher(Set<String> positiveLabels, Set<String> negativeLabels) {
    positive = new Declared(positiveLabels);
    negative = new Declared(negativeLabels);
    implicitNegatives = negativeLabels.isEmpty();
    for (String p : positive.texts) {
      for (String n : negative.texts) {
        if (sameLabel(p, n)) {
          throw new IllegalArgumentException("positive label '" + p + "' and negative label '" + n
              + "' are the same label (labels match as text, as numbers, or as booleans ignoring case)");
        }
      }
    }
    trueClass = classifyUncached("true");
    falseClass = classifyUncached("false");
  }

  /** Checks the rules of {@link #LabelMatcher} without keeping the matcher. */
  static void validate(Set<String> positiveLabels, Set<String> negativeLabels) {
    new LabelMatcher(positiveLabels, negativeLabels);
  }

  /** Classifies a label written as text (CSV field, JSON string or number, Parquet string). */
  int classify(String raw) {
    for (int i = 0; i < CACHE_SIZE; i++) {
      String key = cacheKeys[i];
      if (key == null) {
        break;
      }
      if (key == raw || key.equals(raw)) {
        return cacheClasses[i];
      }
    }
    int c = classifyUncached(raw);
    cacheKeys[cacheNext] = raw;
    cacheClasses[cacheNext] = c;
    cacheNext = (cacheNext + 1) % CACHE_SIZE;
    return c;
  }

  /** Classifies a boolean label (JSON {@code true}, Parquet boolean). */
  int classify(boolean value) {
    return value ? trueClass : falseClass;
  }

  /** Classifies an integer label (Parquet int32/int64). */
  int classify(long value) {
    if (positive.containsLong(value)) {
      return POSITIVE;
    }
    if (negative.containsLong(value)) {
      return NEGATIVE;
    }
    // A declared value equal to this integer is a whole number within long range, so it is in the long
    // arrays; a text-only declared value ("fraud") cannot equal a number.
    return implicitNegatives ? NEGATIVE : UNDECLARED;
  }

  /** Classifies a floating-point label (Parquet float/double). */
  int classify(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
      return classify((long) value);
    }
    if (!Double.isFinite(value)) {
      return classify(Double.toString(value));
    }
    BigDecimal exact = new BigDecimal(value);
    if (positive.containsNumber(exact)) {
      return POSITIVE;
    }
    if (negative.containsNumber(exact)) {
      return NEGATIVE;
    }
    return implicitNegatives ? NEGATIVE : UNDECLARED;
  }

  /** The declared values for messages: {@code positive: 1, true; negative: 0, false}. */
  String describe() {
    String p = "positive: " + String.join(", ", positive.texts);
    return implicitNegatives
        ? p + "; every other value is negative"
        : p + "; negative: " + String.join(", ", negative.texts);
  }

  private int classifyUncached(String raw) {
    String t = raw.trim();
    if (t.isEmpty()) {
      return EMPTY;
    }
    if (positive.matches(t)) {
      return POSITIVE;
    }
    if (negative.matches(t)) {
      return NEGATIVE;
    }
    return implicitNegatives ? NEGATIVE : UNDECLARED;
  }

  private static boolean sameLabel(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    BigDecimal na = number(a);
    BigDecimal nb = number(b);
    if (na != null && nb != null) {
      return na.compareTo(nb) == 0;
    }
    Boolean ba = bool(a);
    return ba != null && ba.equals(bool(b));
  }

  /** The value of a decimal number such as {@code -1.5e3}, or {@code null} if {@code t} is not one. */
  static @Nullable BigDecimal number(String t) {
    char c = t.charAt(0);
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')) {
      return null;
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      // Not a number, so the label is compared as text and boolean only.
      return null;
    }
  }

  private static @Nullable Boolean bool(String t) {
    if (t.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** One side's declared values, parsed. */
  private static final class Declared {
    /** Trimmed, sorted, for matching and for messages. */
    final List<String> texts;
    final List<BigDecimal> numbers = new ArrayList<>();
    final long[] longs;
    boolean trueDeclared;
    boolean falseDeclared;

    Declared(Set<String> labels) {
      TreeSet<String> sorted = new TreeSet<>();
      for (String label : labels) {
        String t = Objects.requireNonNull(label, "label").trim();
        if (t.isEmpty()) {
          throw new IllegalArgumentException("label values must not be blank, was '" + label + "'");
        }
        sorted.add(t);
      }
      texts = List.copyOf(sorted);
      List<Long> wholes = new ArrayList<>();
      for (String t : texts) {
        BigDecimal n = number(t);
        if (n != null) {
          numbers.add(n);
          if (isLong(n)) {
            wholes.add(n.longValueExact());
          }
        }
        Boolean b = bool(t);
        if (b != null) {
          trueDeclared |= b;
          falseDeclared |= !b;
        }
      }
      longs = wholes.stream().mapToLong(Long::longValue).toArray();
    }

    private static boolean isLong(BigDecimal n) {
      // More than 19 integer digits is beyond long range; checking first also keeps longValueExact from
      // expanding a value such as 1e999999999.
      if (n.precision() - n.scale() > 19) {
        return false;
      }
      try {
        n.longValueExact();
        return true;
      } catch (ArithmeticException e) {
        // A fraction, or beyond long range: compared as BigDecimal only.
        return false;
      }
    }

    boolean matches(String trimmed) {
      if (texts.contains(trimmed)) {
        return true;
      }
      BigDecimal n = number(trimmed);
      if (n != null) {
        return containsNumber(n);
      }
      Boolean b = bool(trimmed);
      if (b == null) {
        return false;
      }
      return b ? trueDeclared : falseDeclared;
    }

    boolean containsNumber(BigDecimal n) {
      for (BigDecimal d : numbers) {
        if (d.compareTo(n) == 0) {
          return true;
        }
      }
      return false;
    }

    boolean containsLong(long v) {
      for (long d : longs) {
        if (d == v) {
          return true;
        }
      }
      return false;
    }
  }
}

package dev.setpoint.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A condition on one request attribute: membership in a set of values (equality is a set of one), or a
 * numeric range.
 */
public sealed interface Condition {

  /**
   * Holds when the attribute, as text, is one of {@code values}. Attribute values compare as text:
   * numbers in their shortest form ({@code 5411}, not {@code 5411.0}), booleans as {@code true} /
   * {@code false} ({@code docs/policy.md#matching}).
   *
   * @param values the accepted values, without duplicates, in document order
   */
  record OneOf(List<String> values) implements Condition {

    public OneOf {
      values = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(values, "values")));
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a set of values needs at least one value");
      }
    }

    /** Equality with one value. */
    public static OneOf of(String value) {
      return new OneOf(List.of(value));
    }
  }

  /**
   * Holds when the attribute is a number within the range. An unbounded side is infinite and never
   * inclusive.
   *
   * @param lower the lower bound, {@code -Infinity} for none
   * @param lowerInclusive whether the lower bound itself is in the range ({@code gte} rather than
   *     {@code gt})
   * @param upper the upper bound, {@code +Infinity} for none
   * @param upperInclusive whether the upper bound itself is in the range ({@code lte} rather than
   *     {@code lt})
   */
  record Range(double lower, boolean lowerInclusive, double upper, boolean upperInclusive)
      implements Condition {

    public Range {
      if (Double.isNaN(lower) || Double.isNaN(upper)) {
        throw new IllegalArgumentException("range bounds must be numbers, were " + lower + ", "
            + upper);
      }
      // An open side has no bound to include: one form per range, so equal ranges are equal records.
      lowerInclusive &= lower != Double.NEGATIVE_INFINITY;
      upperInclusive &= upper != Double.POSITIVE_INFINITY;
    }

    /** Whether the range holds no number at all, such as {@code gt: 5, lt: 5}. */
    public boolean isEmpty() {
      return lower > upper || (lower == upper && !(lowerInclusive && upperInclusive));
    }

    /** Whether {@code x} lies in the range; false for NaN. */
    public boolean contains(double x) {
      return (lowerInclusive ? x >= lower : x > lower) && (upperInclusive ? x <= upper : x < upper);
    }
  }
}

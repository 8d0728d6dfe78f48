package dev.setpoint.policy;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request's attributes, by name, as a {@link Decider} reads them: a value, or {@code null} when the
 * request lacks the attribute. Values are text, numbers or booleans ({@code docs/policy.md#matching}).
 */
@FunctionalInterface
public interface Attributes {

  /** No attributes: every request goes to the default segment. */
  Attributes NONE = name -> null;

  /** The value of {@code name}, or null when absent. */
  @Nullable Object get(String name);

  /** The attributes of a map. */
  static Attributes of(Map<String, ?> values) {
    return values::get;
  }
}

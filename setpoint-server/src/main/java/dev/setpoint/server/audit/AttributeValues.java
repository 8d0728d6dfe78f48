package dev.setpoint.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Logged request attributes (JSON) as the decider takes them, for replay: text as {@code String},
 * integers as {@code Long}, other numbers as {@code Double}, booleans as {@code Boolean} — the same
 * types the service's request reader ({@code BatchRequest}) gives a live request, so that replaying the
 * active version gives the logged decisions back.
 */
public final class AttributeValues {

  private AttributeValues() {}

  /**
   * A JSON scalar as a decider value: text as {@code String}, integers as {@code Long}, other numbers
   * as {@code Double}, booleans as {@code Boolean}; null for anything else (null, objects, arrays).
   */
  public static @Nullable Object scalar(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return null;
  }
}

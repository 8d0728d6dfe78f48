package dev.setpoint.server.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Request attributes as the decider takes them, from JSON: the same conversion when a request is
 * decided and when its logged attributes are replayed, so that a replay of the active version gives
 * the logged decisions back.
 */
public final class AttributeValues {

  private AttributeValues() {}

  /**
   * A JSON scalar as a decider value: text as {@code String}, integers as {@code Long}, other numbers
   * as {@code Double}, booleans as {@code Boolean}; null for anything else (null, objects, arrays).
   */
  public static Object scalar(JsonNode v) {
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

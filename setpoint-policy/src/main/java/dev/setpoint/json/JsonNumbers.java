package dev.setpoint.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How Setpoint writes a number in JSON, the same in {@code setpoint … --format json} and the explorer's
 * HTTP API: an undefined value (NaN) is {@code null} ({@code docs/definitions.md#undefined-values}), an
 * infinite threshold the text {@code "+Infinity"} ("flag nothing"; JSON has no infinity), a whole number
 * below 10^15 is written without a fraction, and any other value as Jackson writes a double (the
 * shortest decimal that reads back to the same double).
 */
public final class JsonNumbers {

  private JsonNumbers() {}

  /** Sets {@code field} of {@code node} to {@code value}, written by the rule above. */
  public static void put(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else if (Double.isInfinite(value)) {
      node.put(field, infinity(value));
    } else if (isWhole(value)) {
      node.put(field, (long) value);
    } else {
      node.put(field, value);
    }
  }

  /** Appends {@code value} to {@code array}, written by the rule above. */
  public static void add(ArrayNode array, double value) {
    if (Double.isNaN(value)) {
      array.addNull();
    } else if (Double.isInfinite(value)) {
      array.add(infinity(value));
    } else if (isWhole(value)) {
      array.add((long) value);
    } else {
      array.add(value);
    }
  }

  private static String infinity(double value) {
    return value > 0 ? "+Infinity" : "-Infinity";
  }

  private static boolean isWhole(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15;
  }
}

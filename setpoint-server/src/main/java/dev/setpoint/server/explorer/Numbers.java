package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the explorer writes numbers in JSON, as {@code setpoint … --format json} does: an undefined
 * value (NaN) is {@code null} ({@code docs/definitions.md#undefined-values}), an infinite threshold is
 * the text {@code "+Infinity"} ("flag nothing"), and a whole number is written without a fraction.
 */
final class Numbers {

  private Numbers() {}

  static void put(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else if (Double.isInfinite(value)) {
      node.put(field, value > 0 ? "+Infinity" : "-Infinity");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      node.put(field, (long) value);
    } else {
      node.put(field, value);
    }
  }

  static void add(ArrayNode array, double value) {
    if (Double.isNaN(value)) {
      array.addNull();
    } else if (Double.isInfinite(value)) {
      array.add(value > 0 ? "+Infinity" : "-Infinity");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      array.add((long) value);
    } else {
      array.add(value);
    }
  }
}

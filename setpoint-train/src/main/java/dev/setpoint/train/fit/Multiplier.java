package dev.setpoint.train.fit;

import java.util.Objects;

/**
 * A Lagrange multiplier's value, for progress lines, epoch reports and model provenance.
 *
 * @param name {@code lambda}
 * @param value finite
 */
public record Multiplier(String name, double value) {

  /** Validates the value. */
  public Multiplier {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("multiplier " + name + " must be finite, was " + value);
    }
  }
}

package dev.setpoint.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A band of scores and the action it takes: scores {@code >= minScore} that no band above took. The
 * last band of a segment has no {@code minScore} and takes every remaining score.
 *
 * @param action the action, built in ({@link Actions}) or declared by the policy
 * @param minScore the band's threshold; empty for the last band
 * @param queue where the action sends the case, for example a review queue
 */
public record Band(String action, OptionalDouble minScore, Optional<String> queue) {

  public Band {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(minScore, "minScore");
    Objects.requireNonNull(queue, "queue");
  }

  /** A band from {@code minScore} up. */
  public static Band above(String action, double minScore) {
    return new Band(action, OptionalDouble.of(minScore), Optional.empty());
  }

  /** The last band: every score the bands above did not take. */
  public static Band rest(String action) {
    return new Band(action, OptionalDouble.empty(), Optional.empty());
  }

  /** The same band, sending its cases to {@code queueName}. */
  public Band inQueue(String queueName) {
    return new Band(action, minScore, Optional.of(queueName));
  }
}

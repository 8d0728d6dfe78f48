package dev.setpoint.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A recorded change of which version of a policy is active.
 *
 * @param id the event's number, increasing
 * @param name the policy
 * @param kind activation of a version, or rollback to an earlier one
 * @param version the version active after the event
 * @param previous the version active before it, if any
 * @param at when
 * @param by who
 * @param reason why, as they said
 */
public record PolicyEvent(long id, String name, Kind kind, long version, OptionalLong previous,
    Instant at, String by, String reason) {

  /** What happened. */
  public enum Kind {
    ACTIVATE,
    ROLLBACK
  }

  public PolicyEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
  }
}

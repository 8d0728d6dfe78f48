package dev.setpoint.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The true outcome of a decided case, which may arrive days later.
 *
 * @param decisionId the decision it labels
 * @param positive whether the case was positive (fraud, default, …)
 * @param at when the label was recorded
 * @param by who recorded it
 */
public record Label(String decisionId, boolean positive, Instant at, String by) {

  public Label {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
  }

  /** What storing a label did. */
  public enum Outcome {
    /** Stored. */
    STORED,
    /** The same label was already stored: nothing changed (labels are idempotent by decision id). */
    DUPLICATE,
    /** A different label is already stored; the first one stands. */
    CONFLICT,
    /** No decision has this id. */
    UNKNOWN_DECISION
  }
}

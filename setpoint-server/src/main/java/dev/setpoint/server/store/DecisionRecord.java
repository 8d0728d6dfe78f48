package dev.setpoint.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The audit record of one decision: its inputs, the policy version that decided, and the outcome.
 *
 * @param id the decision's id, unique: a UUID for a single decision, {@code uuid.i} for the i-th of a
 *     batch (the batch's decisions are stored as one group, {@link Store#appendDecisions})
 * @param at when it was decided
 * @param policy the policy's name
 * @param version the policy version
 * @param segment the segment that took the request
 * @param band the band, from 0
 * @param action the action
 * @param queue the band's queue, if any
 * @param threshold the band's threshold; empty for a last band
 * @param score the score
 * @param route how the segment was reached ({@code matched}, {@code default}, …)
 * @param missing attributes the policy matches on that the request lacked
 * @param attributes the request's attributes, as JSON
 */
public record DecisionRecord(String id, Instant at, String policy, long version, String segment,
    int band, String action, Optional<String> queue, OptionalDouble threshold, double score,
    String route, List<String> missing, String attributes) {

  public DecisionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(route, "route");
    missing = List.copyOf(missing);
    Objects.requireNonNull(attributes, "attributes");
  }

  /**
   * What a decision decided, apart from its id, time, policy, score and inputs; the decisions of a
   * batch share few of them, so stored groups and compact batch answers list each once.
   */
  public record Outcome(String segment, int band, String action, Optional<String> queue,
      OptionalDouble threshold, String route, List<String> missing) {}

  /** This decision's outcome. */
  public Outcome outcome() {
    return new Outcome(segment, band, action, queue, threshold, route, missing);
  }
}

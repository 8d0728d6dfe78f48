package dev.setpoint.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a policy decided for one score and request, and why: enough for an audit record.
 *
 * @param action the action to take
 * @param queue where the action sends the case, if the band names a queue
 * @param segment the name of the segment that took the request
 * @param segmentIndex its position in the policy, from 0
 * @param band the band's position in the segment, from 0
 * @param threshold the band's {@code minScore}; empty for a segment's last band, which takes every
 *     remaining score
 * @param policyVersion the version of the policy that decided
 * @param route how the segment was reached
 * @param missingAttributes attributes the policy matches on that the request lacked (or, for a range,
 *     that were not numbers), in the policy's order
 */
public record Decision(
    String action,
    Optional<String> queue,
    String segment,
    int segmentIndex,
    int band,
    OptionalDouble threshold,
    String policyVersion,
    Route route,
    List<String> missingAttributes) {

  /** How a request reached its segment. */
  public enum Route {
    /** A segment's match held. */
    MATCHED,
    /** No segment but the last (the default) matched, and every attribute was present. */
    DEFAULT,
    /** The request lacked attributes that segments match on, and fell through to the default. */
    DEFAULT_MISSING_ATTRIBUTES;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The route as answers, audit records and files write it: {@code matched}, {@code default}, … */
    public String label() {
      return label;
    }
  }

  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(route, "route");
    missingAttributes = List.copyOf(missingAttributes);
  }

  /** The same decision, noting the attributes that were missing. */
  Decision missing(List<String> names, Route how) {
    return new Decision(action, queue, segment, segmentIndex, band, threshold, policyVersion, how,
        names);
  }
}

package dev.setpoint.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One segment of a policy: which requests it takes, which action each score gets, and how its
 * thresholds were chosen.
 *
 * @param name the segment's name, unique in the policy
 * @param match the conditions a request's attributes must meet; {@link Match#ALL} for the default
 * @param bands the bands from the highest {@code minScore} down; the last has none
 * @param provenance how the thresholds were chosen, when known
 */
public record Segment(String name, Match match, List<Band> bands, Optional<Provenance> provenance) {

  public Segment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    bands = List.copyOf(bands);
    Objects.requireNonNull(provenance, "provenance");
    if (bands.isEmpty()) {
      throw new IllegalArgumentException("segment '" + name + "' needs at least one band");
    }
  }
}

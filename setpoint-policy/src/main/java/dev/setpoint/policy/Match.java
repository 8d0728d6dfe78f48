package dev.setpoint.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The conditions a request must meet for a segment to take it: one {@link Condition} per attribute, all
 * of which must hold. A request that lacks an attribute fails that attribute's condition. The empty
 * match, {@link #ALL}, takes every request.
 *
 * @param conditions the condition on each attribute, in document order
 */
public record Match(Map<String, Condition> conditions) {

  /** The match of the default segment: every request. */
  public static final Match ALL = new Match(Map.of());

  public Match {
    conditions = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(conditions,
        "conditions")));
  }

  /** Whether this match takes every request. */
  public boolean isAll() {
    return conditions.isEmpty();
  }
}

package dev.setpoint.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy document ({@code apiVersion: setpoint/v1, kind: Policy}): ordered segments, each with
 * ordered bands. The first segment whose match holds decides, and the last one matches every request;
 * within it, a score takes the first band whose {@code minScore} it reaches ({@code score >= minScore},
 * {@code docs/definitions.md#decision-rule}).
 *
 * <p>The constructor checks only what every instance needs (non-null parts, at least one segment); the
 * rules a reviewer relies on, such as band order and reachable segments, are checked by {@link
 * PolicyDocuments#validate}, which a policy must pass before it is compiled.
 *
 * @param name the policy's name; its versions share it
 * @param description free text
 * @param version a version label, if the document carries one
 * @param model the model whose scores the policy acts on
 * @param actions actions declared beyond the built-in {@link Actions#BUILT_IN}
 * @param segments the segments, in match order
 */
public record Policy(
    String name,
    Optional<String> description,
    Optional<String> version,
    Optional<ModelRef> model,
    List<ActionDef> actions,
    List<Segment> segments) {

  /** The only document format version so far. */
  public static final String API_VERSION = "setpoint/v1";

  /** The document kind. */
  public static final String KIND = "Policy";

  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(model, "model");
    actions = List.copyOf(actions);
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a policy needs at least one segment");
    }
  }

  /** The same policy with another version label. */
  public Policy withVersion(String label) {
    return new Policy(name, description, Optional.of(label), model, actions, segments);
  }

  /**
   * An action a policy declares beyond the built-in ones, such as {@code step-up} for a second factor.
   *
   * @param name the action's name, as bands refer to it
   * @param description what the action does, for people reading the policy
   */
  public record ActionDef(String name, Optional<String> description) {

    public ActionDef {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
    }
  }
}

package dev.setpoint.policy;

import java.util.Objects;
import java.util.Optional;

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

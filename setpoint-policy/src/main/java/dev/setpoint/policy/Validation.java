package dev.setpoint.policy;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading and validating a policy document: a policy with any warnings, or the errors
 * that stop it from being used.
 */
public sealed interface Validation {

  /** Where the document came from, for messages. */
  String source();

  /** Suspicious but legal things, such as a band no score in the provenance data reaches. */
  List<Problem> warnings();

  /**
   * A policy that passed every rule.
   *
   * @param source the document's name
   * @param policy the policy
   * @param sha256 the SHA-256 of the document (of its text, when read from text), lower-case hex; it
   *     identifies the exact document a decider was compiled from
   * @param warnings the warnings
   */
  record Valid(String source, Policy policy, String sha256, List<Problem> warnings)
      implements Validation {

    public Valid {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(sha256, "sha256");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * A document that must not be used.
   *
   * @param source the document's name
   * @param errors the errors, at least one, in document order
   * @param warnings the warnings found alongside
   */
  record Invalid(String source, List<Problem> errors, List<Problem> warnings) implements Validation {

    public Invalid {
      Objects.requireNonNull(source, "source");
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid document has at least one error");
      }
    }
  }
}

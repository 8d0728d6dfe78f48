package dev.setpoint.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's request id ({@code Idempotency-Key}, or {@code requestId}) and the decision it got, so
 * that a retry gets that decision again instead of a new one. Keys belong to a principal (the token's
 * name): two clients may use the same key.
 *
 * @param principal whose key it is
 * @param key the client's id for the request
 * @param fingerprint what the request asked (SHA-256 of its policy, score and attributes), so that
 *     the same key on another request is told apart from a retry
 * @param decisionId the decision it got: a decision's id, or a batch's id without index for a whole
 *     batch
 * @param at when it was decided
 */
public record RequestKey(String principal, String key, String fingerprint, String decisionId,
    Instant at) {

  public RequestKey {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(at, "at");
  }
}

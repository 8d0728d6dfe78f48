package dev.setpoint.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable version of a policy, as stored.
 *
 * @param name the policy's name
 * @param version its version, from 1, assigned by the store
 * @param document the document as JSON
 * @param sha256 the SHA-256 of the document, lower-case hex; the HTTP entity tag
 * @param createdAt when the version was written
 * @param createdBy who wrote it
 * @param comment why, if given
 */
public record PolicyVersion(String name, long version, String document, String sha256,
    Instant createdAt, String createdBy, Optional<String> comment) {

  public PolicyVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(comment, "comment");
  }
}

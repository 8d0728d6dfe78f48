package dev.setpoint.train.data;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A feature table read from a file, with what identifies the file: its name and the SHA-256 of its
 * bytes (recorded in a model's provenance).
 *
 * @param source the file name as given
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param matrix the features and labels
 */
public record FeatureTable(String source, String sha256, FeatureMatrix matrix) {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Validates the digest. */
  public FeatureTable {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(matrix, "matrix");
    if (!HEX64.matcher(Objects.requireNonNull(sha256, "sha256")).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
    }
  }
}

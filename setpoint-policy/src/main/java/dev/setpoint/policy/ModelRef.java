package dev.setpoint.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The model whose scores a policy acts on.
 *
 * @param name the model's name
 * @param version the model's version, as text
 * @param trainedAt when the model was trained, if known; provenance created before it is stale
 * @param scoreRange the scores the model can produce; thresholds must lie within it
 */
public record ModelRef(String name, String version, Optional<Instant> trainedAt,
    Optional<ScoreRange> scoreRange) {

  public ModelRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(trainedAt, "trainedAt");
    Objects.requireNonNull(scoreRange, "scoreRange");
  }

  /**
   * The closed range of scores a model produces.
   *
   * @param min the lowest score
   * @param max the highest score
   */
  public record ScoreRange(double min, double max) {

    public ScoreRange {
      if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
        throw new IllegalArgumentException("a score range needs finite min <= max, was [" + min
            + ", " + max + "]");
      }
    }

    /** Whether {@code min <= score <= max}. */
    public boolean contains(double score) {
      return score >= min && score <= max;
    }
  }
}

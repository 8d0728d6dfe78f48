package dev.setpoint.spark;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a DataFrame hold the score, the label, the optional weight and the optional segment
 * columns ({@code docs/definitions.md#weights}, {@code docs/definitions.md#segment-fallback}).
 *
 * <p>Accepted types, checked before any work: the score and the weight are numeric columns; the label is
 * boolean, numeric (0 or 1) or text ({@code 0}, {@code 1}, {@code true}, {@code false}, any case); a
 * segment column is any type, read as text, with null as the empty segment (as the file readers do).
 *
 * @param score the score column
 * @param label the label column
 * @param weight the weight column, if any; without one every row weighs 1
 * @param segments the segment columns, in key order; empty for none
 */
public record ScoredColumns(String score, String label, Optional<String> weight,
    List<String> segments) {

  /** Validates that every name is present and non-blank. */
  public ScoredColumns {
    requireName("score", score);
    requireName("label", label);
    Objects.requireNonNull(weight, "weight").ifPresent(w -> requireName("weight", w));
    segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    segments.forEach(s -> requireName("segment", s));
  }

  /** Unweighted, unsegmented columns. */
  public static ScoredColumns of(String score, String label) {
    return new ScoredColumns(score, label, Optional.empty(), List.of());
  }

  /** The same columns with a weight column. */
  public ScoredColumns withWeight(String weightColumn) {
    return new ScoredColumns(score, label, Optional.of(weightColumn), segments);
  }

  /** The same columns with segment columns, in key order. */
  public ScoredColumns withSegments(String... segmentColumns) {
    return new ScoredColumns(score, label, weight, List.of(segmentColumns));
  }

  private static void requireName(String role, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("the " + role + " column name must not be blank, was '"
          + name + "'");
    }
  }
}

package dev.setpoint.sketch;

import dev.setpoint.stats.Interval;
import java.util.Objects;

/**
 * A whole-curve metric (average precision, ROC AUC) computed from a {@link ScoreSketch}: its value on
 * the sketch's curve, where each bin's rows count as tied, and the interval the exact value on the rows
 * themselves is guaranteed to lie in, whatever their order inside each bin
 * ({@code docs/definitions.md#sketch-bounds}).
 *
 * @param atEdges the metric of {@link ScoreSketch#curve()}
 * @param exact the interval holding the exact metric; it contains {@code atEdges}
 */
public record MetricBound(double atEdges, Interval exact) {

  /** Validates that the interval is defined and contains the sketch's own value. */
  public MetricBound {
    Objects.requireNonNull(exact, "exact");
    if (!exact.contains(atEdges)) {
      throw new IllegalArgumentException("the interval " + exact + " must contain the sketch's value "
          + atEdges);
    }
  }
}

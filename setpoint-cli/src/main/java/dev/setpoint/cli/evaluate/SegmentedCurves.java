package dev.setpoint.cli.evaluate;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.data.ScoreSink;
import dev.setpoint.data.SegmentKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sink that builds the curve of all rows and, when rows carry segments, one curve per segment in the
 * order segments are first seen. Segments cost a second copy of each row's score (8 bytes).
 */
final class SegmentedCurves implements ScoreSink {

  private final CurveBuilder overall = Curve.builder();
  private final Map<SegmentKey, CurveBuilder> segments = new LinkedHashMap<>();
  // Readers pass equal segments as one instance, so an identity check skips most map lookups.
  private SegmentKey lastKey;
  private CurveBuilder lastBuilder;

  @Override
  public void accept(double score, boolean positive, double weight, SegmentKey segment) {
    overall.add(score, positive, weight);
    if (segment == SegmentKey.NONE) {
      return;
    }
    if (segment != lastKey) {
      lastKey = segment;
      lastBuilder = segments.computeIfAbsent(segment, k -> Curve.builder());
    }
    lastBuilder.add(score, positive, weight);
  }

  /** Builds the overall curve. */
  Curve buildOverall() {
    return overall.build();
  }

  /** Builds each segment's curve, in first-seen order; empty when no segment columns were read. */
  Map<SegmentKey, Curve> buildSegments() {
    Map<SegmentKey, Curve> curves = new LinkedHashMap<>();
    segments.forEach((key, builder) -> curves.put(key, builder.build()));
    return curves;
  }
}

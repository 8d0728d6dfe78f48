package dev.setpoint.curve;

import dev.setpoint.data.ScoreSink;
import dev.setpoint.data.SegmentKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that builds the curve of all rows and, when rows carry segments, one curve per segment in the
 * order segments are first seen; with {@code withParents}, also one per prefix of a multi-column key
 * ({@code [DE]} for {@code [DE, premium]}), which segment fallback needs. Each extra curve costs another
 * copy of the row's score (8 bytes). Used by the CLI and the explorer, so both read segments alike.
 * Not thread-safe; each {@code build…} method may be called once.
 */
public final class SegmentedCurves implements ScoreSink {

  private final CurveBuilder overall = Curve.builder();
  private final Map<SegmentKey, Segment> segments = new LinkedHashMap<>();
  private final boolean withParents;
  // Readers pass equal segments as one instance, so an identity check skips most map lookups. NONE
  // never reaches the check, so it stands for "no segment seen yet".
  private SegmentKey lastKey = SegmentKey.NONE;
  private List<Segment> lastSegments = List.of();

  /**
   * One segment's curve and its row count. The builder drops weight-0 rows (they change no count), but
   * a policy's provenance records the rows read, whatever their weights ({@code ChosenPolicy.Data}),
   * so the count is kept here.
   */
  private static final class Segment {
    final CurveBuilder builder = Curve.builder();
    long rows;
  }

  /**
   * An empty sink.
   *
   * @param withParents also build a curve per prefix of a multi-column key (for segment fallback)
   */
  public SegmentedCurves(boolean withParents) {
    this.withParents = withParents;
  }

  @Override
  public void accept(double score, boolean positive, double weight, SegmentKey segment) {
    overall.add(score, positive, weight);
    if (segment == SegmentKey.NONE) {
      return;
    }
    if (segment != lastKey) {
      lastKey = segment;
      lastSegments = segmentsFor(segment);
    }
    for (Segment s : lastSegments) {
      s.builder.add(score, positive, weight);
      s.rows++;
    }
  }

  private List<Segment> segmentsFor(SegmentKey segment) {
    List<Segment> found = new ArrayList<>();
    List<String> values = segment.values();
    int from = withParents ? 1 : values.size();
    for (int width = from; width <= values.size(); width++) {
      SegmentKey key = width == values.size() ? segment : new SegmentKey(values.subList(0, width));
      found.add(segments.computeIfAbsent(key, k -> new Segment()));
    }
    return found;
  }

  /** Builds the curve of all rows. */
  public Curve buildOverall() {
    return overall.build();
  }

  /** The rows added to each segment (and parent), weight-0 rows included. */
  public Map<SegmentKey, Long> rows() {
    Map<SegmentKey, Long> rows = new LinkedHashMap<>();
    segments.forEach((key, s) -> rows.put(key, s.rows));
    return rows;
  }

  /** Builds each segment's (and parent's) curve, in first-seen order. */
  public Map<SegmentKey, Curve> buildSegments() {
    Map<SegmentKey, Curve> curves = new LinkedHashMap<>();
    segments.forEach((key, s) -> curves.put(key, s.builder.build()));
    return curves;
  }
}

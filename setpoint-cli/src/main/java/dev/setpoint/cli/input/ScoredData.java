package dev.setpoint.cli.input;

import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read file as the commands use it: what the reader saw, the curve of all rows and one curve per
 * segment (and per parent prefix, when asked for).
 *
 * @param name the file's name for titles
 * @param options the options it was read with
 * @param read the reader's summary
 * @param overall the curve of all rows
 * @param segmentColumns the segment columns, empty when none
 * @param segments the curve per segment key, in first-seen order
 */
public record ScoredData(String name, ReadOptions options, ReadSummary read, Curve overall,
    List<String> segmentColumns, Map<SegmentKey, Curve> segments, Map<SegmentKey, Long> segmentRows) {

  public ScoredData {
    segmentColumns = List.copyOf(segmentColumns);
    segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
    segmentRows = Map.copyOf(segmentRows);
  }

  /** The rows read of a segment (of all rows for {@link SegmentKey#NONE}), whatever their weights. */
  public long rows(SegmentKey key) {
    return key.values().isEmpty() ? read.accepted() : segmentRows.getOrDefault(key, 0L);
  }
}

package dev.setpoint.cli.evaluate;

import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code setpoint evaluate} reports about one file.
 *
 * @param read what the reader saw (rows, drops)
 * @param overall the summary of all rows
 * @param segmentColumns the segment columns asked for, empty when none
 * @param segments the summary per segment, in first-seen order
 */
record Evaluation(
    ReadSummary read,
    CurveSummary overall,
    List<String> segmentColumns,
    Map<SegmentKey, CurveSummary> segments) {

  Evaluation {
    segmentColumns = List.copyOf(segmentColumns);
    segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
  }
}

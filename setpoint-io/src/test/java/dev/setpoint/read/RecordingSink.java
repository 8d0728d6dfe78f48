package dev.setpoint.read;

import dev.setpoint.data.ScoreSink;
import dev.setpoint.data.SegmentKey;
import java.util.ArrayList;
import java.util.List;

/** Records every row a reader passes on, for comparing readers and formats. */
final class RecordingSink implements ScoreSink {

  record Row(double score, boolean positive, double weight, SegmentKey segment) {}

  final List<Row> rows = new ArrayList<>();

  @Override
  public void accept(double score, boolean positive, double weight, SegmentKey segment) {
    rows.add(new Row(score, positive, weight, segment));
  }
}

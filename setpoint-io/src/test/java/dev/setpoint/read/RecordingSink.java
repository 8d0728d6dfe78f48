package dev.setpoint.read;

import dev.setpoint.data.ScoreSink;
import dev.setpoint.data.SegmentKey;
import java.util.ArrayList;
import java.util.List;

/** Keeps every call, in order, so tests can compare what different files deliver. */
final class RecordingSink implements ScoreSink {

  /** One {@link ScoreSink#accept} call. */
  record Call(double score, boolean positive, double weight, SegmentKey segment) {
    static Call of(double score, boolean positive) {
      return new Call(score, positive, 1.0, SegmentKey.NONE);
    }
  }

  private final List<Call> calls = new ArrayList<>();

  @Override
  public void accept(double score, boolean positive, double weight, SegmentKey segment) {
    calls.add(new Call(score, positive, weight, segment));
  }

  List<Call> calls() {
    return calls;
  }

  List<Double> scores() {
    List<Double> out = new ArrayList<>();
    calls.forEach(c -> out.add(c.score()));
    return out;
  }

  List<Boolean> labels() {
    List<Boolean> out = new ArrayList<>();
    calls.forEach(c -> out.add(c.positive()));
    return out;
  }
}

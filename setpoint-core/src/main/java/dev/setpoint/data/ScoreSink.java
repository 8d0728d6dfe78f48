package dev.setpoint.data;

/**
 * Receives scored rows one at a time, in file order.
 *
 * <p>A reader calls {@link #accept} once per valid row, after it has checked the row: the score is
 * finite, the weight is finite and {@code >= 0}, and the label was one of the declared values. A sink may
 * therefore trust its arguments. Rows a reader drops ({@code --drop-invalid}) never reach the sink.
 */
@FunctionalInterface
public interface ScoreSink {

  /**
   * Accepts one row.
   *
   * @param score the model score, finite
   * @param positive whether the label is the positive class
   * @param weight the row weight, finite and {@code >= 0}; {@code 1.0} when the data has no weights
   * @param segment the row's segment, {@link SegmentKey#NONE} when no segment columns were requested;
   *     equal segments are passed as the same instance
   */
  void accept(double score, boolean positive, double weight, SegmentKey segment);

  /**
   * The row rule above, for code that takes rows from its caller rather than from a reader ({@code
   * CurveBuilder}, {@code ScoreSketch}): the score finite, the weight finite and {@code >= 0}.
   *
   * @throws IllegalArgumentException naming the value otherwise ({@code score must be finite, was NaN})
   */
  static void requireValidRow(double score, double weight) {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, was " + score);
    }
    if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("weight must be finite and >= 0, was " + weight);
    }
  }
}

package dev.setpoint.curve;

import dev.setpoint.data.ScoreSink;
import org.jspecify.annotations.Nullable;

/**
 * Accumulates scored rows and builds their exact {@link Curve}.
 *
 * <p>Rows are kept as primitive doubles in chunks, split by class as they arrive; {@link #build()} sorts
 * each class once and merges the two sorted runs from the top, collapsing ties. Memory while adding: 8
 * bytes per unweighted row (16 with weights); see {@link Curve} for the built curve's footprint.
 *
 * <p>Rows of weight 0 are ignored: they cannot change any count, and they must not create a curve
 * point of their own (scikit-learn drops them the same way), so adding one changes nothing.
 *
 * <p>A builder is not thread-safe; use one per thread. {@link #build()} may be called once.
 */
public final class CurveBuilder {

  private final DoubleChunks positiveScores = new DoubleChunks();
  private final DoubleChunks negativeScores = new DoubleChunks();
  // Allocated when the first weight other than 1 arrives, then back-filled with 1.0 (note on memory).
  private @Nullable DoubleChunks positiveWeights;
  private @Nullable DoubleChunks negativeWeights;
  private boolean built;

  /** Creates an empty builder. */
  public CurveBuilder() {}

  /**
   * Adds a row of weight 1.
   *
   * @throws IllegalArgumentException if the score is NaN or infinite
   */
  public CurveBuilder add(double score, boolean positive) {
    return add(score, positive, 1.0);
  }

  /**
   * Adds a weighted row.
   *
   * @throws IllegalArgumentException if the score is NaN or infinite, or the weight is NaN, infinite or
   *     negative
   * @throws IllegalStateException if {@link #build()} was already called
   */
  public CurveBuilder add(double score, boolean positive, double weight) {
    ScoreSink.requireValidRow(score, weight);
    if (built) {
      throw new IllegalStateException("build() was already called on this builder");
    }
    if (weight == 0) {
      return this;
    }
    // -0.0 + 0.0 == +0.0: one representation per tied value, so ties at zero collapse (definitions.md).
    double normalized = score + 0.0;
    if (weight != 1.0 && positiveWeights == null) {
      positiveWeights = new DoubleChunks();
      negativeWeights = new DoubleChunks();
      positiveWeights.addRepeated(1.0, positiveScores.size());
      negativeWeights.addRepeated(1.0, negativeScores.size());
    }
    if (positive) {
      positiveScores.add(normalized);
      if (positiveWeights != null) {
        positiveWeights.add(weight);
      }
    } else {
      negativeScores.add(normalized);
      if (negativeWeights != null) {
        negativeWeights.add(weight);
      }
    }
    return this;
  }

  /** Rows with non-zero weight added so far. */
  public long size() {
    return positiveScores.size() + negativeScores.size();
  }

  /**
   * Sorts, merges and returns the curve. O(n log n) for the sorts, then O(n) for the merge.
   *
   * @throws IllegalStateException if called twice, or if one class has more rows than a Java array holds
   */
  public Curve build() {
    if (built) {
      throw new IllegalStateException("build() was already called on this builder");
    }
    built = true;
    double[] pos = positiveScores.drainToArray();
    double[] neg = negativeScores.drainToArray();
    if (positiveWeights == null || negativeWeights == null) {
      return unweighted(pos, neg);
    }
    double[] posW = positiveWeights.drainToArray();
    double[] negW = negativeWeights.drainToArray();
    ScoreSort.sort(pos, posW);
    ScoreSort.sort(neg, negW);
    return CurveMerge.weighted(pos, posW, neg, negW);
  }

  /** Sorts each class's scores in place and merges them into the curve. */
  static Curve unweighted(double[] pos, double[] neg) {
    ScoreSort.sort(pos);
    ScoreSort.sort(neg);
    return CurveMerge.unweighted(pos, neg);
  }
}

package dev.setpoint.cli.input;

import dev.setpoint.data.ScoreSink;
import dev.setpoint.data.SegmentKey;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A sink that keeps the rows themselves as primitive arrays, for computations that need every row
 * rather than a curve (fitting a calibration). 17 bytes per row plus growth slack.
 */
public final class ScoreArrays implements ScoreSink {

  private double[] scores = new double[1024];
  private boolean[] labels = new boolean[1024];
  private double[] weights = new double[1024];
  private int size;
  private boolean weighted;

  @Override
  public void accept(double score, boolean positive, double weight, SegmentKey segment) {
    if (size == scores.length) {
      int capacity = Math.max(1024, size + (size >> 1));
      scores = Arrays.copyOf(scores, capacity);
      labels = Arrays.copyOf(labels, capacity);
      weights = Arrays.copyOf(weights, capacity);
    }
    scores[size] = score;
    labels[size] = positive;
    weights[size] = weight;
    weighted |= weight != 1.0;
    size++;
  }

  /** The scores, exactly sized. */
  public double[] scores() {
    return Arrays.copyOf(scores, size);
  }

  /** The labels, exactly sized. */
  public boolean[] labels() {
    return Arrays.copyOf(labels, size);
  }

  /** The weights, exactly sized; null when every weight was 1. */
  public double @Nullable [] weightsOrNull() {
    return weighted ? Arrays.copyOf(weights, size) : null;
  }
}

package dev.setpoint.train.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A dense, immutable table of finite feature values with a 0/1 label per row.
 *
 * <p>Values are kept row-major in one primitive array (row {@code i}, feature {@code j} at {@code
 * i * features + j}), so a training pass walks memory in order and nothing is boxed.
 */
public final class FeatureMatrix {

  private final List<String> featureNames;
  private final double[] values;
  private final boolean[] labels;
  private final boolean labelled;

  /**
   * Creates the table; the arrays are copied.
   *
   * @param featureNames one distinct name per column, at least one
   * @param values row-major values, {@code labels.length * featureNames.size()} of them, all finite
   * @param labels {@code true} for the positive class
   * @throws IllegalArgumentException if the sizes disagree, a name repeats, or a value is not finite
   *     (naming its row and feature)
   */
  public FeatureMatrix(List<String> featureNames, double[] values, boolean[] labels) {
    this(featureNames, values, labels, true);
  }

  /**
   * A table without labels, for scoring: {@link #labels}, {@link #label} and {@link #positives} throw
   * {@link IllegalStateException}.
   *
   * @param values row-major, a whole number of rows of {@code featureNames.size()} values
   */
  public static FeatureMatrix unlabelled(List<String> featureNames, double[] values) {
    int width = Math.max(1, featureNames.size());
    return new FeatureMatrix(featureNames, values, new boolean[values.length / width], false);
  }

  private FeatureMatrix(List<String> featureNames, double[] values, boolean[] labels,
      boolean labelled) {
    this.labelled = labelled;
    this.featureNames = List.copyOf(featureNames);
    if (this.featureNames.isEmpty()) {
      throw new IllegalArgumentException("a feature matrix needs at least one feature");
    }
    if (this.featureNames.stream().distinct().count() != this.featureNames.size()) {
      throw new IllegalArgumentException("feature names must be distinct, were " + this.featureNames);
    }
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(labels, "labels");
    int width = this.featureNames.size();
    if ((long) labels.length * width != values.length) {
      throw new IllegalArgumentException(values.length + " values do not fill " + labels.length
          + " rows of " + width + " features");
    }
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        throw new IllegalArgumentException("row " + (k / width) + ", feature '"
            + this.featureNames.get(k % width) + "': value must be finite, was " + values[k]);
      }
    }
    this.values = values.clone();
    this.labels = labels.clone();
  }

  /** The feature names, in column order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The number of features (columns). */
  public int features() {
    return featureNames.size();
  }

  /** The number of rows. */
  public int rows() {
    return labels.length;
  }

  /** Whether the rows carry labels. */
  public boolean isLabelled() {
    return labelled;
  }

  private void requireLabels() {
    if (!labelled) {
      throw new IllegalStateException("this feature matrix was read without labels");
    }
  }

  /** The number of positive rows. */
  public int positives() {
    requireLabels();
    int p = 0;
    for (boolean label : labels) {
      if (label) {
        p++;
      }
    }
    return p;
  }

  /** The value of feature {@code j} in row {@code i}. */
  public double value(int i, int j) {
    return values[i * featureNames.size() + j];
  }

  /** Whether row {@code i} is positive. */
  public boolean label(int i) {
    requireLabels();
    return labels[i];
  }

  /** A copy of the row-major values. */
  public double[] values() {
    return values.clone();
  }

  /** A copy of the labels. */
  public boolean[] labels() {
    requireLabels();
    return labels.clone();
  }

  /** A copy of row {@code i}. */
  public double[] row(int i) {
    int width = featureNames.size();
    return Arrays.copyOfRange(values, i * width, (i + 1) * width);
  }

  /**
   * Puts row numbers in a random order, in place: Fisher–Yates from the last position down, one {@code
   * random.nextInt(i + 1)} per position. The one shuffle of training (the split's classes, each epoch's
   * batch order), so that the same seed gives the same rows everywhere.
   */
  public static void shuffle(int[] rows, SplittableRandom random) {
    for (int i = rows.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
  }

  /** The rows at the given indices, in that order. */
  public FeatureMatrix select(int[] indices) {
    int width = featureNames.size();
    double[] v = new double[indices.length * width];
    boolean[] y = new boolean[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(values, indices[k] * width, v, k * width, width);
      y[k] = labels[indices[k]]; // all false when unlabelled
    }
    return new FeatureMatrix(featureNames, v, y, labelled);
  }

  @Override
  public String toString() {
    return "FeatureMatrix[" + rows() + " rows, " + (labelled ? positives() + " positive, " : "unlabelled, ")
        + "features " + featureNames + "]";
  }
}

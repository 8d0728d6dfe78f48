package dev.setpoint.train.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded, stratified split into training, validation and calibration rows.
 *
 * <p>Each class is shuffled on its own (Fisher–Yates with {@link SplittableRandom} seeded by {@code
 * seed}) and cut at {@code round(train · n_c)} and {@code round((train + validation) · n_c)}, so every set
 * keeps the class proportions up to one row, and the same seed always gives the same split. Within each
 * set, rows keep their file order.
 *
 * @param train rows used to fit the model
 * @param validation rows used to choose the epoch
 * @param calibration rows kept apart for choosing the deployed threshold (may be empty)
 */
public record StratifiedSplit(FeatureMatrix train, FeatureMatrix validation, FeatureMatrix calibration) {

  /** Validates that the sets are present. */
  public StratifiedSplit {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(calibration, "calibration");
  }

  /**
   * Splits the rows.
   *
   * @throws IllegalArgumentException if the training or validation set would lack a class
   */
  public static StratifiedSplit of(FeatureMatrix all, SplitFractions fractions, long seed) {
    StratifiedSplit split = cut(all, fractions, seed);
    requireBothClasses("training", split.train(), "a larger training fraction");
    requireBothClasses("validation", split.validation(), "a larger validation fraction");
    return split;
  }

  /** The split without the checks: a set with share 0 is empty. */
  static StratifiedSplit cut(FeatureMatrix all, SplitFractions fractions, long seed) {
    int n = all.rows();
    int positives = all.positives();
    int[] pos = new int[positives];
    int[] neg = new int[n - positives];
    for (int i = 0, p = 0, q = 0; i < n; i++) {
      if (all.label(i)) {
        pos[p++] = i;
      } else {
        neg[q++] = i;
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    FeatureMatrix.shuffle(pos, random);
    FeatureMatrix.shuffle(neg, random);
    // 0 = train, 1 = validation, 2 = calibration, per original row.
    byte[] set = new byte[n];
    assign(pos, fractions, set);
    assign(neg, fractions, set);
    FeatureMatrix train = all.select(rowsOf(set, (byte) 0));
    FeatureMatrix validation = all.select(rowsOf(set, (byte) 1));
    FeatureMatrix calibration = all.select(rowsOf(set, (byte) 2));
    return new StratifiedSplit(train, validation, calibration);
  }

  private static void assign(int[] rows, SplitFractions f, byte[] set) {
    long trainEnd = Math.round(f.train() * rows.length);
    long validationEnd = Math.round((f.train() + f.validation()) * rows.length);
    for (int k = 0; k < rows.length; k++) {
      set[rows[k]] = (byte) (k < trainEnd ? 0 : k < validationEnd ? 1 : 2);
    }
  }

  private static int[] rowsOf(byte[] set, byte which) {
    int count = 0;
    for (byte b : set) {
      if (b == which) {
        count++;
      }
    }
    int[] rows = new int[count];
    for (int i = 0, k = 0; i < set.length; i++) {
      if (set[i] == which) {
        rows[k++] = i;
      }
    }
    return rows;
  }

  /**
   * @param remedy what would help, after "more rows, or"
   * @throws IllegalArgumentException if {@code m} lacks a class
   */
  static void requireBothClasses(String name, FeatureMatrix m, String remedy) {
    int p = m.positives();
    if (p == 0 || p == m.rows()) {
      throw new IllegalArgumentException("the " + name + " set has " + p + " positives among " + m.rows()
          + " rows; it needs both classes (more rows, or " + remedy + ")");
    }
  }
}

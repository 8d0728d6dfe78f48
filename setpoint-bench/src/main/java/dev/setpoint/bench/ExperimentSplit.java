package dev.setpoint.bench;

import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The four sets of one §6 run ({@code constrained_training.md} §6): the model is fitted on {@code
 * train}, its epoch chosen on {@code validation}, its threshold certified on {@code calibration}, and
 * {@code test} is scored once.
 */
record ExperimentSplit(FeatureMatrix train, FeatureMatrix validation, FeatureMatrix calibration,
    FeatureMatrix test) {

  /** Checks the sets are present. */
  public ExperimentSplit {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(test, "test");
  }

  /**
   * Stratified train 60 / validation 20 / calibration 10 / test 10, seeded: {@link StratifiedSplit}
   * cuts 60 / 20 / 20, then cuts the last 20 in half (its own seeded shuffle, from {@code seed + 1}),
   * each class on its own, so every set keeps the class proportions up to a row or two.
   */
  public static ExperimentSplit of(FeatureMatrix all, long seed) {
    StratifiedSplit first = StratifiedSplit.of(all, new SplitFractions(0.6, 0.2, 0.2), seed);
    StratifiedSplit holdout = StratifiedSplit.of(first.calibration(),
        new SplitFractions(0.5, 0.5, 0), seed + 1);
    return new ExperimentSplit(first.train(), first.validation(), holdout.train(),
        holdout.validation());
  }

  /**
   * A split of a pool with its own test set (fashion-MNIST's official test images): stratified, seeded
   * cuts of {@code trainRows}, {@code validationRows} and {@code calibrationRows} from the pool (the rest
   * is not used), each by class proportion; the test set is given.
   *
   * @throws IllegalArgumentException if the three together exceed the pool
   */
  public static ExperimentSplit withTest(FeatureMatrix pool, int trainRows, int validationRows,
      int calibrationRows, FeatureMatrix test, long seed) {
    Cut cut = cut(pool, trainRows, validationRows, calibrationRows, seed);
    return new ExperimentSplit(cut.train(), cut.validation(), cut.calibration(), test);
  }

  /**
   * The same cuts as {@link #withTest}, with the pool's rest as the test set: every set one draw from
   * one population (fashion-MNIST's training images), so a test miss is not a train → test shift.
   *
   * @throws IllegalArgumentException if the three together leave no pool row for the test set
   */
  public static ExperimentSplit fromPool(FeatureMatrix pool, int trainRows, int validationRows,
      int calibrationRows, long seed) {
    Cut cut = cut(pool, trainRows, validationRows, calibrationRows, seed);
    if (cut.rest() == null) {
      throw new IllegalArgumentException("train " + trainRows + ", validation " + validationRows
          + " and calibration " + calibrationRows + " rows leave no row of the pool of "
          + pool.rows() + " for the test set");
    }
    return new ExperimentSplit(cut.train(), cut.validation(), cut.calibration(), cut.rest());
  }

  /** Train, validation and calibration cut from a pool, and the pool's rest (null when none is left). */
  private record Cut(FeatureMatrix train, FeatureMatrix validation, FeatureMatrix calibration,
      @Nullable FeatureMatrix rest) {}

  private static Cut cut(FeatureMatrix pool, int trainRows, int validationRows, int calibrationRows,
      long seed) {
    int n = pool.rows();
    if (trainRows < 1 || validationRows < 1 || calibrationRows < 1
        || (long) trainRows + validationRows + calibrationRows > n) {
      throw new IllegalArgumentException("train " + trainRows + ", validation " + validationRows
          + " and calibration " + calibrationRows + " rows must each be >= 1 and fit in the pool of "
          + n);
    }
    double train = (double) trainRows / n;
    double validation = (double) validationRows / n;
    StratifiedSplit first = StratifiedSplit.of(pool,
        new SplitFractions(train, validation, 1 - train - validation), seed);
    FeatureMatrix rest = first.calibration();
    if (calibrationRows == rest.rows()) {
      return new Cut(first.train(), first.validation(), rest, null);
    }
    double calibration = (double) calibrationRows / rest.rows();
    StratifiedSplit second = StratifiedSplit.of(rest,
        new SplitFractions(calibration, 1 - calibration, 0), seed + 1);
    return new Cut(first.train(), first.validation(), second.train(), second.validation());
  }

  /** The sets' sizes, for the run's record: rows and positives of each. */
  public String describe() {
    return "train " + train.rows() + " (" + train.positives() + "+), validation " + validation.rows()
        + " (" + validation.positives() + "+), calibration " + calibration.rows() + " ("
        + calibration.positives() + "+), test " + test.rows() + " (" + test.positives() + "+)";
  }
}

package dev.setpoint.train.data;

import dev.setpoint.data.DataFormatException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rows of a training run and where each set comes from. The main file's rows are split, stratified
 * and seeded ({@link StratifiedSplit}), by {@code shares} among the sets that are not given as files of
 * their own; a set given as its own file has share 0 and is used whole.
 *
 * <p>So with no other file the main file is split three ways (60 / 20 / 20 by default); with a
 * validation file, two ways between training and calibration; with both a validation and a calibration
 * file, the main file is all training rows. Every file has the same feature columns, in the same order.
 *
 * @param file the main file; the training rows always come from it
 * @param shares how the main file's rows are shared: validation (calibration) is 0 exactly when a
 *     validation (calibration) file is given; a calibration share of 0 without a file means no
 *     calibration set
 * @param validation the validation set's own file, if given
 * @param calibration the calibration set's own file, if given
 */
public record TrainingData(FeatureTable file, SplitFractions shares,
    Optional<FeatureTable> validation, Optional<FeatureTable> calibration) {

  /** Validates the shares against the files given, and that every file has the same features. */
  public TrainingData {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(shares, "shares");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(calibration, "calibration");
    checkShares(shares, file.source(), validation.map(FeatureTable::source),
        calibration.map(FeatureTable::source));
    for (Optional<FeatureTable> other : List.of(validation, calibration)) {
      if (other.isPresent() && !other.get().matrix().featureNames()
          .equals(file.matrix().featureNames())) {
        throw new IllegalArgumentException(other.get().source() + " has the features "
            + other.get().matrix().featureNames() + ", not those of " + file.source() + ", "
            + file.matrix().featureNames());
      }
    }
  }

  /**
   * Checks shares against the files given, before any is read: a set given as a file has share 0, and
   * the validation set, if not given, a share above 0.
   *
   * @param file the main file's name
   * @param validation the validation file's name, if one is given
   * @param calibration the calibration file's name, if one is given
   * @throws IllegalArgumentException naming the files and the share
   */
  public static void checkShares(SplitFractions shares, String file, Optional<String> validation,
      Optional<String> calibration) {
    if (validation.isPresent() && shares.validation() != 0) {
      throw new IllegalArgumentException("the validation rows come from " + validation.get()
          + ", so the validation share of " + file + " must be 0, was " + shares.validation());
    }
    if (validation.isEmpty() && shares.validation() == 0) {
      throw new IllegalArgumentException("the validation share of " + file + " is 0 and no "
          + "validation file is given: there would be no rows to choose the epoch on");
    }
    if (calibration.isPresent() && shares.calibration() != 0) {
      throw new IllegalArgumentException("the calibration rows come from " + calibration.get()
          + ", so the calibration share of " + file + " must be 0, was " + shares.calibration());
    }
  }

  /** The main file alone, split by {@code shares}. */
  public static TrainingData of(FeatureTable file, SplitFractions shares) {
    return new TrainingData(file, shares, Optional.empty(), Optional.empty());
  }

  /**
   * The default shares of the main file: {@link SplitFractions#DEFAULT} with the shares of the sets
   * given as files dropped and the rest scaled to sum to 1 (75 / 0 / 25 with a validation file, 75 / 25 /
   * 0 with a calibration file, 100 / 0 / 0 with both).
   */
  public static SplitFractions defaultShares(boolean validationGiven, boolean calibrationGiven) {
    if (validationGiven && calibrationGiven) {
      return new SplitFractions(1, 0, 0);
    }
    if (validationGiven) {
      return new SplitFractions(0.75, 0, 0.25);
    }
    if (calibrationGiven) {
      return new SplitFractions(0.75, 0.25, 0);
    }
    return SplitFractions.DEFAULT;
  }

  /**
   * The three sets: the main file split by the shares and seed, and the given files whole.
   *
   * @throws DataFormatException naming the file when the training or the validation set lacks a class
   */
  public StratifiedSplit split(long seed) throws DataFormatException {
    StratifiedSplit cut = StratifiedSplit.cut(file.matrix(), shares, seed);
    FeatureMatrix validationRows = validation.map(FeatureTable::matrix).orElse(cut.validation());
    FeatureMatrix calibrationRows = calibration.map(FeatureTable::matrix).orElse(cut.calibration());
    check(file.source(), "cannot be split", "training", cut.train(), "a larger training share");
    if (validation.isPresent()) {
      check(validation.get().source(), "cannot be the validation set", "validation",
          validationRows, "another validation file");
    } else {
      check(file.source(), "cannot be split", "validation", validationRows,
          "a larger validation share");
    }
    return new StratifiedSplit(cut.train(), validationRows, calibrationRows);
  }

  private static void check(String source, String problem, String name, FeatureMatrix rows,
      String remedy) throws DataFormatException {
    try {
      StratifiedSplit.requireBothClasses(name, rows, remedy);
    } catch (IllegalArgumentException e) {
      throw DataFormatException.ofSource(source, problem + ": " + e.getMessage());
    }
  }
}

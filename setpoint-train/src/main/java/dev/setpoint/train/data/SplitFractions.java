package dev.setpoint.train.data;

/**
 * How a file's rows are shared between the training, validation and calibration sets. A set whose rows
 * come from a file of its own ({@link TrainingData}) has share 0.
 *
 * @param train share of each class used to fit the model, in (0, 1]
 * @param validation share used to choose the epoch (early stopping), in [0, 1)
 * @param calibration share kept for choosing the deployed threshold, in [0, 1); the three sum to 1
 */
public record SplitFractions(double train, double validation, double calibration) {

  /** 60 / 20 / 20: the protocol's 60 / 20 / 10 / 10 with the test share kept for calibration. */
  public static final SplitFractions DEFAULT = new SplitFractions(0.6, 0.2, 0.2);

  /** Validates each share and their sum. */
  public SplitFractions {
    if (!(train > 0 && train <= 1)) {
      throw new IllegalArgumentException("train fraction must be in (0, 1], was " + train);
    }
    if (!(validation >= 0 && validation < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + validation);
    }
    if (!(calibration >= 0 && calibration < 1)) {
      throw new IllegalArgumentException("calibration fraction must be in [0, 1), was " + calibration);
    }
    if (Math.abs(train + validation + calibration - 1) > 1e-9) {
      throw new IllegalArgumentException("fractions must sum to 1, were " + train + " + " + validation
          + " + " + calibration);
    }
  }
}

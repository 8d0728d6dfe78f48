package dev.setpoint.bench;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.train.deploy.DeployedThreshold;
import java.util.Objects;
import java.util.Optional;

/**
 * What §6 records about one trained model, from its scores {@code σ(z)} on the validation,
 * calibration and test sets. Every number comes from the core curve engine ({@link Curve}, flag iff
 * {@code score >= t}, ties never split, undefined precision never feasible: {@code
 * docs/definitions.md#decision-rule}, {@code #recall-at-precision}, {@code #guaranteed-selection},
 * {@code #binomial-intervals}).
 *
 * @param validationRecall exact validation {@code recall@precision>=target}; empty when no validation
 *     threshold reaches the target
 * @param naive the naive deployment: the validation R@P threshold, no guarantee; empty with it
 * @param calibrationRows calibration n
 * @param calibrationPositives calibration positives
 * @param certified the Learn-then-Test threshold ({@link DeployedThreshold}, δ) and what it does on
 *     test; empty when nothing is certified
 * @param oracleRecall test {@code recall@precision>=target} with the threshold tuned on test itself
 *     (reference only); empty when test reaches no such threshold
 * @param kerasValidationRecall validation recall at precision ≥ target as Keras' {@code
 *     RecallAtPrecision(target)} reports it with its default {@code num_thresholds=200} ({@link
 *     #kerasRecallAtPrecision}), to set against the exact {@code validationRecall}
 */
record RunMetrics(Optional<Double> validationRecall, Optional<AtThreshold> naive,
    int calibrationRows, int calibrationPositives, Optional<Certified> certified,
    Optional<Double> oracleRecall, double kerasValidationRecall) {

  /** Keras' default {@code num_thresholds} for {@code RecallAtPrecision}. */
  static final int KERAS_THRESHOLDS = 200;

  /** Checks the parts are present. */
  public RunMetrics {
    Objects.requireNonNull(validationRecall, "validationRecall");
    Objects.requireNonNull(naive, "naive");
    Objects.requireNonNull(certified, "certified");
    Objects.requireNonNull(oracleRecall, "oracleRecall");
  }

  /**
   * A threshold and the test set's counts at {@code score >= threshold}.
   *
   * @param threshold t on scores
   * @param test the test confusion at t
   * @param testPrecisionLower the one-sided 95 % Clopper-Pearson lower bound of test precision (NaN if t
   *     flags no test row)
   */
  public record AtThreshold(double threshold, Confusion test, double testPrecisionLower) {

    /** Checks the confusion is present. */
    public AtThreshold {
      Objects.requireNonNull(test, "test");
    }

    static AtThreshold on(double threshold, Curve test) {
      Confusion c = test.at(threshold).confusion();
      return new AtThreshold(threshold, c, IntervalMethod.CLOPPER_PEARSON.lowerBound(
          (long) c.truePositives(), (long) c.flagged(), 0.95));
    }
  }

  /**
   * The certified threshold.
   *
   * @param calibration the calibration confusion at t̂ (m = flagged, fp)
   * @param atTest t̂ and its test counts
   */
  public record Certified(Confusion calibration, AtThreshold atTest) {

    /** Checks the parts are present. */
    public Certified {
      Objects.requireNonNull(calibration, "calibration");
      Objects.requireNonNull(atTest, "atTest");
    }
  }

  /** Scores of one set with their labels. */
  public record Scored(double[] scores, boolean[] labels) {

    /** Checks the lengths agree. */
    public Scored {
      if (scores.length != labels.length) {
        throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
      }
    }
  }

  /**
   * Measures one model.
   *
   * @param target the precision target p, in (0, 1)
   * @param delta Learn-then-Test's δ, in (0, 1)
   */
  public static RunMetrics measure(Scored validation, Scored calibration, Scored test, double target,
      double delta) {
    Objective objective = Objective.recallAtPrecision(target);
    Curve validationCurve = Curve.of(validation.scores(), validation.labels());
    Curve testCurve = Curve.of(test.scores(), test.labels());
    Selection onValidation = objective.select(validationCurve);
    Optional<Double> validationRecall = Optional.empty();
    Optional<AtThreshold> naive = Optional.empty();
    if (onValidation instanceof Selection.Feasible f) {
      validationRecall = Optional.of(f.objectiveValue());
      naive = Optional.of(AtThreshold.on(f.threshold(), testCurve));
    }
    DeployedThreshold deployed = DeployedThreshold.choose(validation.scores(), validation.labels(),
        calibration.scores(), calibration.labels(), new GuaranteedPrecision(target, delta));
    Optional<Certified> certified = deployed instanceof DeployedThreshold.Certified c
        ? Optional.of(new Certified(c.confusion(), AtThreshold.on(c.threshold(), testCurve)))
        : Optional.empty();
    Optional<Double> oracle = objective.select(testCurve) instanceof Selection.Feasible f
        ? Optional.of(f.objectiveValue()) : Optional.empty();
    int calibrationPositives = 0;
    for (boolean label : calibration.labels()) {
      calibrationPositives += label ? 1 : 0;
    }
    return new RunMetrics(validationRecall, naive, calibration.scores().length, calibrationPositives,
        certified, oracle, kerasRecallAtPrecision(validationCurve, target));
  }

  /**
   * What Keras' {@code RecallAtPrecision(target, num_thresholds=200)} reports, in double precision:
   * the thresholds {@code 0, 1/199, 2/199, …, 198/199, 1} ({@code SensitivitySpecificityBase}), a row
   * flagged iff {@code score > threshold} (strictly; {@code update_confusion_matrix_variables}),
   * precision {@code tp / (tp + fp)} with 0 for no flags ({@code divide_no_nan}), and the largest
   * recall among the thresholds whose precision is ≥ target, or 0 when there is none. It is a grid
   * approximation of {@code docs/definitions.md#recall-at-precision}, kept here only to measure what it
   * misses; the counts at each grid threshold are the core's exact ones.
   */
  static double kerasRecallAtPrecision(Curve curve, double target) {
    double best = 0;
    boolean feasible = false;
    for (int i = 0; i < KERAS_THRESHOLDS; i++) {
      double threshold = i == KERAS_THRESHOLDS - 1 ? 1.0 : i * 1.0 / (KERAS_THRESHOLDS - 1);
      // score > threshold ⟺ score >= the next double above it.
      Confusion c = curve.at(Math.nextUp(threshold)).confusion();
      double precision = c.flagged() > 0 ? c.truePositives() / c.flagged() : 0;
      double recall = curve.positives() > 0 ? c.truePositives() / curve.positives() : 0;
      if (precision >= target && (!feasible || recall > best)) {
        best = recall;
        feasible = true;
      }
    }
    return best;
  }
}

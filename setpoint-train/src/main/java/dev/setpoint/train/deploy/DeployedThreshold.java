package dev.setpoint.train.deploy;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.model.TrainedModel;
import java.util.Objects;
import java.util.Optional;

/**
 * The threshold a trained model is deployed with: {@link Certified} when guaranteed selection on the
 * calibration rows certifies one — {@link GuaranteedPrecision} for {@code recall@precision>=p}, {@link
 * dev.setpoint.stats.GuaranteedRecall} for {@code precision@recall>=r} — {@link NotCertified} (with the
 * reason) when none is.
 *
 * <p><b>On scores, not logits.</b> The threshold is chosen on the curve of {@link
 * TrainedModel#scores}, the values {@code setpoint score} writes and a policy compares with {@code
 * score >= minScore} ({@code docs/definitions.md#decision-rule}). The logits would order rows
 * differently in two ways: {@code σ(z)} rounds to 1.0 for every {@code z} above about 36.7, so rows
 * with distinct logits tie as scores (and ties are never split); and {@code σ} computed in floating
 * point is not even monotone ({@code σ(nextUp(−0.94)) < σ(−0.94)} by one ulp). A threshold found on
 * logits and mapped through {@code σ} could therefore flag other rows than it counted; one found on
 * the scores flags exactly the rows it counted. Training still selects epochs on logits, where there
 * are no saturation ties; only the deployed threshold must live where decisions are made.
 */
public sealed interface DeployedThreshold {

  /** The guarantee that was asked for. */
  Guarantee guarantee();

  /**
   * A certified threshold: with probability at least {@code 1 − δ} over the draw of the calibration
   * rows, the population precision (or recall) at {@code score >= threshold()} is at least its target.
   *
   * @param selection the chosen operating point on the calibration scores
   * @param calibration the curve of the calibration scores the selection was made on
   * @param guarantee the rate, its target and δ
   * @param lowerBound the one-sided {@code 1 − δ} Clopper-Pearson lower bound on the guaranteed rate at
   *     the threshold, from the calibration counts ({@code docs/definitions.md#binomial-intervals})
   */
  record Certified(Selection.Feasible selection, Curve calibration, Guarantee guarantee,
      double lowerBound) implements DeployedThreshold {

    /** Checks the parts are present. */
    public Certified {
      Objects.requireNonNull(selection, "selection");
      Objects.requireNonNull(calibration, "calibration");
      Objects.requireNonNull(guarantee, "guarantee");
    }

    /** The threshold on scores: flag iff {@code score >= threshold()}. */
    public double threshold() {
      return selection.threshold();
    }

    /** The calibration counts at the threshold. */
    public Confusion confusion() {
      return selection.point().confusion();
    }
  }

  /**
   * No threshold is certified.
   *
   * @param reason why, with the counts (the guarantee's sentence, or the split's)
   * @param guarantee the rate, its target and δ
   * @param nearest the guarantee's nearest calibration point, when there is one
   */
  record NotCertified(String reason, Guarantee guarantee, Optional<OperatingPoint> nearest)
      implements DeployedThreshold {

    /** Checks the parts are present. */
    public NotCertified {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(guarantee, "guarantee");
      Objects.requireNonNull(nearest, "nearest");
    }
  }

  /**
   * Chooses the threshold on the model's scores on {@code calibration}; for precision, the sequence of
   * candidate thresholds comes from its scores on {@code validation} ({@link
   * GuaranteedPrecision#thresholdSequence}). The two sets must share no rows (a {@link
   * dev.setpoint.train.data.StratifiedSplit} gives that), and the calibration rows must be unweighted
   * i.i.d. draws from where the model will be used.
   *
   * @param validation raw rows with labels, the model's features
   * @param calibration raw rows with labels, the model's features; may be empty (then nothing is
   *     certified)
   */
  static DeployedThreshold choose(TrainedModel model, FeatureMatrix validation,
      FeatureMatrix calibration, Guarantee guarantee) {
    Objects.requireNonNull(guarantee, "guarantee");
    if (calibration.rows() == 0) {
      return new NotCertified("the calibration split has no rows", guarantee, Optional.empty());
    }
    return choose(model.scores(validation), validation.labels(), model.scores(calibration),
        calibration.labels(), guarantee);
  }

  /**
   * The same choice from scores already computed (the experiments score each split once and reuse the
   * scores).
   *
   * @param validationScores the model's scores {@code σ(z)} on the validation rows, with their labels
   * @param calibrationScores the model's scores on the calibration rows, with their labels; may be
   *     empty (then nothing is certified)
   */
  static DeployedThreshold choose(double[] validationScores, boolean[] validationLabels,
      double[] calibrationScores, boolean[] calibrationLabels, Guarantee guarantee) {
    Objects.requireNonNull(guarantee, "guarantee");
    if (calibrationScores.length == 0) {
      return new NotCertified("the calibration split has no rows", guarantee, Optional.empty());
    }
    Curve validationCurve = Curve.of(validationScores, validationLabels);
    Curve calibrationCurve = Curve.of(calibrationScores, calibrationLabels);
    Selection selection = guarantee.select(validationCurve, calibrationCurve);
    if (selection instanceof Selection.Feasible f) {
      return new Certified(f, calibrationCurve, guarantee,
          guarantee.lowerBound(f.point().confusion()));
    }
    Selection.Infeasible infeasible = (Selection.Infeasible) selection;
    return new NotCertified(infeasible.reason(), guarantee, infeasible.nearest());
  }
}

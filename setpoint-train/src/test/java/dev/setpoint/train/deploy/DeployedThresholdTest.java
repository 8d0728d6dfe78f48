package dev.setpoint.train.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Confusion;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.Standardization;
import dev.setpoint.train.model.Logistic;
import dev.setpoint.train.model.Model.LogisticRegression;
import dev.setpoint.train.model.TrainedModel;
import dev.setpoint.train.model.TrainingProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeployedThresholdTest {

  /** A model whose logit is its one raw feature: {@code z = x}, score {@code σ(x)}. */
  private static final TrainedModel IDENTITY = new TrainedModel(List.of("x"),
      new Standardization(new double[] {0}, new double[] {1}),
      new LogisticRegression(new double[] {1}, 0),
      new TrainingProvenance("toy.csv", "0".repeat(64), 1, 1, 1, "bce", "recall@precision>=0.9", 1,
          1, 0.5, "17", "amd64", Instant.EPOCH, Map.of(), "epoch budget: all 1 epochs ran", 1,
          Optional.empty(), Optional.empty(), Optional.empty()));

  /**
   * Rows whose logit x is uniform in (−6, 6) and label drawn with probability σ(x), plus rows that
   * make logits and scores disagree: logits 38, 40, 45 (scores all 1.0) and the pair −0.94,
   * nextUp(−0.94) (whose scores are in the opposite order).
   */
  private static FeatureMatrix rows(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] special = {38, 40, 45, -0.94, Math.nextUp(-0.94)};
    double[] x = new double[n + special.length];
    boolean[] y = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < n ? random.nextDouble(-6, 6) : special[i - n];
      y[i] = random.nextDouble() < Logistic.sigmoid(x[i]);
    }
    return new FeatureMatrix(List.of("x"), x, y);
  }

  @Test
  void logitsAboveAbout37TieAsScoresAndTheSigmoidIsNotMonotoneInFloatingPoint() {
    double[] scores = IDENTITY.scores(new FeatureMatrix(List.of("x"),
        new double[] {38, 40, -0.94, Math.nextUp(-0.94)}, new boolean[4]));
    // A logit threshold of 39 flags one of the first two rows; no score threshold can.
    assertThat(scores[0]).isEqualTo(1.0).isEqualTo(scores[1]);
    // A larger logit, a smaller score: thresholds do not carry from logits to scores through σ.
    assertThat(scores[3]).isLessThan(scores[2]);
  }

  @Test
  void scoreAtLeastTheCertifiedThresholdFlagsExactlyTheCalibrationRowsTheSelectionCounted() {
    FeatureMatrix validation = rows(3_000, 1);
    FeatureMatrix calibration = rows(3_000, 2);
    GuaranteedPrecision guarantee = new GuaranteedPrecision(0.9, 0.05);
    DeployedThreshold chosen = DeployedThreshold.choose(IDENTITY, validation, calibration, guarantee);
    assertThat(chosen).isInstanceOf(DeployedThreshold.Certified.class);
    DeployedThreshold.Certified certified = (DeployedThreshold.Certified) chosen;
    double t = certified.threshold();
    double[] scores = IDENTITY.scores(calibration);
    long flagged = 0;
    long truePositives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= t) {
        flagged++;
        truePositives += calibration.label(i) ? 1 : 0;
      }
    }
    Confusion c = certified.confusion();
    assertThat(flagged).isEqualTo((long) c.flagged());
    assertThat(truePositives).isEqualTo((long) c.truePositives());
    assertThat(certified.lowerBound()).isGreaterThanOrEqualTo(0.9)
        .isLessThanOrEqualTo(c.precision());
    assertThat(GuaranteedPrecision.pValue(truePositives, flagged, 0.9)).isLessThanOrEqualTo(0.05);
  }

  @Test
  void aRecallTargetIsCertifiedAtTheHighestThresholdFlaggingTheNeededPositives() {
    FeatureMatrix calibration = rows(3_000, 7);
    GuaranteedRecall guarantee = new GuaranteedRecall(0.8, 0.05);
    DeployedThreshold.Certified certified = (DeployedThreshold.Certified) DeployedThreshold.choose(
        IDENTITY, rows(10, 8), calibration, guarantee);
    double[] scores = IDENTITY.scores(calibration);
    long positives = 0;
    long flaggedPositives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (calibration.label(i)) {
        positives++;
        if (scores[i] >= certified.threshold()) {
          flaggedPositives++;
        }
      }
    }
    assertThat((long) certified.confusion().truePositives()).isEqualTo(flaggedPositives);
    assertThat(flaggedPositives).isGreaterThanOrEqualTo(guarantee.positivesNeeded(positives));
    // One positive score higher would flag too few: the threshold is the highest that certifies.
    double next = Double.POSITIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      if (calibration.label(i) && scores[i] > certified.threshold()) {
        next = Math.min(next, scores[i]);
      }
    }
    long atNext = 0;
    for (int i = 0; i < scores.length; i++) {
      atNext += calibration.label(i) && scores[i] >= next ? 1 : 0;
    }
    assertThat(atNext).isLessThan(guarantee.positivesNeeded(positives));
    assertThat(certified.lowerBound()).isGreaterThanOrEqualTo(0.8)
        .isLessThanOrEqualTo(certified.confusion().recall());
  }

  @Test
  void withTooFewCalibrationRowsNothingIsCertifiedAndTheReasonGivesTheCounts() {
    DeployedThreshold chosen = DeployedThreshold.choose(IDENTITY, rows(3_000, 3), rows(40, 4),
        new GuaranteedPrecision(0.95, 0.05));
    assertThat(chosen).isInstanceOf(DeployedThreshold.NotCertified.class);
    assertThat(((DeployedThreshold.NotCertified) chosen).reason())
        .startsWith("no threshold certifies precision ≥ 0.95 at δ = 0.05 with ")
        .contains("45 calibration rows").contains("certifying needs at least 59 flagged rows");
    DeployedThreshold empty = DeployedThreshold.choose(IDENTITY, rows(100, 5),
        rows(0, 6).select(new int[0]), new GuaranteedPrecision(0.95, 0.05));
    assertThat(empty).isEqualTo(new DeployedThreshold.NotCertified(
        "the calibration split has no rows", new GuaranteedPrecision(0.95, 0.05),
        java.util.Optional.empty()));
  }
}

package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.calibrate.Calibration.ThresholdTransfer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdTransferTest {

  // The docs/definitions.md running example, calibrated isotonically: knots (0.1, ½), (0.8, ½), (0.9, 1).
  private static final double[] SCORES = {0.9, 0.8, 0.8, 0.4, 0.1};
  private static final IsotonicCalibration RUNNING =
      IsotonicCalibration.fit(SCORES, new boolean[] {true, false, true, false, true});

  @Test
  void returnsTheLowestScoreOfAFlatStep() {
    // Every score is calibrated to ½ except 0.9 (1.0): "flag when P >= 0.5" flags all, from 0.1 up.
    assertThat(RUNNING.toRawThreshold(0.5, SCORES)).isEqualTo(new ThresholdTransfer.Equivalent(0.1, 5));
    assertThat(RUNNING.toRawThreshold(0.6, SCORES)).isEqualTo(new ThresholdTransfer.Equivalent(0.9, 1));
    assertThat(RUNNING.toRawThreshold(0.0, SCORES)).isEqualTo(new ThresholdTransfer.Equivalent(0.1, 5));
  }

  @Test
  void flagsNothingAboveEveryCalibratedValue() {
    assertThat(RUNNING.toRawThreshold(1.01, SCORES))
        .isEqualTo(new ThresholdTransfer.Equivalent(Double.POSITIVE_INFINITY, 0));
    assertThat(RUNNING.toCalibratedThreshold(0.95, SCORES))
        .isEqualTo(new ThresholdTransfer.Equivalent(Double.POSITIVE_INFINITY, 0));
  }

  @Test
  void reverseTransferGivesTheLowestFlaggedCalibratedValue() {
    assertThat(RUNNING.toCalibratedThreshold(0.9, SCORES))
        .isEqualTo(new ThresholdTransfer.Equivalent(1.0, 1));
    assertThat(RUNNING.toCalibratedThreshold(0.05, SCORES))
        .isEqualTo(new ThresholdTransfer.Equivalent(0.5, 5));
  }

  @Test
  void aRawThresholdInsideAFlatStepHasNoCalibratedEquivalent() {
    // raw >= 0.8 flags 0.8, 0.8, 0.9; 0.4 and 0.1 are left out but share the calibrated value ½.
    assertThat(RUNNING.toCalibratedThreshold(0.8, SCORES)).isEqualTo(new ThresholdTransfer
        .NotEquivalent("no probability threshold flags exactly the scores >= 0.8: score 0.4 (not "
            + "flagged) is calibrated to 0.5, not below flagged score 0.8 (0.5); the raw threshold "
            + "cuts through a flat step of the calibration"));
  }

  @Test
  void aDecreasingPlattModelHasNoRawThreshold() {
    PlattScaling decreasing = new PlattScaling(5, -2.5); // p(0.5) = ½, lower scores more likely
    double[] scores = {0.1, 0.3, 0.5, 0.7, 0.9};
    ThresholdTransfer t = decreasing.toRawThreshold(0.5, scores);
    assertThat(t).isInstanceOf(ThresholdTransfer.NotEquivalent.class);
    assertThat(((ThresholdTransfer.NotEquivalent) t).reason()).startsWith(
        "no raw threshold flags exactly the scores calibrated to >= 0.5: score 0.1 is calibrated to ")
        .endsWith("(the calibration decreases there)");
    // Trivially equivalent when all or nothing is flagged.
    assertThat(decreasing.toRawThreshold(0.0, scores))
        .isEqualTo(new ThresholdTransfer.Equivalent(0.1, 5));
    assertThat(decreasing.toRawThreshold(0.99, scores))
        .isEqualTo(new ThresholdTransfer.Equivalent(Double.POSITIVE_INFINITY, 0));
    assertThat(decreasing.toCalibratedThreshold(0.6, scores))
        .isInstanceOf(ThresholdTransfer.NotEquivalent.class);
  }

  @Test
  void aConstantPlattModelFlagsAllOrNothing() {
    PlattScaling constant = new PlattScaling(0, Math.log(3)); // p = 0.25 everywhere
    double[] scores = {-1, 0, 2};
    assertThat(constant.toRawThreshold(0.25, scores))
        .isEqualTo(new ThresholdTransfer.Equivalent(-1, 3));
    assertThat(constant.toRawThreshold(0.26, scores))
        .isEqualTo(new ThresholdTransfer.Equivalent(Double.POSITIVE_INFINITY, 0));
  }

  /** Property: on random data both rules flag exactly the same rows, for both calibrations. */
  @Test
  void bothRulesFlagTheSameRowsOnRandomData() {
    SplittableRandom random = new SplittableRandom(2026);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + random.nextInt(150);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        y[i] = i == 0 || (i > 1 && random.nextDouble() < 0.4);
        // Coarse scores give ties and flat isotonic steps; fine ones give distinct values.
        double raw = random.nextGaussian() + (y[i] ? 1 : 0);
        s[i] = trial % 2 == 0 ? Math.rint(raw * 4) / 4 : raw;
      }
      Calibration[] calibrations = {IsotonicCalibration.fit(s, y), plattOrNull(s, y)};
      for (Calibration c : calibrations) {
        if (c == null) {
          continue;
        }
        double[] calibrated = c.apply(s);
        for (int k = 0; k < 5; k++) {
          // Thresholds drawn from the calibrated values themselves hit plateaus exactly.
          double tProb = k < 3 ? calibrated[random.nextInt(n)] : random.nextDouble();
          ThresholdTransfer forward = c.toRawThreshold(tProb, s);
          assertThat(forward).as("%s, t_prob %s", c, tProb)
              .isInstanceOf(ThresholdTransfer.Equivalent.class);
          double tRaw = ((ThresholdTransfer.Equivalent) forward).threshold();
          int flagged = 0;
          for (int i = 0; i < n; i++) {
            assertThat(s[i] >= tRaw).as("%s row %d: score %s, calibrated %s, t_raw %s, t_prob %s",
                c, i, s[i], calibrated[i], tRaw, tProb).isEqualTo(calibrated[i] >= tProb);
            flagged += s[i] >= tRaw ? 1 : 0;
          }
          assertThat(((ThresholdTransfer.Equivalent) forward).flagged()).isEqualTo(flagged);

          double rawThreshold = k < 3 ? s[random.nextInt(n)] : random.nextGaussian();
          checkReverse(c, s, calibrated, rawThreshold);
        }
      }
    }
  }

  /** Equivalent must flag the same rows; NotEquivalent must be backed by a pair that cannot be split. */
  private static void checkReverse(Calibration c, double[] s, double[] calibrated, double tRaw) {
    ThresholdTransfer reverse = c.toCalibratedThreshold(tRaw, s);
    if (reverse instanceof ThresholdTransfer.Equivalent e) {
      for (int i = 0; i < s.length; i++) {
        assertThat(calibrated[i] >= e.threshold()).as("%s row %d, t_raw %s", c, i, tRaw)
            .isEqualTo(s[i] >= tRaw);
      }
    } else {
      boolean unseparable = false;
      for (int i = 0; i < s.length && !unseparable; i++) {
        for (int j = 0; j < s.length && !unseparable; j++) {
          unseparable = s[i] < tRaw && s[j] >= tRaw && calibrated[i] >= calibrated[j];
        }
      }
      assertThat(unseparable).as("%s: %s", c, reverse).isTrue();
    }
  }

  private static PlattScaling plattOrNull(double[] s, boolean[] y) {
    PlattScaling p = PlattScaling.fit(s, y);
    return p.a() < 0 ? p : null; // a rare sample where positives score lower is not monotone upward
  }

  @Test
  void rejectsNaNThresholdsAndEmptyOrBadScores() {
    assertThatThrownBy(() -> RUNNING.toRawThreshold(Double.NaN, SCORES))
        .hasMessage("probabilityThreshold must not be NaN");
    assertThatThrownBy(() -> RUNNING.toCalibratedThreshold(Double.NaN, SCORES))
        .hasMessage("rawThreshold must not be NaN");
    assertThatThrownBy(() -> RUNNING.toRawThreshold(0.5, new double[0]))
        .hasMessage("scores must not be empty: a threshold is transferred over the scores it will be "
            + "applied to");
    assertThatThrownBy(() -> RUNNING.toRawThreshold(0.5, new double[] {0.2, Double.NaN}))
        .hasMessage("row 1: score must be finite, was NaN");
    assertThatThrownBy(() -> new ThresholdTransfer.NotEquivalent(" "))
        .hasMessage("reason must not be blank");
  }
}

package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins {@link IsotonicCalibration} against scikit-learn 1.2.1's {@code
 * IsotonicRegression(out_of_bounds="clip").fit(s, y, sample_weight)}: the knots ({@code X_thresholds_},
 * {@code y_thresholds_}) and {@code predict} on a grid of scores below, between, on, one ulp either side
 * of, and above the knots. Expectations in {@code goldens/calibration/isotonic.json}, written by {@code
 * /usr/bin/python3 setpoint-core/src/test/python/make_calibration_goldens.py}.
 *
 * <p>Knot scores must be equal exactly (they are input scores); probabilities agree to {@value
 * #TOLERANCE} absolute (they are in [0, 1]; measured: at most 1.2e-16). The remaining difference is the
 * order of float64 additions when blocks pool (see {@code PoolAdjacentViolators}). Given scikit-learn's
 * own knots, {@link IsotonicCalibration#apply} reproduces {@code predict} bit for bit: it is numpy's
 * {@code interp} formula.
 */
class IsotonicGoldenTest {

  static final double TOLERANCE = 1e-12;

  static Stream<GoldenCase> cases() {
    return GoldenCase.load("isotonic");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearn(GoldenCase c) {
    IsotonicCalibration fit = c.weights() == null ? IsotonicCalibration.fit(c.scores(), c.labels())
        : IsotonicCalibration.fit(c.scores(), c.labels(), c.weights());

    assertThat(fit.knotScores()).containsExactly(GoldenCase.doubles(c.node().get("knotScores")));
    double[] knotProbabilities = GoldenCase.doubles(c.node().get("knotProbabilities"));
    for (int k = 0; k < knotProbabilities.length; k++) {
      assertThat(Math.abs(fit.knotProbabilities()[k] - knotProbabilities[k]))
          .as("knot %d: %s vs %s", k, fit.knotProbabilities()[k], knotProbabilities[k])
          .isLessThanOrEqualTo(TOLERANCE);
    }
    double[] grid = GoldenCase.doubles(c.node().get("grid"));
    double[] predicted = GoldenCase.doubles(c.node().get("predicted"));
    double[] ours = fit.apply(grid);
    for (int i = 0; i < grid.length; i++) {
      assertThat(Math.abs(ours[i] - predicted[i]))
          .as("apply(%s): %s vs sklearn %s", grid[i], ours[i], predicted[i])
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void predictsBitForBitFromScikitLearnsKnots(GoldenCase c) {
    IsotonicCalibration saved = IsotonicCalibration.of(
        GoldenCase.doubles(c.node().get("knotScores")),
        GoldenCase.doubles(c.node().get("knotProbabilities")));
    double[] grid = GoldenCase.doubles(c.node().get("grid"));
    double[] predicted = GoldenCase.doubles(c.node().get("predicted"));
    assertThat(saved.apply(grid)).containsExactly(predicted);
  }
}

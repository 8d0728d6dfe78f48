package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins {@link PlattScaling#fit} against {@code goldens/calibration/platt.json}, written by {@code
 * /usr/bin/python3 setpoint-core/src/test/python/make_calibration_goldens.py} with scikit-learn 1.2.1.
 *
 * <p>Two references, two tolerances:
 *
 * <ul>
 *   <li><b>The optimum</b>, found by Newton's method in numpy's 80-bit long double: A and B agree to
 *       {@value #OPTIMUM_TOLERANCE} relative. Both solvers find the minimum of the same strictly convex
 *       function; what is left is float64 rounding in the sums (measured: at most 6e-16).
 *   <li><b>scikit-learn's {@code _sigmoid_calibration}</b>, the function behind {@code
 *       CalibratedClassifierCV(method="sigmoid")}: scipy's BFGS stops at a gradient norm of 1e-5, leaving
 *       its A and B up to 2.3e-6 relative from the optimum on these cases (the largest on {@code
 *       decreasing}), so we hold A and B to {@value #SKLEARN_PARAMETER_TOLERANCE} relative and the
 *       calibrated probabilities of every input score to {@value #SKLEARN_PROBABILITY_TOLERANCE} absolute
 *       (measured: at most 5.7e-7). The solvers differ; the objective does not.
 * </ul>
 */
class PlattScalingGoldenTest {

  static final double OPTIMUM_TOLERANCE = 1e-12;
  static final double SKLEARN_PARAMETER_TOLERANCE = 5e-6;
  static final double SKLEARN_PROBABILITY_TOLERANCE = 1e-6;

  static Stream<GoldenCase> cases() {
    return GoldenCase.load("platt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheOptimumAndScikitLearn(GoldenCase c) {
    PlattScaling fit = c.weights() == null ? PlattScaling.fit(c.scores(), c.labels())
        : PlattScaling.fit(c.scores(), c.labels(), c.weights());

    double refA = c.node().get("reference").get("a").asDouble();
    double refB = c.node().get("reference").get("b").asDouble();
    double skA = c.node().get("sklearn").get("a").asDouble();
    double skB = c.node().get("sklearn").get("b").asDouble();
    assertThat(rel(fit.a(), refA)).as("A vs optimum %s", refA).isLessThanOrEqualTo(OPTIMUM_TOLERANCE);
    assertThat(rel(fit.b(), refB)).as("B vs optimum %s", refB).isLessThanOrEqualTo(OPTIMUM_TOLERANCE);
    assertThat(rel(fit.a(), skA)).as("A vs sklearn %s", skA)
        .isLessThanOrEqualTo(SKLEARN_PARAMETER_TOLERANCE);
    assertThat(rel(fit.b(), skB)).as("B vs sklearn %s", skB)
        .isLessThanOrEqualTo(SKLEARN_PARAMETER_TOLERANCE);
    PlattScaling sklearn = new PlattScaling(skA, skB);
    double worst = 0;
    for (double s : c.scores()) {
      worst = Math.max(worst, Math.abs(fit.apply(s) - sklearn.apply(s)));
    }
    assertThat(worst).as("largest probability difference")
        .isLessThanOrEqualTo(SKLEARN_PROBABILITY_TOLERANCE);
  }

  static double rel(double actual, double expected) {
    return Math.abs(actual - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
  }
}

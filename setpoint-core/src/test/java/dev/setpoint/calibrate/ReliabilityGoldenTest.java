package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins {@link ReliabilityTable} against scikit-learn 1.2.1's {@code calibration_curve(y, p, n_bins,
 * strategy)} and {@code brier_score_loss(y, p)}, from {@code goldens/calibration/reliability.json}
 * (written by {@code /usr/bin/python3 setpoint-core/src/test/python/make_calibration_goldens.py}).
 *
 * <p>Edges and per-bin row counts must be equal exactly; the statistics agree to {@value #TOLERANCE}
 * absolute (they are in [0, 1]). scikit-learn drops empty bins, so its {@code prob_true} and {@code
 * prob_pred} are compared with our non-empty bins in order, and our empty bins must be exactly the ones
 * with no rows. scikit-learn has no ECE; the golden ECE is the formula of {@code
 * docs/definitions.md#reliability} evaluated on scikit-learn's curve and counts.
 */
class ReliabilityGoldenTest {

  static final double TOLERANCE = 1e-12;

  static Stream<GoldenCase> cases() {
    return GoldenCase.load("reliability");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearnsCalibrationCurve(GoldenCase c) {
    JsonNode g = c.node();
    BinStrategy strategy = switch (g.get("strategy").asText()) {
      case "uniform" -> BinStrategy.EQUAL_WIDTH;
      case "quantile" -> BinStrategy.QUANTILE;
      default -> throw new AssertionError(g.get("strategy").asText());
    };
    ReliabilityTable table = ReliabilityTable.of(c.scores(), c.labels(), g.get("bins").asInt(),
        strategy);

    double[] edges = GoldenCase.doubles(g.get("edges"));
    double[] probTrue = GoldenCase.doubles(g.get("probTrue"));
    double[] probPred = GoldenCase.doubles(g.get("probPred"));
    assertThat(table.bins()).hasSize(edges.length - 1);
    int k = 0;
    for (int b = 0; b < table.bins().size(); b++) {
      ReliabilityTable.Bin bin = table.bins().get(b);
      assertThat(bin.lower()).as("bin %d lower edge", b).isEqualTo(edges[b]);
      assertThat(bin.upper()).as("bin %d upper edge", b).isEqualTo(edges[b + 1]);
      assertThat(bin.rows()).as("bin %d rows", b).isEqualTo(g.get("rows").get(b).asInt());
      assertThat(bin.weight()).isEqualTo(bin.rows());
      if (bin.isEmpty()) {
        assertThat(bin.meanPredicted()).isNaN();
        assertThat(bin.observedRate()).isNaN();
        continue;
      }
      assertClose("bin " + b + " mean predicted", bin.meanPredicted(), probPred[k]);
      assertClose("bin " + b + " observed rate", bin.observedRate(), probTrue[k]);
      k++;
    }
    assertThat(k).as("non-empty bins").isEqualTo(probTrue.length);
    assertClose("ECE", table.expectedCalibrationError(),
        g.get("expectedCalibrationError").asDouble());
    assertClose("Brier score", table.brierScore(), g.get("brierScore").asDouble());
    assertThat(table.totalWeight()).isEqualTo(c.scores().length);
  }

  private static void assertClose(String what, double actual, double expected) {
    assertThat(Math.abs(actual - expected)).as("%s: %s vs sklearn %s", what, actual, expected)
        .isLessThanOrEqualTo(TOLERANCE);
  }
}

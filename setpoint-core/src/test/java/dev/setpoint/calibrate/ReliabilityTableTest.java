package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReliabilityTableTest {

  // The docs/definitions.md#reliability example.
  private static final double[] P = {0.1, 0.2, 0.3, 0.6, 0.7, 0.9, 0.95};
  private static final boolean[] Y = {false, false, true, false, true, true, true};

  @Test
  void computesTheWorkedExampleByHand() {
    ReliabilityTable table = ReliabilityTable.of(P, Y, 2, BinStrategy.EQUAL_WIDTH);
    ReliabilityTable.Bin low = table.bins().get(0);
    ReliabilityTable.Bin high = table.bins().get(1);
    assertThat(low.lower()).isEqualTo(0.0);
    assertThat(low.upper()).isEqualTo(0.5);
    assertThat(low.rows()).isEqualTo(3);
    assertThat(low.meanPredicted()).isCloseTo(0.2, within(1e-15));
    assertThat(low.observedRate()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(high.rows()).isEqualTo(4);
    assertThat(high.meanPredicted()).isCloseTo(0.7875, within(1e-15));
    assertThat(high.observedRate()).isEqualTo(0.75);
    assertThat(high.gap()).isCloseTo(-0.0375, within(1e-15));
    // ECE = 3/7·|1/3 − 0.2| + 4/7·|0.75 − 0.7875| = 0.4/7 + 0.15/7 = 0.55/7.
    assertThat(table.expectedCalibrationError()).isCloseTo(0.55 / 7, within(1e-15));
    // Brier = (0.01 + 0.04 + 0.49 + 0.36 + 0.09 + 0.01 + 0.0025) / 7.
    assertThat(table.brierScore()).isCloseTo(1.0025 / 7, within(1e-15));
    assertThat(table.totalWeight()).isEqualTo(7);
  }

  @Test
  void quantileBinsFollowTheWorkedExample() {
    ReliabilityTable table = ReliabilityTable.of(P, Y, 2, BinStrategy.QUANTILE);
    assertThat(table.bins()).extracting(ReliabilityTable.Bin::lower).containsExactly(0.1, 0.6);
    assertThat(table.bins()).extracting(ReliabilityTable.Bin::upper).containsExactly(0.6, 0.95);
    assertThat(table.bins()).extracting(ReliabilityTable.Bin::rows).containsExactly(4, 3);
  }

  @Test
  void aProbabilityOnAnInnerEdgeBelongsToTheLowerBin() {
    ReliabilityTable table = ReliabilityTable.of(new double[] {0.0, 0.5, 0.5000000000000001, 1.0},
        new boolean[] {false, true, false, true}, 2, BinStrategy.EQUAL_WIDTH);
    assertThat(table.bins()).extracting(ReliabilityTable.Bin::rows).containsExactly(2, 2);
  }

  @Test
  void keepsEmptyBinsWithUndefinedStatistics() {
    ReliabilityTable table = ReliabilityTable.of(new double[] {0.05, 0.1, 0.95},
        new boolean[] {false, true, true}, 4, BinStrategy.EQUAL_WIDTH);
    assertThat(table.bins()).extracting(ReliabilityTable.Bin::rows).containsExactly(2, 0, 0, 1);
    ReliabilityTable.Bin empty = table.bins().get(1);
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.weight()).isZero();
    assertThat(empty.meanPredicted()).isNaN();
    assertThat(empty.observedRate()).isNaN();
    assertThat(empty.gap()).isNaN();
    // ECE counts only the non-empty bins: 2/3·|0.5 − 0.075| + 1/3·|1 − 0.95|.
    assertThat(table.expectedCalibrationError())
        .isCloseTo(2.0 / 3 * 0.425 + 1.0 / 3 * 0.05, within(1e-15));
  }

  @Test
  void integerWeightsAreRepeatedRowsForEqualWidthBins() {
    ReliabilityTable weighted = ReliabilityTable.of(new double[] {0.1, 0.4, 0.8, 0.6},
        new boolean[] {false, true, true, false}, new double[] {2, 1, 3, 0}, 3,
        BinStrategy.EQUAL_WIDTH);
    ReliabilityTable repeated = ReliabilityTable.of(new double[] {0.1, 0.1, 0.4, 0.8, 0.8, 0.8},
        new boolean[] {false, false, true, true, true, true}, 3, BinStrategy.EQUAL_WIDTH);
    assertThat(weighted.totalWeight()).isEqualTo(6);
    assertThat(weighted.expectedCalibrationError())
        .isCloseTo(repeated.expectedCalibrationError(), within(1e-15));
    assertThat(weighted.brierScore()).isCloseTo(repeated.brierScore(), within(1e-15));
    for (int b = 0; b < 3; b++) {
      ReliabilityTable.Bin w = weighted.bins().get(b);
      ReliabilityTable.Bin r = repeated.bins().get(b);
      assertThat(w.weight()).isEqualTo(r.weight());
      assertThat(w.meanPredicted()).isCloseTo(r.meanPredicted(), within(1e-15));
      assertThat(w.observedRate()).isCloseTo(r.observedRate(), within(1e-15));
    }
    // The weight-0 row at 0.6 is not counted as a row either.
    assertThat(weighted.bins().get(1).rows()).isEqualTo(1);
  }

  @Test
  void quantileEdgesCountRowsNotWeight() {
    double[] p = {0.1, 0.2, 0.3, 0.4};
    boolean[] y = {false, true, false, true};
    ReliabilityTable weighted = ReliabilityTable.of(p, y, new double[] {10, 1, 1, 1}, 2,
        BinStrategy.QUANTILE);
    assertThat(weighted.bins()).extracting(ReliabilityTable.Bin::upper).containsExactly(0.25, 0.4);
    assertThat(weighted.bins()).extracting(ReliabilityTable.Bin::weight).containsExactly(11.0, 2.0);
  }

  @ParameterizedTest
  @EnumSource(BinStrategy.class)
  void everyStrategyTakesTheEndsOfTheUnitIntervalAndRejectsNaN(BinStrategy strategy) {
    double[] p = {0.0, Math.nextUp(0.0), Math.nextDown(1.0), 1.0};
    ReliabilityTable table = ReliabilityTable.of(p, new boolean[] {false, false, true, true}, 2,
        strategy);
    assertThat(table.bins()).extracting(ReliabilityTable.Bin::rows).containsExactly(2, 2);
    assertThat(table.bins().get(0).lower()).isEqualTo(0.0);
    assertThat(table.bins().get(1).upper()).isEqualTo(1.0);
    assertThat(table.expectedCalibrationError()).isBetween(0.0, 1e-15); // all but perfect
    assertThatThrownBy(() -> ReliabilityTable.of(new double[] {0.5, Double.NaN},
        new boolean[] {true, false}, 2, strategy))
        .hasMessage("row 1: probability must be in [0, 1], was NaN");
  }

  @Test
  void rejectsBadInputsNamingTheRowAndValue() {
    assertThatThrownBy(() -> ReliabilityTable.of(new double[] {0.2, 1.2}, new boolean[] {true, false},
        5, BinStrategy.EQUAL_WIDTH)).hasMessage("row 1: probability must be in [0, 1], was 1.2");
    assertThatThrownBy(() -> ReliabilityTable.of(new double[] {Double.NaN}, new boolean[] {true}, 5,
        BinStrategy.QUANTILE)).hasMessage("row 0: probability must be in [0, 1], was NaN");
    assertThatThrownBy(() -> ReliabilityTable.of(P, Y, 0, BinStrategy.EQUAL_WIDTH))
        .hasMessage("bins must be >= 1, was 0");
    assertThatThrownBy(() -> ReliabilityTable.of(new double[] {0.2}, new boolean[] {true, false}, 5,
        BinStrategy.EQUAL_WIDTH))
        .hasMessage("labels must have one entry per probability: 1 probabilities but 2 labels");
    assertThatThrownBy(() -> ReliabilityTable.of(new double[0], new boolean[0], 5,
        BinStrategy.EQUAL_WIDTH)).hasMessage(
            "a reliability table needs at least one row of non-zero weight, but there are no rows");
    assertThatThrownBy(() -> ReliabilityTable.of(new double[] {0.3}, new boolean[] {true},
        new double[] {0}, 5, BinStrategy.EQUAL_WIDTH)).hasMessage(
            "a reliability table needs at least one row of non-zero weight, but every weight is 0");
    assertThatThrownBy(() -> ReliabilityTable.of(new double[] {0.3}, new boolean[] {true},
        new double[] {-1}, 5, BinStrategy.EQUAL_WIDTH))
        .hasMessage("row 0: weight must be finite and >= 0, was -1.0");
    assertThatThrownBy(() -> new ReliabilityTable(BinStrategy.QUANTILE, List.of(), 1, 0, 0))
        .hasMessage("a reliability table needs at least one bin");
  }
}

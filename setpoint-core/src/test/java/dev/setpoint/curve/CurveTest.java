package dev.setpoint.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.select.Objective;
import org.junit.jupiter.api.Test;

class CurveTest {

  // scores 0.9(+) 0.8(-) 0.8(+) 0.4(-) 0.1(+): the tie at 0.8 forms one point.
  private final Curve curve = Curve.of(
      new double[] {0.9, 0.8, 0.8, 0.4, 0.1},
      new boolean[] {true, false, true, false, true});

  @Test
  void collapsesTiesIntoOnePointPerDistinctScore() {
    assertThat(curve.size()).isEqualTo(4);
    assertThat(curve.threshold(1)).isEqualTo(0.8);
    assertThat(curve.truePositives(1)).isEqualTo(2.0);
    assertThat(curve.falsePositives(1)).isEqualTo(1.0);
  }

  @Test
  void flagsRowsScoringExactlyTheThreshold() {
    Confusion c = curve.at(0.8).confusion();
    assertThat(c).isEqualTo(new Confusion(2, 1, 1, 1));
    assertThat(curve.at(0.8000001).confusion()).isEqualTo(new Confusion(1, 0, 2, 2));
  }

  @Test
  void thresholdAboveEveryScoreFlagsNothing() {
    Confusion c = curve.at(2.0).confusion();
    assertThat(c).isEqualTo(new Confusion(0, 0, 3, 2));
    assertThat(c.precision()).isNaN();
  }

  @Test
  void averagePrecisionIsTheStepSum() {
    // recall steps 1/3 at p=1, 1/3 at p=2/3, 1/3 at p=3/5
    assertThat(curve.averagePrecision()).isEqualTo((1.0 + 2.0 / 3 + 3.0 / 5) / 3);
  }

  @Test
  void rocAucCountsTiedPairsAsHalf() {
    // pairs (pos, neg): 0.9>0.8 1, 0.9>0.4 1, 0.8=0.8 0.5, 0.8>0.4 1, 0.1<both 0 → 3.5/6
    assertThat(curve.rocAuc()).isEqualTo(3.5 / 6);
  }

  @Test
  void rocAucNeedsBothClasses() {
    Curve onlyPositives = Curve.of(new double[] {0.1, 0.2}, new boolean[] {true, true});
    assertThatThrownBy(onlyPositives::rocAuc)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no negatives");
  }

  @Test
  void rejectsNonFiniteScoreNamingTheRow() {
    assertThatThrownBy(() -> Curve.of(new double[] {0.1, Double.NaN}, new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1")
        .hasMessageContaining("NaN");
  }

  /** The table and the F1 numbers of docs/definitions.md's running example. */
  @Test
  void reproducesTheDefinitionsExample() {
    double[][] table = {{0.9, 1, 0, 2, 2}, {0.8, 2, 1, 1, 1}, {0.4, 2, 2, 1, 0}, {0.1, 3, 2, 0, 0}};
    for (int i = 0; i < table.length; i++) {
      assertThat(curve.threshold(i)).isEqualTo(table[i][0]);
      assertThat(curve.confusion(i))
          .isEqualTo(new Confusion(table[i][1], table[i][2], table[i][3], table[i][4]));
    }
    Confusion at08 = curve.at(0.8).confusion();
    assertThat(at08.precision()).isEqualTo(2.0 / 3);
    assertThat(at08.recall()).isEqualTo(2.0 / 3);
    assertThat(at08.falsePositiveRate()).isEqualTo(0.5);
    assertThat(at08.f1()).isEqualTo(4.0 / 6);
    assertThat(at08.flagRate()).isEqualTo(3.0 / 5);
    assertThat(curve.confusion(3).f1()).isEqualTo(0.75);
    dev.setpoint.select.Selection.Feasible best =
        (dev.setpoint.select.Selection.Feasible) dev.setpoint.select.Objective.fBeta(1).select(curve);
    assertThat(best.threshold()).isEqualTo(0.1);
    assertThat(best.objectiveValue()).isEqualTo(0.75);
  }
}

package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.curve.Curve;
import org.junit.jupiter.api.Test;

class MaxFBetaTest {

  @Test
  void choosesTheThresholdWithTheLargestF1() {
    Curve curve = Curve.of(new double[] {0.9, 0.6, 0.5, 0.4},
        new boolean[] {true, true, false, true});
    // F1: t=0.9 → 2·1/(2·1+2) = 0.5; t=0.6 → 4/(4+1) = 0.8; t=0.5 → 4/(4+1+1) = 0.667; t=0.4 → 6/7.
    Selection s = new MaxFBeta(1).select(curve);
    assertThat(s).isInstanceOf(Selection.Feasible.class);
    assertThat(((Selection.Feasible) s).threshold()).isEqualTo(0.4);
  }

  @Test
  void choosesTheHighestThresholdAmongTiesAndReportsThePlateau() {
    // Two points with identical F1: (TP 1, FP 0, FN 1) and (TP 2, FP 2, FN 0) both give 2/3.
    Curve plateau = Curve.of(new double[] {0.9, 0.5, 0.5, 0.2}, new boolean[] {true, false, false,
        true});
    Selection.Feasible f = (Selection.Feasible) new MaxFBeta(1).select(plateau);
    assertThat(f.objectiveValue()).isEqualTo(2.0 / 3);
    assertThat(f.threshold()).isEqualTo(0.9);
    assertThat(f.lowestTiedThreshold()).isEqualTo(0.2);
  }

  @Test
  void infeasibleWithoutPositives() {
    Curve curve = Curve.of(new double[] {0.1, 0.2}, new boolean[] {false, false});
    Selection s = new MaxFBeta(1).select(curve);
    assertThat(s).isInstanceOf(Selection.Infeasible.class);
    assertThat(((Selection.Infeasible) s).reason()).contains("no positives");
  }

  @Test
  void rejectsNonPositiveBeta() {
    assertThatThrownBy(() -> new MaxFBeta(0)).hasMessage("beta must be finite and > 0, was 0.0");
  }
}

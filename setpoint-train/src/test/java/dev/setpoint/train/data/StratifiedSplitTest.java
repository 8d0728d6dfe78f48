package dev.setpoint.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

  static FeatureMatrix rows(int n, int positives) {
    double[] v = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
      y[i] = i < positives;
    }
    return new FeatureMatrix(List.of("x"), v, y);
  }

  @Test
  void eachSetKeepsTheClassProportionsAndEveryRowIsUsedOnce() {
    StratifiedSplit split = StratifiedSplit.of(rows(1000, 100), new SplitFractions(0.6, 0.2, 0.2), 3);
    assertThat(split.train().rows()).isEqualTo(600);
    assertThat(split.train().positives()).isEqualTo(60);
    assertThat(split.validation().positives()).isEqualTo(20);
    assertThat(split.calibration().positives()).isEqualTo(20);
    java.util.Set<Double> seen = new java.util.HashSet<>();
    for (FeatureMatrix m : List.of(split.train(), split.validation(), split.calibration())) {
      for (int i = 0; i < m.rows(); i++) {
        assertThat(seen.add(m.value(i, 0))).isTrue();
      }
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
    FeatureMatrix all = rows(500, 50);
    StratifiedSplit a = StratifiedSplit.of(all, SplitFractions.DEFAULT, 11);
    StratifiedSplit b = StratifiedSplit.of(all, SplitFractions.DEFAULT, 11);
    StratifiedSplit c = StratifiedSplit.of(all, SplitFractions.DEFAULT, 12);
    assertThat(a.train().values()).isEqualTo(b.train().values());
    assertThat(a.validation().values()).isEqualTo(b.validation().values());
    assertThat(a.train().values()).isNotEqualTo(c.train().values());
  }

  @Test
  void standardizationIsFittedOnTrainingRowsAndMapsThemToMeanZeroScaleOne() {
    FeatureMatrix m = new FeatureMatrix(List.of("x", "constant"), new double[] {1, 5, 3, 5, 5, 5},
        new boolean[] {true, false, true});
    Standardization s = Standardization.fit(m);
    assertThat(s.means()).containsExactly(3, 5);
    assertThat(s.scales()[0]).isEqualTo(Math.sqrt(8.0 / 3));
    assertThat(s.scales()[1]).isEqualTo(1.0);
    FeatureMatrix z = s.apply(m);
    assertThat(z.value(0, 0) + z.value(1, 0) + z.value(2, 0)).isEqualTo(0.0);
    assertThat(z.value(1, 1)).isEqualTo(0.0);
  }
}

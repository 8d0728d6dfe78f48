package dev.setpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.train.data.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentSplitTest {

  /** 100 rows whose one feature is the row's index; every fifth row (20 in all) is a positive. */
  private static FeatureMatrix pool() {
    double[] values = new double[100];
    boolean[] labels = new boolean[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i;
      labels[i] = i % 5 == 0;
    }
    return new FeatureMatrix(List.of("index"), values, labels);
  }

  private static List<Double> indices(FeatureMatrix m) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < m.rows(); i++) {
      out.add(m.value(i, 0));
    }
    return out;
  }

  @Test
  void fromPoolCutsTheThreeSetsAndMakesThePoolsRestTheTestSetStratified() {
    ExperimentSplit split = ExperimentSplit.fromPool(pool(), 50, 20, 10, 7);
    assertThat(List.of(split.train().rows(), split.validation().rows(), split.calibration().rows(),
        split.test().rows())).containsExactly(50, 20, 10, 20);
    assertThat(List.of(split.train().positives(), split.validation().positives(),
        split.calibration().positives(), split.test().positives())).containsExactly(10, 4, 2, 4);
    List<Double> all = new ArrayList<>();
    for (FeatureMatrix m : List.of(split.train(), split.validation(), split.calibration(),
        split.test())) {
      all.addAll(indices(m));
    }
    // disjoint and covering: every pool row is in exactly one set
    assertThat(all).hasSize(100).doesNotHaveDuplicates();
  }

  @Test
  void withTestCutsTheSameThreeSetsAsFromPoolAndKeepsTheGivenTestSet() {
    FeatureMatrix given = new FeatureMatrix(List.of("index"), new double[] {-1, -2},
        new boolean[] {true, false});
    ExperimentSplit fromPool = ExperimentSplit.fromPool(pool(), 50, 20, 10, 7);
    ExperimentSplit withTest = ExperimentSplit.withTest(pool(), 50, 20, 10, given, 7);
    assertThat(indices(withTest.train())).isEqualTo(indices(fromPool.train()));
    assertThat(indices(withTest.validation())).isEqualTo(indices(fromPool.validation()));
    assertThat(indices(withTest.calibration())).isEqualTo(indices(fromPool.calibration()));
    assertThat(withTest.test()).isSameAs(given);
  }

  @Test
  void fromPoolRefusesCutsThatLeaveNoTestRowNamingTheSizes() {
    assertThatThrownBy(() -> ExperimentSplit.fromPool(pool(), 60, 20, 20, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("train 60, validation 20 and calibration 20 rows leave no row of the pool of 100 "
            + "for the test set");
    assertThatThrownBy(() -> ExperimentSplit.fromPool(pool(), 60, 30, 20, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must each be >= 1 and fit in the pool of 100");
  }
}

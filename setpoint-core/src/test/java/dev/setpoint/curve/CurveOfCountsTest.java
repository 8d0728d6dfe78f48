package dev.setpoint.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CurveOfCountsTest {

  @Test
  void countsPerScoreGiveTheSameCurveAsTheRowsTheyCount() {
    SplittableRandom random = new SplittableRandom(3);
    for (int c = 0; c < 300; c++) {
      int k = random.nextInt(30);
      double[] thresholds = new double[k];
      int[] positives = new int[k];
      int[] negatives = new int[k];
      double t = 5;
      int rows = 0;
      for (int i = 0; i < k; i++) {
        t -= 0.01 + random.nextDouble();
        thresholds[i] = t;
        positives[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(4);
        negatives[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(5);
        rows += positives[i] + negatives[i];
      }
      double[] scores = new double[rows];
      boolean[] labels = new boolean[rows];
      int row = 0;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < positives[i]; j++) {
          scores[row] = thresholds[i];
          labels[row++] = true;
        }
        for (int j = 0; j < negatives[i]; j++) {
          scores[row++] = thresholds[i];
        }
      }
      assertSameCurve(Curve.ofCounts(thresholds, positives, negatives), Curve.of(scores, labels), c);
    }
  }

  private static void assertSameCurve(Curve actual, Curve expected, int c) {
    assertThat(actual.size()).as("case %d", c).isEqualTo(expected.size());
    assertThat(actual.positives()).isEqualTo(expected.positives());
    assertThat(actual.negatives()).isEqualTo(expected.negatives());
    assertThat(actual.isWeighted()).isFalse();
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.threshold(i)).isEqualTo(expected.threshold(i));
      assertThat(actual.confusion(i)).isEqualTo(expected.confusion(i));
    }
  }

  @Test
  void scoresWithoutRowsAreNotPoints() {
    Curve curve = Curve.ofCounts(new double[] {0.9, 0.5, 0.2, -0.0}, new int[] {0, 2, 0, 1},
        new int[] {0, 1, 0, 0});
    assertThat(curve.size()).isEqualTo(2);
    assertThat(curve.threshold(0)).isEqualTo(0.5);
    assertThat(Double.doubleToRawLongBits(curve.threshold(1))).isEqualTo(0L); // -0.0 became 0.0
    assertThat(curve.confusion(1)).isEqualTo(new Confusion(3, 1, 0, 0));
    assertThat(Curve.ofCounts(new double[0], new int[0], new int[0]).size()).isZero();
  }

  @Test
  void badCountsAreNamed() {
    assertThatThrownBy(() -> Curve.ofCounts(new double[] {1, 1}, new int[2], new int[2]))
        .hasMessage("thresholds must be strictly descending, but thresholds[1] = 1.0 follows 1.0");
    assertThatThrownBy(() -> Curve.ofCounts(new double[] {Double.NaN}, new int[1], new int[1]))
        .hasMessage("thresholds[0] must be finite, was NaN");
    assertThatThrownBy(() -> Curve.ofCounts(new double[] {1}, new int[] {-1}, new int[1]))
        .hasMessage("counts must be >= 0, but at index 0 positives = -1 and negatives = 0");
    assertThatThrownBy(() -> Curve.ofCounts(new double[] {1}, new int[2], new int[1]))
        .hasMessageStartingWith("positives and negatives must have one count per threshold");
    int[] huge = new int[3];
    Arrays.fill(huge, Integer.MAX_VALUE / 2 + 1);
    assertThatThrownBy(() -> Curve.ofCounts(new double[] {3, 2, 1}, huge, new int[3]))
        .hasMessageStartingWith("a class may count at most 2147483647 rows");
  }
}

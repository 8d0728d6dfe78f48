package dev.setpoint.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CurveEdgeCasesTest {

  @Test
  void negativeZeroAndZeroAreOneTiedPoint() {
    Curve curve = Curve.of(new double[] {-0.0, 0.0}, new boolean[] {true, false});
    assertThat(curve.size()).isEqualTo(1);
    assertThat(Double.doubleToRawLongBits(curve.threshold(0))).isEqualTo(0L); // +0.0
    assertThat(curve.rocAuc()).isEqualTo(0.5);
  }

  @Test
  void singleDistinctScoreHasAucOneHalfAndApEqualToPrevalence() {
    Curve curve = Curve.of(new double[] {0.3, 0.3, 0.3, 0.3}, new boolean[] {true, false, false, false});
    assertThat(curve.size()).isEqualTo(1);
    assertThat(curve.rocAuc()).isEqualTo(0.5);
    assertThat(curve.averagePrecision()).isEqualTo(0.25);
  }

  @Test
  void precisionIsUndefinedWhenNothingIsFlagged() {
    Curve curve = Curve.of(new double[] {0.1, 0.2}, new boolean[] {true, false});
    assertThat(curve.at(0.5).confusion().precision()).isNaN();
    assertThat(curve.at(0.5).confusion().recall()).isZero();
  }

  @Test
  void recallIsUndefinedAndApFailsWithoutPositives() {
    Curve curve = Curve.of(new double[] {0.1, 0.2}, new boolean[] {false, false});
    assertThat(curve.at(0.1).confusion().recall()).isNaN();
    assertThatThrownBy(curve::averagePrecision)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("average precision needs positives")
        .hasMessageContaining("no positives");
  }

  @Test
  void emptyBuilderBuildsAnEmptyCurveWhoseMetricsSayWhy() {
    Curve curve = Curve.builder().build();
    assertThat(curve.size()).isZero();
    assertThat(curve.at(0.5).confusion()).isEqualTo(new Confusion(0, 0, 0, 0));
    assertThatThrownBy(curve::rocAuc).hasMessageContaining("no rows at all");
  }

  @Test
  void buildingTwiceOrAddingAfterBuildIsRefused() {
    CurveBuilder builder = Curve.builder().add(0.5, true);
    builder.build();
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> builder.add(0.1, false)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void invalidWeightsAreRejectedNamingTheRow() {
    assertThatThrownBy(() -> Curve.of(new double[] {0.1, 0.2}, new boolean[] {true, false},
        new double[] {1, -2})).hasMessage("row 1: weight must be finite and >= 0, was -2.0");
    assertThatThrownBy(() -> Curve.of(new double[] {0.1}, new boolean[] {true},
        new double[] {Double.NaN})).hasMessageContaining("was NaN");
  }

  @Test
  void rocAucIsDefinedForWeightsAtTheEdgesOfTheDoubleRange() {
    double[] scores = {0.9, 0.8, 0.7, 0.2};
    boolean[] labels = {true, false, true, false};
    double expected = Curve.of(scores, labels).rocAuc();
    for (double w : new double[] {1e-169, 1e-300, 1e156, 1e300}) {
      assertThat(Curve.of(scores, labels, new double[] {w, w, w, w}).rocAuc()).as("weight %s", w)
          .isEqualTo(expected);
    }
  }

  @Test
  void weightsWhoseSumOverflowsAreRejected() {
    assertThatThrownBy(() -> Curve.of(new double[] {0.1, 0.2}, new boolean[] {true, true},
        new double[] {1e308, 1e308})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to more than the largest double");
  }

  @Test
  void lengthMismatchIsRejected() {
    assertThatThrownBy(() -> Curve.of(new double[] {0.1, 0.2}, new boolean[] {true}))
        .hasMessageContaining("2 scores but 1 labels");
  }

  @Test
  void nanThresholdIsRejected() {
    Curve curve = Curve.of(new double[] {0.1}, new boolean[] {true});
    assertThatThrownBy(() -> curve.at(Double.NaN)).hasMessageContaining("NaN");
  }

  @Test
  void weightedRadixSortOrdersLikeABoxedSortAndCarriesWeightsStably() {
    SplittableRandom random = new SplittableRandom(7);
    double[] specials = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, -1e300, 1.0, -1.0};
    for (int c = 0; c < 50; c++) {
      int n = 1 + random.nextInt(3000);
      double[] scores = new double[n];
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        scores[i] = switch (random.nextInt(4)) {
          case 0 -> specials[random.nextInt(specials.length)];
          case 1 -> Double.longBitsToDouble(random.nextLong()) ; // any bit pattern
          case 2 -> random.nextInt(10) / 10.0;
          default -> random.nextGaussian() * 1e6;
        };
        if (Double.isNaN(scores[i])) {
          scores[i] = 0.5;
        }
        weights[i] = i; // the original index: stability is visible in the output
      }
      List<double[]> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        expected.add(new double[] {scores[i], i});
      }
      // Stable sort by numeric value with -0.0 < 0.0, as the sortable-bits mapping orders them.
      expected.sort(Comparator.comparingDouble((double[] a) -> a[0]));
      ScoreSort.sort(scores, weights);
      for (int i = 0; i < n; i++) {
        assertThat(scores[i]).as("case %d index %d", c, i).isEqualTo(expected.get(i)[0]);
        assertThat(weights[i]).as("case %d weight %d", c, i).isEqualTo(expected.get(i)[1]);
      }
    }
  }

  @Test
  void unweightedRadixSortOrdersLikeArraysSort() {
    SplittableRandom random = new SplittableRandom(8);
    double[] specials = {0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, -1e300, 1.0, -1.0};
    for (int c = 0; c < 20; c++) {
      int n = 4096 + random.nextInt(40_000); // above the radix threshold
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        double v = switch (random.nextInt(4)) {
          case 0 -> specials[random.nextInt(specials.length)];
          case 1 -> Double.longBitsToDouble(random.nextLong());
          case 2 -> Math.round(random.nextDouble() * 1e4) / 1e4;
          default -> random.nextGaussian() * 1e6;
        };
        scores[i] = Double.isNaN(v) ? 0.5 : v + 0.0; // the builder's normalisation: no NaN, no -0.0
      }
      double[] expected = scores.clone();
      Arrays.sort(expected);
      ScoreSort.sort(scores);
      assertThat(scores).as("case %d", c).containsExactly(expected);
    }
  }

  @Test
  void curvesAreValuesComparedByContent() {
    Curve a = Curve.of(new double[] {0.9, 0.1}, new boolean[] {true, false});
    Curve b = Curve.of(new double[] {0.1, 0.9}, new boolean[] {false, true});
    assertThat(a.prCurve()).isEqualTo(b.prCurve()).hasSameHashCodeAs(b.prCurve());
    assertThat(a.rocCurve()).isEqualTo(b.rocCurve());
    assertThat(a.prCurve().toString()).contains("precision=[1.0, 1.0, 0.5]");
    assertThat(Arrays.asList(a.rocCurve().falsePositiveRate()[2])).containsExactly(1.0);
  }
}

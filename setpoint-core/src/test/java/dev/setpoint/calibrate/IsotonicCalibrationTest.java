package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsotonicCalibrationTest {

  /** The docs/definitions.md running example: 0.1 (+), 0.4 (−), 0.8 (− and +), 0.9 (+). */
  @Test
  void poolsTheRunningExample() {
    IsotonicCalibration fit = IsotonicCalibration.fit(new double[] {0.9, 0.8, 0.8, 0.4, 0.1},
        new boolean[] {true, false, true, false, true});
    // Points 1, 0, 1/2 (weight 2), 1: 0.1 and 0.4 pool to 1/2, which then pools with 0.8's 1/2.
    assertThat(fit.knotScores()).containsExactly(0.1, 0.8, 0.9);
    assertThat(fit.knotProbabilities()).containsExactly(0.5, 0.5, 1.0);
    assertThat(fit.apply(0.05)).isEqualTo(0.5);
    assertThat(fit.apply(0.4)).isEqualTo(0.5);
    assertThat(fit.apply(0.85)).isCloseTo(0.75, within(1e-15));
    assertThat(fit.apply(0.9)).isEqualTo(1.0);
    assertThat(fit.apply(7)).isEqualTo(1.0);
  }

  @Test
  void matchesTheMinMaxFormulaOnRandomWeightedData() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 300; trial++) {
      int n = 2 + random.nextInt(25);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = random.nextInt(12) / 4.0; // many ties
        y[i] = i == 0 || (i > 1 && random.nextBoolean());
        w[i] = trial % 3 == 0 ? 1 : random.nextInt(4) == 0 ? 0 : random.nextDouble() * 2;
      }
      w[0] = 1;
      w[1] = 1;
      IsotonicCalibration fit = IsotonicCalibration.fit(s, y, w);
      double[][] reference = minMax(s, y, w);
      for (int j = 0; j < reference[0].length; j++) {
        assertThat(fit.apply(reference[0][j])).as("trial %d at %s", trial, reference[0][j])
            .isCloseTo(reference[1][j], within(1e-12));
      }
    }
  }

  /**
   * The isotonic regression at each distinct score x_i, by the min-max formula: max over j ≤ i of min
   * over k ≥ i of the weighted mean of points j..k. O(k³), independent of pooling.
   */
  private static double[][] minMax(double[] s, boolean[] y, double[] w) {
    double[] x = Arrays.stream(s).distinct().sorted().toArray();
    double[] pos = new double[x.length];
    double[] tot = new double[x.length];
    for (int i = 0; i < s.length; i++) {
      int j = Arrays.binarySearch(x, s[i]);
      tot[j] += w[i];
      pos[j] += y[i] ? w[i] : 0;
    }
    // Distinct scores whose rows all weigh 0 are no point at all.
    int m = 0;
    for (int j = 0; j < x.length; j++) {
      if (tot[j] > 0) {
        x[m] = x[j];
        pos[m] = pos[j];
        tot[m] = tot[j];
        m++;
      }
    }
    double[] value = new double[m];
    for (int i = 0; i < m; i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int j = 0; j <= i; j++) {
        double worst = Double.POSITIVE_INFINITY;
        for (int k = i; k < m; k++) {
          double p = 0;
          double t = 0;
          for (int l = j; l <= k; l++) {
            p += pos[l];
            t += tot[l];
          }
          worst = Math.min(worst, p / t);
        }
        best = Math.max(best, worst);
      }
      value[i] = best;
    }
    return new double[][] {Arrays.copyOf(x, m), value};
  }

  @Test
  void neverDecreasesBetweenOrAcrossKnots() {
    SplittableRandom random = new SplittableRandom(5);
    double[] s = new double[400];
    boolean[] y = new boolean[400];
    for (int i = 0; i < s.length; i++) {
      s[i] = random.nextDouble();
      y[i] = random.nextDouble() < s[i];
    }
    IsotonicCalibration fit = IsotonicCalibration.fit(s, y);
    double previous = fit.apply(-1);
    for (double x = -0.001; x <= 1.001; x += 1e-5) {
      double value = fit.apply(x);
      assertThat(value).as("at %s", x).isGreaterThanOrEqualTo(previous);
      previous = value;
    }
    for (double knot : fit.knotScores()) {
      assertThat(fit.apply(Math.nextDown(knot))).isLessThanOrEqualTo(fit.apply(knot));
      assertThat(fit.apply(knot)).isLessThanOrEqualTo(fit.apply(Math.nextUp(knot)));
    }
  }

  @Test
  void integerWeightsAreRepeatedRowsAndZeroWeightsMakeNoKnot() {
    double[] s = {0.1, 0.3, 0.3, 0.5, 0.7, 0.9};
    boolean[] y = {false, true, false, false, true, true};
    double[] w = {2, 1, 1, 0, 3, 1};
    IsotonicCalibration weighted = IsotonicCalibration.fit(s, y, w);
    IsotonicCalibration repeated = IsotonicCalibration.fit(
        new double[] {0.1, 0.1, 0.3, 0.3, 0.7, 0.7, 0.7, 0.9},
        new boolean[] {false, false, true, false, true, true, true, true});
    assertThat(weighted).isEqualTo(repeated).hasSameHashCodeAs(repeated);
    assertThat(weighted.knotScores()).doesNotContain(0.5);
  }

  @Test
  void aSingleDistinctScoreIsAConstant() {
    IsotonicCalibration fit = IsotonicCalibration.fit(new double[] {-0.0, 0.0, 0.0, -0.0},
        new boolean[] {true, false, false, false});
    assertThat(fit.size()).isEqualTo(1);
    assertThat(fit.knotScores()).containsExactly(0.0);
    assertThat(fit.apply(-3)).isEqualTo(0.25);
    assertThat(fit.apply(3)).isEqualTo(0.25);
  }

  @Test
  void knotArraysAreCopies() {
    IsotonicCalibration fit = IsotonicCalibration.of(new double[] {0, 1}, new double[] {0.2, 0.6});
    fit.knotScores()[0] = 5;
    fit.knotProbabilities()[1] = 0;
    assertThat(fit.apply(0.5)).isCloseTo(0.4, within(1e-15));
    assertThat(fit).hasToString(
        "IsotonicCalibration[knots=2, scores 0.0..1.0, probabilities 0.2..0.6]");
  }

  @Test
  void rejectsBadKnotsNamingTheKnot() {
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {}, new double[] {}))
        .hasMessage("an isotonic calibration needs at least one knot");
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {0, 1}, new double[] {0.1}))
        .hasMessage("knotProbabilities must have one entry per knot score: 2 scores but 1 "
            + "probabilities");
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {0, 0}, new double[] {0.1, 0.2}))
        .hasMessage("knot scores must increase strictly, but knot 1 is 0.0 after 0.0");
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {0, 1}, new double[] {0.3, 0.2}))
        .hasMessage("knot probabilities must not decrease, but knot 1 is 0.2 after 0.3");
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {0, 1}, new double[] {0.3, 1.2}))
        .hasMessage("knot 1: probability must be in [0, 1], was 1.2");
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {Double.NaN}, new double[] {0.3}))
        .hasMessage("knot 0: score must be finite, was NaN");
  }

  @Test
  void rejectsBadRowsNamingTheRowAndValue() {
    assertThatThrownBy(() -> IsotonicCalibration.fit(new double[] {0.1, Double.NEGATIVE_INFINITY},
        new boolean[] {true, false})).hasMessage("row 1: score must be finite, was -Infinity");
    assertThatThrownBy(() -> IsotonicCalibration.fit(new double[] {0.1, 0.2},
        new boolean[] {false, false}))
        .hasMessage("isotonic calibration needs both positives and negatives, but the data has no "
            + "positives (positive weight 0.0, negative weight 2.0)");
    assertThatThrownBy(() -> IsotonicCalibration.fit(new double[] {0.1, 0.2},
        new boolean[] {true, false}, new double[] {1, Double.NaN}))
        .hasMessage("row 1: weight must be finite and >= 0, was NaN");
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {0}, new double[] {0.5})
        .apply(Double.NaN)).hasMessage("score must be finite, was NaN");
    assertThatThrownBy(() -> IsotonicCalibration.of(new double[] {0}, new double[] {0.5})
        .apply(new double[] {0.2, Double.NaN})).hasMessage("row 1: score must be finite, was NaN");
  }
}

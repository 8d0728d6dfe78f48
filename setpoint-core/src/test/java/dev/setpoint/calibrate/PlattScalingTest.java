package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

  /** The docs/definitions.md#platt-scaling example: two scores, each group's mean target is fitted. */
  @Test
  void fitsTheClosedFormOfTwoGroups() {
    // Score 0: 1 positive, 3 negatives; score 1: 3 positives, 1 negative. P = N = 4, targets 5/6 and
    // 1/6, so the mean targets are 1/3 and 2/3: e^B = 2 and e^(A+B) = 1/2.
    PlattScaling fit = PlattScaling.fit(new double[] {0, 0, 0, 0, 1, 1, 1, 1},
        new boolean[] {true, false, false, false, true, true, true, false});
    assertThat(fit.a()).isCloseTo(-2 * Math.log(2), within(1e-15));
    assertThat(fit.b()).isCloseTo(Math.log(2), within(1e-15));
    assertThat(fit.apply(0)).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(fit.apply(1)).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(fit.inverse(0.5)).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void satisfiesPlattsFirstOrderConditions() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 20 + random.nextInt(300);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = i == 0 || (i > 1 && random.nextDouble() < 0.3); // both classes present
        s[i] = random.nextGaussian() * 2 + (y[i] ? 1.5 : -0.5);
        w[i] = trial % 2 == 0 ? 1 : random.nextDouble() * 3;
      }
      double positives = 0;
      double negatives = 0;
      for (int i = 0; i < n; i++) {
        positives += y[i] ? w[i] : 0;
        negatives += y[i] ? 0 : w[i];
      }
      PlattScaling fit = PlattScaling.fit(s, y, w);
      // At the optimum Σ w·(t − p) = 0 and Σ w·(t − p)·s = 0.
      double hi = (positives + 1) / (positives + 2);
      double lo = 1 / (negatives + 2);
      double g1 = 0;
      double g2 = 0;
      double scale1 = 0;
      double scale2 = 0;
      for (int i = 0; i < n; i++) {
        double r = w[i] * ((y[i] ? hi : lo) - fit.apply(s[i]));
        g1 += r * s[i];
        g2 += r;
        scale1 += w[i] * Math.abs(s[i]);
        scale2 += w[i];
      }
      assertThat(Math.abs(g1) / scale1).as("trial %d, slope condition", trial).isLessThan(1e-13);
      assertThat(Math.abs(g2) / scale2).as("trial %d, intercept condition", trial).isLessThan(1e-13);
    }
  }

  @Test
  void integerWeightsAreRepeatedRowsAndZeroWeightsChangeNothing() {
    double[] s = {-1.0, 0.2, 0.4, 1.3, 2.0, -0.5};
    boolean[] y = {false, true, false, true, true, false};
    double[] w = {2, 1, 3, 0, 1, 2};
    PlattScaling weighted = PlattScaling.fit(s, y, w);
    PlattScaling repeated = PlattScaling.fit(new double[] {-1.0, -1.0, 0.2, 0.4, 0.4, 0.4, 2.0, -0.5,
        -0.5}, new boolean[] {false, false, true, false, false, false, true, false, false});
    assertThat(weighted.a()).isCloseTo(repeated.a(), within(1e-12));
    assertThat(weighted.b()).isCloseTo(repeated.b(), within(1e-12));
  }

  @Test
  void rowOrderDoesNotMatter() {
    double[] s = {0.9, 0.1, 0.5, 0.7, 0.3, 0.6};
    boolean[] y = {true, false, true, false, false, true};
    double[] rs = {0.6, 0.3, 0.7, 0.5, 0.1, 0.9};
    boolean[] ry = {true, false, false, true, false, true};
    PlattScaling forward = PlattScaling.fit(s, y);
    PlattScaling reversed = PlattScaling.fit(rs, ry);
    assertThat(forward.a()).isCloseTo(reversed.a(), within(1e-13));
    assertThat(forward.b()).isCloseTo(reversed.b(), within(1e-13));
  }

  @Test
  void scoresFarFromZeroFitAsWellAsScoresNearIt() {
    // Shifting every score by c shifts only B, by −A·c; centring keeps the Newton system well posed.
    double[] s = {-1.0, -0.4, 0.1, 0.3, 0.8, 1.1, 1.5, 2.2};
    boolean[] y = {false, false, true, false, true, false, true, true};
    double[] shifted = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      shifted[i] = s[i] + 1e6;
    }
    PlattScaling near = PlattScaling.fit(s, y);
    PlattScaling far = PlattScaling.fit(shifted, y);
    assertThat(far.a()).isCloseTo(near.a(), within(1e-9));
    for (int i = 0; i < s.length; i++) {
      assertThat(far.apply(shifted[i])).isCloseTo(near.apply(s[i]), within(1e-9));
    }
  }

  @Test
  void separableClassesStillHaveAFiniteFit() {
    PlattScaling fit = PlattScaling.fit(new double[] {0.1, 0.2, 0.3, 0.7, 0.8, 0.9},
        new boolean[] {false, false, false, true, true, true});
    // The smoothed targets 4/5 and 1/5 keep the optimum finite; by symmetry p(0.5) = 1/2.
    assertThat(fit.a()).isNegative().isFinite();
    assertThat(fit.apply(0.5)).isCloseTo(0.5, within(1e-15));
    assertThat(fit.apply(0.9)).isLessThan(0.9);
    assertThat(fit.apply(0.1)).isGreaterThan(0.1);
  }

  @Test
  void applyIsNeverNaNForFiniteScores() {
    PlattScaling p = new PlattScaling(-3, 0.5);
    assertThat(p.apply(1e300)).isEqualTo(1.0);
    assertThat(p.apply(-1e300)).isEqualTo(0.0);
    assertThat(p.apply(Double.MAX_VALUE)).isEqualTo(1.0);
  }

  @Test
  void inverseUndoesApplyWhenIncreasing() {
    PlattScaling p = new PlattScaling(-2.5, 0.75);
    for (double s = -4; s <= 4; s += 0.25) {
      assertThat(p.inverse(p.apply(s))).as("s = %s", s).isCloseTo(s, within(1e-12));
    }
    for (double q = 0.01; q < 1; q += 0.01) {
      assertThat(p.apply(p.inverse(q))).as("p = %s", q).isCloseTo(q, within(1e-15));
    }
    assertThat(p.inverse(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(p.inverse(1)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void inverseDecreasesWhenAIsPositive() {
    PlattScaling p = new PlattScaling(2, 0);
    assertThat(p.inverse(0.2)).isGreaterThan(p.inverse(0.8));
    assertThat(p.apply(p.inverse(0.2))).isCloseTo(0.2, within(1e-15));
    assertThat(p.inverse(0)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void aConstantModelHasNoInverse() {
    assertThatThrownBy(() -> new PlattScaling(0, Math.log(3)).inverse(0.25))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Platt scaling with A = 0 is the constant probability 0.25 and has no inverse");
  }

  @Test
  void rejectsBadInputsNamingTheRowAndValue() {
    boolean[] y = {true, false, true};
    assertThatThrownBy(() -> PlattScaling.fit(new double[] {0.1, Double.NaN, 0.3}, y))
        .hasMessage("row 1: score must be finite, was NaN");
    assertThatThrownBy(() -> PlattScaling.fit(new double[] {0.1, 0.2, 0.3}, y,
        new double[] {1, -0.5, 1})).hasMessage("row 1: weight must be finite and >= 0, was -0.5");
    assertThatThrownBy(() -> PlattScaling.fit(new double[] {0.1, 0.2}, y))
        .hasMessage("labels must have one entry per score: 2 scores but 3 labels");
    assertThatThrownBy(() -> PlattScaling.fit(new double[] {0.1, 0.2}, new boolean[] {true, true}))
        .hasMessage("Platt scaling needs both positives and negatives, but the data has no negatives"
            + " (positive weight 2.0, negative weight 0.0)");
    assertThatThrownBy(() -> PlattScaling.fit(new double[] {0.1, 0.2, 0.3}, y,
        new double[] {1, 0, 1}))
        .hasMessage("Platt scaling needs both positives and negatives, but the data has no negatives"
            + " (positive weight 2.0, negative weight 0.0)");
    assertThatThrownBy(() -> PlattScaling.fit(new double[] {0.4, 0.4, 0.4}, y))
        .hasMessage("Platt scaling needs at least two distinct scores, but every row of non-zero "
            + "weight scores 0.4");
    assertThatThrownBy(() -> new PlattScaling(Double.NaN, 0)).hasMessage("a must be finite, was NaN");
    assertThatThrownBy(() -> new PlattScaling(-1, 0).apply(Double.POSITIVE_INFINITY))
        .hasMessage("score must be finite, was Infinity");
    assertThatThrownBy(() -> new PlattScaling(-1, 0).inverse(1.5))
        .hasMessage("probability must be in [0, 1], was 1.5");
  }
}

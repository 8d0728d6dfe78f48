package dev.setpoint.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.select.Selection;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuaranteedPrecisionTest {

  /**
   * 29 positives, 11 negatives. From the top: six positives at 0.95…0.90, one negative at 0.8, three
   * positives at 0.7, ten negatives at 0.6, twenty positives at 0.5.
   */
  private static Curve calibration() {
    CurveBuilder b = Curve.builder();
    for (double s : new double[] {0.95, 0.94, 0.93, 0.92, 0.91, 0.90}) {
      b.add(s, true);
    }
    b.add(0.8, false);
    for (int i = 0; i < 3; i++) {
      b.add(0.7, true);
    }
    for (int i = 0; i < 10; i++) {
      b.add(0.6, false);
    }
    for (int i = 0; i < 20; i++) {
      b.add(0.5, true);
    }
    return b.build();
  }

  // p = 0.5, δ = 0.1: m_min = 4 (0.5^4 = 0.0625 <= 0.1 < 0.125 = 0.5^3).
  private final GuaranteedPrecision half = new GuaranteedPrecision(0.5, 0.1);

  @Test
  void theWalkStopsAtTheFirstFailureEvenWhenALaterThresholdWouldPass() {
    // p-values: 0.9 → 6/6: 0.0156; 0.8 → 6/7: 0.0625; 0.7 → 9/10: 0.0107; 0.6 → 9/20: 0.75 (stop);
    // 0.5 → 29/40: 0.0032 would pass, but a full scan's "lowest passing" is not a valid answer.
    Selection s = half.select(calibration(), new double[] {0.9, 0.8, 0.7, 0.6, 0.5});
    assertThat(s).isInstanceOf(Selection.Feasible.class);
    Selection.Feasible f = (Selection.Feasible) s;
    assertThat(f.threshold()).isEqualTo(0.7);
    assertThat(f.point().confusion().truePositives()).isEqualTo(9);
    assertThat(f.point().confusion().falsePositives()).isEqualTo(1);
    assertThat(f.objectiveValue()).isEqualTo(9.0 / 29);
    assertThat(f.lowestTiedThreshold()).isEqualTo(0.7);
  }

  @Test
  void amongCertifiedThresholdsWithTheSameRecallTheHighestWins() {
    // 0.65 flags what 0.7 flags: both certified, same recall; 0.7 is chosen, 0.65 is the plateau.
    Selection.Feasible f = (Selection.Feasible) half.select(calibration(),
        new double[] {0.9, 0.8, 0.75, 0.7, 0.65, 0.6, 0.5});
    assertThat(f.threshold()).isEqualTo(0.7);
    assertThat(f.lowestTiedThreshold()).isEqualTo(0.65);
  }

  @Test
  void aSequenceStartingAtOneFlaggedRowCertifiesNothingAndSaysWhy() {
    Selection s = half.select(calibration(), new double[] {0.95, 0.9, 0.8, 0.7});
    assertThat(s).isInstanceOf(Selection.Infeasible.class);
    Selection.Infeasible i = (Selection.Infeasible) s;
    assertThat(i.reason()).isEqualTo("no threshold certifies precision ≥ 0.5 at δ = 0.1 with 29 "
        + "positives in 40 calibration rows; the sequence stops at its first threshold, 0.95, which "
        + "flags 1 row with 0 false positives (p-value 0.5 > δ); certifying needs at least 4 flagged "
        + "rows even with no false positive; the best one-sided 90 % lower bound on precision is 0.6813 "
        + "at threshold 0.9 (6 flagged, precision 1)");
    assertThat(i.nearest()).hasValueSatisfying(p -> assertThat(p.threshold()).isEqualTo(0.9));
  }

  @Test
  void aSequenceAboveEveryCalibrationScoreFlagsNothing() {
    Selection.Infeasible i = (Selection.Infeasible) half.select(calibration(), new double[] {2, 1});
    assertThat(i.reason()).contains("which flags 0 rows; certifying needs at least 4")
        .endsWith("no threshold of the sequence flags any calibration row");
    assertThat(i.nearest()).isEmpty();
  }

  @Test
  void passingIsTheOneSidedClopperPearsonBoundReachingTheTarget() {
    SplittableRandom random = new SplittableRandom(11);
    int checked = 0;
    while (checked < 3000) {
      long m = 1 + random.nextInt(400);
      long k = random.nextLong(m + 1);
      double p = 0.5 + 0.49 * random.nextDouble();
      double delta = 0.01 + 0.2 * random.nextDouble();
      double pValue = GuaranteedPrecision.pValue(k, m, p);
      double bound = IntervalMethod.CLOPPER_PEARSON.lowerBound(k, m, 1 - delta);
      if (Math.abs(pValue - delta) < 1e-9 || Math.abs(bound - p) < 1e-9) {
        continue; // on the boundary, rounding decides
      }
      assertThat(pValue <= delta).as("k=%d m=%d p=%s δ=%s", k, m, p, delta).isEqualTo(bound >= p);
      checked++;
    }
  }

  @Test
  void minimumFlaggedMatchesTheNotesTable() {
    assertThat(new GuaranteedPrecision(0.95, 0.05).minimumFlagged()).isEqualTo(59);
    assertThat(new GuaranteedPrecision(0.9, 0.05).minimumFlagged()).isEqualTo(29);
    assertThat(half.minimumFlagged()).isEqualTo(4);
    // Exactly on the boundary: 0.5^2 = 0.25.
    assertThat(new GuaranteedPrecision(0.5, 0.25).minimumFlagged()).isEqualTo(2);
    assertThat(GuaranteedPrecision.pValue(59, 59, 0.95)).isLessThanOrEqualTo(0.05);
    assertThat(GuaranteedPrecision.pValue(58, 58, 0.95)).isGreaterThan(0.05);
  }

  @Test
  void theSequenceStartsWhereTwiceTheMinimumIsExpectedToBeFlagged() {
    // Validation: 100 rows with distinct scores 0.99, 0.98, …, 0.00. Against 200 calibration rows, a
    // flag rate r is expected to flag 200·r rows; 2·m_min = 8 needs r >= 0.04, first reached at the 4th
    // score, 0.96.
    double[] scores = new double[100];
    boolean[] labels = new boolean[100];
    for (int i = 0; i < 100; i++) {
      scores[i] = (99 - i) / 100.0;
      labels[i] = i % 2 == 0;
    }
    double[] sequence = half.thresholdSequence(Curve.of(scores, labels), 200);
    assertThat(sequence).hasSize(97);
    assertThat(sequence[0]).isEqualTo(0.96);
    assertThat(sequence[96]).isEqualTo(0.0);
    // Too few calibration rows for any start: the sequence is the lowest score alone.
    assertThat(half.thresholdSequence(Curve.of(scores, labels), 5)).containsExactly(0.0);
  }

  @Test
  void validationAndCalibrationTogetherRunThePipeline() {
    SplittableRandom random = new SplittableRandom(5);
    Curve validation = sample(random, 5000);
    Curve calibration = sample(random, 5000);
    GuaranteedPrecision g = new GuaranteedPrecision(0.8, 0.05);
    Selection s = g.select(validation, calibration);
    assertThat(s).isEqualTo(g.select(calibration, g.thresholdSequence(validation, 5000)));
    Selection.Feasible f = (Selection.Feasible) s;
    // Certified: the calibration precision there clears p with room (its lower bound does).
    assertThat(Intervals.precision(f.point().confusion(), IntervalMethod.CLOPPER_PEARSON, 0.90).lower())
        .isGreaterThanOrEqualTo(0.8);
  }

  /** Positives score N(1, 1), negatives N(−1, 1), 30 % positives. */
  private static Curve sample(SplittableRandom random, int n) {
    CurveBuilder b = Curve.builder();
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextDouble() < 0.3;
      double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
          * Math.cos(2 * Math.PI * random.nextDouble());
      b.add((positive ? 1 : -1) + z, positive);
    }
    return b.build();
  }

  @Test
  void weightedCalibrationIsRefused() {
    Curve weighted = Curve.builder().add(0.9, true, 2.0).add(0.1, false).build();
    assertThatThrownBy(() -> half.select(weighted, new double[] {0.5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("guaranteed selection needs unweighted calibration rows");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> new GuaranteedPrecision(1.0, 0.05))
        .hasMessage("precision target must be in (0, 1), was 1.0; precision 1 can never be certified "
            + "from a sample");
    assertThatThrownBy(() -> new GuaranteedPrecision(0.9, 0))
        .hasMessage("delta must be in (0, 1), was 0.0");
    assertThatThrownBy(() -> half.select(calibration(), new double[] {0.9, 0.9}))
        .hasMessage("thresholds must be strictly descending, but thresholds[1] = 0.9 follows 0.9");
    assertThatThrownBy(() -> half.select(calibration(), new double[] {Double.NaN}))
        .hasMessage("thresholds[0] is NaN");
    assertThatThrownBy(() -> half.select(calibration(), new double[0]))
        .hasMessage("the threshold sequence is empty");
    assertThatThrownBy(() -> GuaranteedPrecision.pValue(5, 4, 0.9))
        .hasMessage("truePositives (5) must be <= flagged (4)");
    assertThat(GuaranteedPrecision.pValue(0, 0, 0.9)).isEqualTo(1.0);
    assertThat(GuaranteedPrecision.pValue(3, 3, 0.9)).isCloseTo(0.729, within(1e-15));
  }
}

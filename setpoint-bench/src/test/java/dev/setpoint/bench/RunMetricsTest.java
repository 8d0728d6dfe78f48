package dev.setpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.stats.GuaranteedPrecision;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link RunMetrics} against a naive O(n·k) reference: every count by a loop over the rows at every
 * candidate threshold, the Learn-then-Test walk with the binomial tail summed by hand.
 */
class RunMetricsTest {

  private static final double TARGET = 0.9;
  private static final double DELTA = 0.05;

  /** n rows; scores on a coarse grid (so ties happen), positives scoring higher by {@code signal}. */
  private static RunMetrics.Scored draw(int n, double signal, SplittableRandom random) {
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextDouble() < 0.3;
      double u = random.nextDouble() + (y[i] ? signal : 0);
      s[i] = Math.round(u * 40) / 40.0;
    }
    return new RunMetrics.Scored(s, y);
  }

  /** TP, FP at {@code score >= t}, by a loop. */
  private static long[] counts(RunMetrics.Scored set, double t) {
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < set.scores().length; i++) {
      if (set.scores()[i] >= t) {
        if (set.labels()[i]) {
          tp++;
        } else {
          fp++;
        }
      }
    }
    return new long[] {tp, fp};
  }

  private static long positives(RunMetrics.Scored set) {
    long p = 0;
    for (boolean label : set.labels()) {
      p += label ? 1 : 0;
    }
    return p;
  }

  /** Max recall with precision ≥ target over the distinct scores; ties → the highest threshold. */
  private static Optional<double[]> recallAtPrecision(RunMetrics.Scored set) {
    TreeSet<Double> distinct = new TreeSet<>();
    for (double s : set.scores()) {
      distinct.add(s);
    }
    double best = -1;
    double threshold = Double.NaN;
    for (double t : distinct.descendingSet()) {
      long[] c = counts(set, t);
      if (c[0] + c[1] > 0 && (double) c[0] / (c[0] + c[1]) >= TARGET
          && (double) c[0] / positives(set) > best) {
        best = (double) c[0] / positives(set);
        threshold = t;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(new double[] {best, threshold});
  }

  /**
   * Keras' {@code RecallAtPrecision(TARGET)} by its own recipe: thresholds {@code [0.0] + [(i + 1) /
   * 199 for i in range(198)] + [1.0]}, flag iff {@code score > threshold}, precision 0 without flags,
   * the largest feasible recall or 0.
   */
  private static double kerasReference(RunMetrics.Scored set) {
    java.util.List<Double> thresholds = new java.util.ArrayList<>();
    thresholds.add(0.0);
    for (int i = 0; i < 198; i++) {
      thresholds.add((i + 1) * 1.0 / 199);
    }
    thresholds.add(1.0);
    double best = 0;
    for (double t : thresholds) {
      long tp = 0;
      long fp = 0;
      for (int i = 0; i < set.scores().length; i++) {
        if (set.scores()[i] > t) {
          if (set.labels()[i]) {
            tp++;
          } else {
            fp++;
          }
        }
      }
      double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
      if (precision >= TARGET) {
        best = Math.max(best, (double) tp / positives(set));
      }
    }
    return best;
  }

  /** P(Bin(m, 1 − target) ≤ fp), summed term by term. */
  private static double binomialTail(long fp, long m) {
    double q = 1 - TARGET;
    double sum = 0;
    for (long k = 0; k <= fp; k++) {
      double logTerm = logChoose(m, k) + k * Math.log(q) + (m - k) * Math.log1p(-q);
      sum += Math.exp(logTerm);
    }
    return sum;
  }

  private static double logChoose(long n, long k) {
    double s = 0;
    for (long i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  /** The fixed-sequence walk on the core's sequence, the lowest passing t moved up its TP plateau. */
  private static Optional<Double> ltt(RunMetrics.Scored validation, RunMetrics.Scored calibration) {
    double[] sequence = new GuaranteedPrecision(TARGET, DELTA).thresholdSequence(
        Curve.of(validation.scores(), validation.labels()), calibration.scores().length);
    int passed = -1;
    for (int j = 0; j < sequence.length; j++) {
      long[] c = counts(calibration, sequence[j]);
      long m = c[0] + c[1];
      double p = m == 0 ? 1 : binomialTail(c[1], m);
      if (p <= DELTA) {
        passed = j;
      } else {
        break;
      }
    }
    if (passed < 0) {
      return Optional.empty();
    }
    int chosen = passed;
    while (chosen > 0 && counts(calibration, sequence[chosen - 1])[0]
        == counts(calibration, sequence[passed])[0]) {
      chosen--;
    }
    return Optional.of(sequence[chosen]);
  }

  private static void assertTestCounts(RunMetrics.AtThreshold at, RunMetrics.Scored test) {
    long[] c = counts(test, at.threshold());
    Confusion confusion = at.test();
    assertThat(confusion.truePositives()).isEqualTo(c[0]);
    assertThat(confusion.falsePositives()).isEqualTo(c[1]);
    assertThat(confusion.flagged()).isEqualTo(c[0] + c[1]);
    assertThat(confusion.recall()).isCloseTo((double) c[0] / positives(test), within(1e-15));
    if (c[0] + c[1] > 0) {
      // The CP bound lies below the observed precision, and is a bound at 95 %: at it, the chance of
      // TP or more successes is 5 %.
      double precision = (double) c[0] / (c[0] + c[1]);
      assertThat(confusion.precision()).isCloseTo(precision, within(1e-15));
      assertThat(at.testPrecisionLower()).isLessThanOrEqualTo(precision);
      if (c[0] > 0) {
        double lower = at.testPrecisionLower();
        double upperTail = 0;
        long m = c[0] + c[1];
        for (long k = c[0]; k <= m; k++) {
          upperTail += Math.exp(logChoose(m, k) + k * Math.log(lower) + (m - k) * Math.log1p(-lower));
        }
        assertThat(upperTail).isCloseTo(0.05, within(1e-6));
      }
    }
  }

  @Test
  void everyNumberAgreesWithANaiveReferenceOnRandomInputs() {
    SplittableRandom random = new SplittableRandom(20261124);
    int certified = 0;
    int notCertified = 0;
    int naiveMissing = 0;
    for (int trial = 0; trial < 60; trial++) {
      double signal = 0.3 + 1.2 * random.nextDouble();
      RunMetrics.Scored validation = draw(300, signal, random);
      RunMetrics.Scored calibration = draw(100 + random.nextInt(400), signal, random);
      RunMetrics.Scored test = draw(200, signal, random);
      RunMetrics m = RunMetrics.measure(validation, calibration, test, TARGET, DELTA);

      Optional<double[]> onValidation = recallAtPrecision(validation);
      assertThat(m.validationRecall().isPresent()).isEqualTo(onValidation.isPresent());
      assertThat(m.naive().isPresent()).isEqualTo(onValidation.isPresent());
      if (onValidation.isPresent()) {
        assertThat(m.validationRecall().get()).isEqualTo(onValidation.get()[0]);
        assertThat(m.naive().get().threshold()).isEqualTo(onValidation.get()[1]);
        assertTestCounts(m.naive().get(), test);
      } else {
        naiveMissing++;
      }

      assertThat(m.kerasValidationRecall()).isEqualTo(kerasReference(validation));
      assertThat(m.kerasValidationRecall())
          .isLessThanOrEqualTo(m.validationRecall().orElse(0.0));

      Optional<double[]> oracle = recallAtPrecision(test);
      assertThat(m.oracleRecall()).isEqualTo(oracle.map(o -> o[0]));

      assertThat(m.calibrationRows()).isEqualTo(calibration.scores().length);
      assertThat((long) m.calibrationPositives()).isEqualTo(positives(calibration));
      Optional<Double> expected = ltt(validation, calibration);
      assertThat(m.certified().map(c -> c.atTest().threshold())).isEqualTo(expected);
      if (m.certified().isPresent()) {
        certified++;
        RunMetrics.Certified c = m.certified().get();
        long[] cal = counts(calibration, c.atTest().threshold());
        assertThat(c.calibration().truePositives()).isEqualTo(cal[0]);
        assertThat(c.calibration().falsePositives()).isEqualTo(cal[1]);
        assertTestCounts(c.atTest(), test);
      } else {
        notCertified++;
      }
    }
    // The inputs exercise both outcomes, so the comparison covers both branches.
    assertThat(certified).isGreaterThan(5);
    assertThat(notCertified).isGreaterThan(5);
    assertThat(naiveMissing).isLessThan(60);
  }
}

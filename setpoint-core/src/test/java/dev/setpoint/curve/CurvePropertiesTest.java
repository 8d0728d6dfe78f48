package dev.setpoint.curve;

import static dev.setpoint.curve.GoldenTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests on seeded random inputs (no property-testing library: see docs/dependencies.md). Each
 * case prints its seed-derived index on failure, so it reproduces.
 */
class CurvePropertiesTest {

  private static final int CASES = 400;

  /** A random data set: small score alphabets force ties, some cases are continuous, some weighted. */
  record Data(double[] scores, boolean[] labels, double[] weights, boolean weighted) {

    static Data random(SplittableRandom r) {
      int n = 1 + r.nextInt(200);
      double[] scores = new double[n];
      boolean[] labels = new boolean[n];
      double[] weights = new double[n];
      int alphabet = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(12); // 0 = continuous
      boolean weighted = r.nextBoolean();
      double prevalence = 0.05 + 0.9 * r.nextDouble();
      for (int i = 0; i < n; i++) {
        scores[i] = alphabet == 0 ? r.nextDouble() * 4 - 2 : (r.nextInt(alphabet) - 3) / 4.0;
        labels[i] = r.nextDouble() < prevalence;
        weights[i] = !weighted ? 1.0 : r.nextInt(5) == 0 ? 0.0 : r.nextInt(2) == 0
            ? r.nextInt(1, 4) : r.nextDouble() * 3;
      }
      if (r.nextInt(8) == 0) {
        scores[0] = -0.0; // signed zero must tie with 0.0
      }
      return new Data(scores, labels, weights, weighted);
    }

    Curve curve() {
      return weighted ? Curve.of(scores, labels, weights) : Curve.of(scores, labels);
    }

    boolean bothClasses() {
      double p = 0;
      double n = 0;
      for (int i = 0; i < scores.length; i++) {
        p += labels[i] ? weights[i] : 0;
        n += labels[i] ? 0 : weights[i];
      }
      return p > 0 && n > 0;
    }
  }

  @Test
  void agreesWithTheNaiveReference() {
    SplittableRandom random = new SplittableRandom(1);
    for (int c = 0; c < CASES; c++) {
      Data d = Data.random(random);
      Curve curve = d.curve();
      NaiveCurve naive = new NaiveCurve(d.scores(), d.labels(), d.weights());

      assertThat(curve.size()).as("case %d points", c).isEqualTo(naive.thresholds.length);
      for (int k = 0; k < curve.size(); k++) {
        assertThat(curve.threshold(k)).as("case %d threshold %d", c, k).isEqualTo(naive.thresholds[k]);
        assertClose("case " + c + " TP " + k, curve.truePositives(k), naive.tp[k]);
        assertClose("case " + c + " FP " + k, curve.falsePositives(k), naive.fp[k]);
      }
      if (d.bothClasses()) {
        assertClose("case " + c + " AP", curve.averagePrecision(), naive.averagePrecision());
        assertClose("case " + c + " AUC", curve.rocAuc(), naive.rocAucTrapezoid());
        assertThat(Math.abs(curve.rocAuc() - naive.rocAucPairwise()))
            .as("case %d AUC vs pairwise Mann-Whitney", c).isLessThan(1e-9);
      }
    }
  }

  @Test
  void confusionAtAnyThresholdEqualsAFullScan() {
    SplittableRandom random = new SplittableRandom(2);
    for (int c = 0; c < CASES; c++) {
      Data d = Data.random(random);
      Curve curve = d.curve();
      NaiveCurve naive = new NaiveCurve(d.scores(), d.labels(), d.weights());
      double[] probes = new double[12];
      for (int i = 0; i < 8; i++) {
        probes[i] = d.scores()[random.nextInt(d.scores().length)]; // exactly on a score
      }
      probes[8] = random.nextDouble() * 4 - 2; // between scores
      probes[9] = 1e9; // above every score
      probes[10] = -1e9; // below every score
      probes[11] = Math.nextUp(probes[0]);
      for (double t : probes) {
        Confusion conf = curve.at(t).confusion();
        double[] counts = naive.countsAt(t);
        assertClose("case " + c + " TP at " + t, conf.truePositives(), counts[0]);
        assertClose("case " + c + " FP at " + t, conf.falsePositives(), counts[1]);
        assertClose("case " + c + " FN at " + t, conf.falseNegatives(), naive.positives - counts[0]);
        assertClose("case " + c + " TN at " + t, conf.trueNegatives(), naive.negatives - counts[1]);
      }
    }
  }

  @Test
  void shufflingRowsChangesNothing() {
    SplittableRandom random = new SplittableRandom(3);
    for (int c = 0; c < CASES; c++) {
      Data d = Data.random(random);
      int[] order = permutation(d.scores().length, random);
      Data shuffled = new Data(permute(d.scores(), order), permute(d.labels(), order),
          permute(d.weights(), order), d.weighted());
      // Bitwise equal, weighted too: weighted counts are exact sums rounded once (ExactSum), so the
      // order in which tied rows arrive cannot change a bit.
      assertSameCurve("case " + c, d.curve(), shuffled.curve(), 0);
    }
  }

  @Test
  void addingWeightZeroRowsChangesNothing() {
    SplittableRandom random = new SplittableRandom(4);
    for (int c = 0; c < CASES; c++) {
      Data d = Data.random(random);
      int extra = 1 + random.nextInt(20);
      int n = d.scores().length;
      double[] scores = Arrays.copyOf(d.scores(), n + extra);
      boolean[] labels = Arrays.copyOf(d.labels(), n + extra);
      double[] weights = Arrays.copyOf(d.weights(), n + extra);
      for (int i = n; i < n + extra; i++) {
        scores[i] = random.nextDouble() * 10 - 5; // new scores: must not create points
        labels[i] = random.nextBoolean();
        weights[i] = 0.0;
      }
      Curve padded = Curve.of(scores, labels, weights);
      assertSameCurve("case " + c, Curve.of(d.scores(), d.labels(), d.weights()), padded, 0);
    }
  }

  @Test
  void duplicatingEveryRowDoublesCountsAndKeepsRates() {
    SplittableRandom random = new SplittableRandom(5);
    for (int c = 0; c < CASES; c++) {
      Data d = Data.random(random);
      if (!d.bothClasses()) {
        continue;
      }
      int n = d.scores().length;
      double[] scores = new double[2 * n];
      boolean[] labels = new boolean[2 * n];
      double[] weights = new double[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        scores[i] = d.scores()[i % n];
        labels[i] = d.labels()[i % n];
        weights[i] = d.weights()[i % n];
      }
      Curve once = d.curve();
      Curve twice = d.weighted() ? Curve.of(scores, labels, weights) : Curve.of(scores, labels);
      assertThat(twice.size()).isEqualTo(once.size());
      for (int k = 0; k < once.size(); k++) {
        assertClose("case " + c + " TP doubled", twice.truePositives(k), 2 * once.truePositives(k));
        assertClose("case " + c + " precision", twice.confusion(k).precision(),
            once.confusion(k).precision());
        assertClose("case " + c + " recall", twice.confusion(k).recall(), once.confusion(k).recall());
        assertClose("case " + c + " FPR", twice.confusion(k).falsePositiveRate(),
            once.confusion(k).falsePositiveRate());
      }
      assertClose("case " + c + " AP", twice.averagePrecision(), once.averagePrecision());
      assertClose("case " + c + " AUC", twice.rocAuc(), once.rocAuc());
    }
  }

  @Test
  void scalingAllWeightsKeepsRates() {
    SplittableRandom random = new SplittableRandom(6);
    for (int c = 0; c < CASES; c++) {
      Data d = Data.random(random);
      if (!d.bothClasses()) {
        continue;
      }
      double[] scaled = Arrays.stream(d.weights()).map(w -> w * 2.5).toArray();
      Curve a = Curve.of(d.scores(), d.labels(), d.weights());
      Curve b = Curve.of(d.scores(), d.labels(), scaled);
      assertClose("case " + c + " AP", b.averagePrecision(), a.averagePrecision());
      assertClose("case " + c + " AUC", b.rocAuc(), a.rocAuc());
    }
  }

  private static void assertSameCurve(String what, Curve expected, Curve actual, double tolerance) {
    assertThat(actual.size()).as(what + " points").isEqualTo(expected.size());
    for (int k = 0; k < expected.size(); k++) {
      assertThat(actual.threshold(k)).as(what + " threshold").isEqualTo(expected.threshold(k));
      if (tolerance == 0) {
        assertThat(actual.truePositives(k)).as(what + " TP").isEqualTo(expected.truePositives(k));
        assertThat(actual.falsePositives(k)).as(what + " FP").isEqualTo(expected.falsePositives(k));
      } else {
        assertClose(what + " TP", actual.truePositives(k), expected.truePositives(k));
        assertClose(what + " FP", actual.falsePositives(k), expected.falsePositives(k));
      }
    }
  }

  private static int[] permutation(int n, SplittableRandom r) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static double[] permute(double[] a, int[] p) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[p[i]];
    }
    return out;
  }

  private static boolean[] permute(boolean[] a, int[] p) {
    boolean[] out = new boolean[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[p[i]];
    }
    return out;
  }
}

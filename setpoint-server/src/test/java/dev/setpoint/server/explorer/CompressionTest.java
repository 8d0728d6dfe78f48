package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of the kept points, on seeded random curves against the full curve. */
class CompressionTest {

  private static Curve random(SplittableRandom random, int rows, int distinct) {
    double[] scores = new double[rows];
    boolean[] labels = new boolean[rows];
    double prevalence = 0.01 + 0.5 * random.nextDouble();
    for (int i = 0; i < rows; i++) {
      labels[i] = random.nextDouble() < prevalence;
      double s = random.nextDouble() * 0.7 + (labels[i] ? 0.3 * random.nextDouble() : 0);
      scores[i] = distinct == 0 ? s : Math.floor(s * distinct) / distinct;
    }
    return Curve.of(scores, labels);
  }

  @Test
  void skippedPointsDifferFromTheLastKeptOneByAtMostTheResolution() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 40; n++) {
      Curve curve = random(random, 200 + random.nextInt(20_000), random.nextBoolean() ? 0 : 300);
      double eps = 0.001 + 0.02 * random.nextDouble();
      int[] kept = Compression.keep(curve, eps, Integer.MAX_VALUE, new int[0]);
      assertThat(kept[0]).isEqualTo(-1);
      assertThat(kept[kept.length - 1]).isEqualTo(curve.size() - 1);
      for (int j = 1; j + 1 < kept.length; j++) {
        assertThat(kept[j + 1]).isGreaterThan(kept[j]);
        Confusion last = curve.confusion(kept[j]);
        for (int skipped = kept[j] + 1; skipped < kept[j + 1]; skipped++) {
          Confusion c = curve.confusion(skipped);
          assertThat(Math.abs(c.recall() - last.recall())).isLessThanOrEqualTo(eps);
          assertThat(Math.abs(c.precision() - last.precision())).isLessThanOrEqualTo(eps);
          assertThat(Math.abs(c.falsePositiveRate() - last.falsePositiveRate()))
              .isLessThanOrEqualTo(eps);
          assertThat(Math.abs(c.flagRate() - last.flagRate())).isLessThanOrEqualTo(eps);
        }
      }
    }
  }

  @Test
  void requiredPointsAreKeptAndTheBoundHoldsByCoarseningTheResolution() {
    SplittableRandom random = new SplittableRandom(11);
    Curve curve = random(random, 200_000, 0);
    int[] required = {5, 77_777, curve.size() / 2};
    int[] kept = Compression.keep(curve, 1e-5, 500, required);
    assertThat(kept.length).isLessThanOrEqualTo(500);
    assertThat(kept).contains(5, 77_777, curve.size() / 2, -1, curve.size() - 1);
  }

  @Test
  void aSmallCurveKeepsEveryPoint() {
    Curve curve = Curve.of(new double[] {0.9, 0.8, 0.8, 0.4, 0.1},
        new boolean[] {true, false, true, false, true});
    assertThat(Compression.keep(curve, 1.0 / 2000, 4000, new int[0]))
        .containsExactly(-1, 0, 1, 2, 3);
  }
}

package dev.setpoint.train.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Global objectives' four-Gaussian toy ({@code research/global_objectives/loss_layers_example.py}):
 * positives around (0, 1) ×500 and (1, −0.5) ×50, negatives around (0, −0.5) ×3000 and (1, 1) ×100,
 * in those proportions. Its {@code positives_variances} [0.15, 0.1] multiply a standard normal, so
 * they are standard deviations; {@code spread} scales them (1 is the original). No line separates
 * the minority clusters, so a linear model is capacity-limited: it must choose which to give up.
 *
 * <p>Used by the training tests and by the §6 experiments ({@code docs/training.md}).
 */
public final class FourGaussians {

  private FourGaussians() {}

  /**
   * Draws {@code n} rows with features {@code x}, {@code y}.
   *
   * @param n rows, at least 1
   * @param spread multiplies every cluster's standard deviation, finite and &gt; 0
   * @param seed seeds the draw
   */
  public static FeatureMatrix draw(int n, double spread, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("rows must be >= 1, was " + n);
    }
    if (!(spread > 0 && Double.isFinite(spread))) {
      throw new IllegalArgumentException("spread must be finite and > 0, was " + spread);
    }
    double[][] clusters = { // share, label, centre x, centre y, standard deviation
        {500, 1, 0, 1, 0.15}, {50, 1, 1, -0.5, 0.1}, {3000, 0, 0, -0.5, 0.15}, {100, 0, 1, 1, 0.1}};
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[2 * n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble() * 3650;
      double[] c = clusters[clusters.length - 1];
      for (double[] candidate : clusters) {
        if (u < candidate[0]) {
          c = candidate;
          break;
        }
        u -= candidate[0];
      }
      y[i] = c[1] == 1;
      v[2 * i] = c[2] + spread * c[4] * gaussian(random);
      v[2 * i + 1] = c[3] + spread * c[4] * gaussian(random);
    }
    return new FeatureMatrix(List.of("x", "y"), v, y);
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double w = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
  }
}

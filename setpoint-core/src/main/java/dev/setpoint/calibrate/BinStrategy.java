package dev.setpoint.calibrate;

/**
 * How a {@link ReliabilityTable} places its bin edges {@code e_0 <= e_1 <= … <= e_n} for n bins
 * ({@code docs/definitions.md#reliability}). Either way a probability exactly on an inner edge belongs to
 * the bin below it: bin 0 holds {@code p <= e_1}, bin {@code b > 0} holds {@code e_b < p <= e_{b+1}} —
 * scikit-learn's {@code calibration_curve} rule ({@code np.searchsorted(edges[1:-1], p)}).
 */
public enum BinStrategy {

  /**
   * n bins of width 1/n over [0, 1]: {@code e_i = i·(1/n)}, {@code e_n = 1} (numpy's {@code linspace},
   * so {@code e_3} of 10 bins is {@code 0.30000000000000004}, as in scikit-learn).
   *
   * <p><i>Example</i>, 2 bins: [0, 0.5] and (0.5, 1]; 0.5 falls in the first.
   */
  EQUAL_WIDTH,

  /**
   * Edges at the quantiles {@code i/n} of the probabilities of the rows of non-zero weight, by linear
   * interpolation between order statistics (numpy's default {@code percentile}, Hyndman–Fan type 7,
   * reproduced operation for operation so the edges equal scikit-learn's bit for bit): with {@code x_(0)
   * <= … <= x_(m−1)} the sorted probabilities and {@code h = (m − 1)·i/n}, {@code e_i = x_(⌊h⌋) + (h −
   * ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋))}. So {@code e_0} is the lowest probability and {@code e_n} the highest.
   *
   * <p>The edges count rows, not weight: with weights the bins hold equal numbers of rows, as in
   * scikit-learn (whose {@code calibration_curve} takes no weights), and their masses may differ. Tied
   * probabilities can make edges coincide; the bins between them are empty and kept, empty, in the
   * table.
   *
   * <p><i>Example</i>, 2 bins over 0.1, 0.2, 0.3, 0.6, 0.7, 0.9, 0.95: {@code h = 3} for the median,
   * so the edges are 0.1, 0.6, 0.95; the bins hold {0.1, 0.2, 0.3, 0.6} and {0.7, 0.9, 0.95}.
   */
  QUANTILE;

  /**
   * The n + 1 edges for {@code sorted}, the probabilities of the rows of non-zero weight in ascending
   * order (at least one).
   */
  double[] edges(double[] sorted, int bins) {
    double[] edges = new double[bins + 1];
    // numpy.linspace(0, 1, bins + 1): i·step, then the last set to exactly 1.
    double step = 1.0 / bins;
    for (int i = 0; i <= bins; i++) {
      double q = i == bins ? 1.0 : i * step;
      edges[i] = this == EQUAL_WIDTH ? q : quantile(sorted, q);
    }
    return edges;
  }

  /** numpy 1.24's {@code percentile(x, q·100)} with method "linear", in its order of operations. */
  private static double quantile(double[] sorted, double q) {
    // percentile() multiplies by 100 and divides again; the round trip can move q by an ulp.
    double fraction = q * 100 / 100;
    int last = sorted.length - 1;
    double virtual = last * fraction;
    if (virtual >= last) {
      return sorted[last];
    }
    int below = (int) Math.floor(virtual);
    double gamma = virtual - below;
    double a = sorted[below];
    double b = sorted[below + 1];
    double difference = b - a;
    // numpy's _lerp works from the nearer end, so that the result is exact at both ends (γ = 0 or 1).
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
  }
}

package dev.setpoint.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How well predicted probabilities match observed outcomes: the probabilities binned, each bin's mean
 * prediction against its observed positive rate, the expected calibration error and the Brier score
 * ({@code docs/definitions.md#reliability}). Plot {@link Bin#meanPredicted()} against {@link
 * Bin#observedRate()} for the reliability diagram; a calibrated model lies on the diagonal.
 *
 * <p>With {@code w_i} the weight (1 when unweighted), {@code p_i} the probability, {@code y_i} 1 for a
 * positive and 0 for a negative, and {@code W = Σ w_i} over every row:
 *
 * <ul>
 *   <li>bin weight {@code W_b = Σ_{i in b} w_i} (the row count when unweighted);
 *   <li>mean predicted {@code m_b = Σ_{i in b} w_i·p_i / W_b}, observed rate {@code o_b = Σ_{i in b}
 *       w_i·y_i / W_b}, both undefined (NaN) in an empty bin;
 *   <li><b>expected calibration error</b> {@code ECE = Σ_b (W_b / W)·|o_b − m_b|} over the non-empty
 *       bins: the gap of each bin weighted by its share of the mass, in [0, 1];
 *   <li><b>Brier score</b> {@code Σ_i w_i·(p_i − y_i)² / W}, over the rows, not the bins (so it does not
 *       depend on the binning), in [0, 1].
 * </ul>
 *
 * <p>Against scikit-learn 1.2.1's {@code calibration_curve(y, p, n_bins, strategy)}: the same edges (bit
 * for bit) and bin membership, and {@code prob_pred}, {@code prob_true} equal to our {@code m_b}, {@code
 * o_b} to 1e-12 ({@code ReliabilityGoldenTest}). Two differences: scikit-learn drops empty bins, we keep
 * them (rows 0, statistics NaN), so bin {@code b} is always the same interval; and {@code
 * calibration_curve} takes no weights. The Brier score is {@code brier_score_loss}. scikit-learn 1.2 has
 * no ECE.
 *
 * @param strategy how the edges were placed
 * @param bins the bins in ascending probability, as many as asked for, empty ones included
 * @param totalWeight W, the total weight of every row, {@code > 0}
 * @param expectedCalibrationError ECE, as above
 * @param brierScore the weighted Brier score, as above
 */
public record ReliabilityTable(BinStrategy strategy, List<Bin> bins, double totalWeight,
    double expectedCalibrationError, double brierScore) {

  /**
   * One bin: the probabilities in {@code (lower, upper]} ({@code [lower, upper]} for the first bin).
   *
   * @param lower the lower edge {@code e_b}
   * @param upper the upper edge {@code e_{b+1}}
   * @param rows how many rows of non-zero weight fall in the bin
   * @param weight {@code W_b}, their total weight; 0 when empty
   * @param meanPredicted {@code m_b}, the weighted mean probability; NaN when empty
   * @param observedRate {@code o_b}, the weighted positive rate; NaN when empty
   */
  public record Bin(double lower, double upper, int rows, double weight, double meanPredicted,
      double observedRate) {

    /** Validates the edges and counts. */
    public Bin {
      if (!(lower <= upper)) {
        throw new IllegalArgumentException("lower edge " + lower + " must be <= upper edge " + upper);
      }
      if (rows < 0) {
        throw new IllegalArgumentException("rows must be >= 0, was " + rows);
      }
      if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("weight must be finite and >= 0, was " + weight);
      }
    }

    /** Whether no row of non-zero weight falls in the bin. */
    public boolean isEmpty() {
      return rows == 0;
    }

    /** {@code o_b − m_b}: positive when the model under-predicts in this bin; NaN when empty. */
    public double gap() {
      return observedRate - meanPredicted;
    }
  }

  /** Validates the parts and copies the bins. */
  public ReliabilityTable {
    Objects.requireNonNull(strategy, "strategy");
    bins = List.copyOf(bins);
    if (bins.isEmpty()) {
      throw new IllegalArgumentException("a reliability table needs at least one bin");
    }
    if (!(totalWeight > 0) || totalWeight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("totalWeight must be finite and > 0, was " + totalWeight);
    }
  }

  /**
   * The reliability table of unweighted rows.
   *
   * @param probabilities predicted probabilities of the positive class, each in [0, 1]
   * @param labels {@code true} for the positive class; same length
   * @param bins the number of bins, {@code >= 1}
   * @throws IllegalArgumentException naming the first probability outside [0, 1] (or NaN), on a length
   *     mismatch, no rows, or fewer than one bin
   */
  public static ReliabilityTable of(double[] probabilities, boolean[] labels, int bins,
      BinStrategy strategy) {
    return build(probabilities, labels, null, bins, strategy);
  }

  /**
   * The reliability table of weighted rows; a row of weight 0 changes nothing (it does not move a
   * quantile edge either).
   *
   * @param weights finite weights {@code >= 0}, one per probability, not all 0
   * @throws IllegalArgumentException as {@link #of(double[], boolean[], int, BinStrategy)}, or naming
   *     the first invalid weight
   */
  public static ReliabilityTable of(double[] probabilities, boolean[] labels, double[] weights,
      int bins, BinStrategy strategy) {
    Objects.requireNonNull(weights, "weights");
    return build(probabilities, labels, weights, bins, strategy);
  }

  private static ReliabilityTable build(double[] probabilities, boolean[] labels,
      double @Nullable [] weights,
      int binCount, BinStrategy strategy) {
    Objects.requireNonNull(probabilities, "probabilities");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(strategy, "strategy");
    int n = probabilities.length;
    requireSameLength("labels", n, labels.length);
    if (weights != null) {
      requireSameLength("weights", n, weights.length);
    }
    if (binCount < 1) {
      throw new IllegalArgumentException("bins must be >= 1, was " + binCount);
    }
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double p = probabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("row " + i + ": probability must be in [0, 1], was " + p);
      }
      double w = weights == null ? 1 : weights[i];
      if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("row " + i + ": weight must be finite and >= 0, was " + w);
      }
      kept += w > 0 ? 1 : 0;
    }
    if (kept == 0) {
      throw new IllegalArgumentException("a reliability table needs at least one row of non-zero "
          + "weight, but " + (n == 0 ? "there are no rows" : "every weight is 0"));
    }
    double[] sorted = new double[kept];
    for (int i = 0, j = 0; i < n; i++) {
      if (weights == null || weights[i] > 0) {
        sorted[j++] = probabilities[i] + 0.0;
      }
    }
    Arrays.sort(sorted);
    double[] edges = strategy.edges(sorted, binCount);

    int[] rows = new int[binCount];
    double[] weight = new double[binCount];
    double[] predicted = new double[binCount];
    double[] observed = new double[binCount];
    double total = 0;
    double brier = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1 : weights[i];
      if (w == 0) {
        continue;
      }
      double p = probabilities[i] + 0.0;
      double y = labels[i] ? 1 : 0;
      int b = binOf(edges, p);
      rows[b]++;
      weight[b] += w;
      predicted[b] += w * p;
      observed[b] += w * y;
      total += w;
      brier += w * (p - y) * (p - y);
    }
    List<Bin> bins = new ArrayList<>(binCount);
    double ece = 0;
    for (int b = 0; b < binCount; b++) {
      double meanPredicted = rows[b] == 0 ? Double.NaN : predicted[b] / weight[b];
      double observedRate = rows[b] == 0 ? Double.NaN : observed[b] / weight[b];
      if (rows[b] > 0) {
        ece += weight[b] / total * Math.abs(observedRate - meanPredicted);
      }
      bins.add(new Bin(edges[b], edges[b + 1], rows[b], weight[b], meanPredicted, observedRate));
    }
    return new ReliabilityTable(strategy, bins, total, ece, brier / total);
  }

  /**
   * The number of inner edges {@code e_1 … e_{n−1}} strictly below {@code p}: scikit-learn's {@code
   * np.searchsorted(edges[1:-1], p)}, so a probability on an edge goes to the bin below. O(log n).
   */
  private static int binOf(double[] edges, double p) {
    int lo = 1;
    int hi = edges.length - 1; // search the inner edges, indices [1, n − 1)
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  private static void requireSameLength(String name, int expected, int actual) {
    if (expected != actual) {
      throw new IllegalArgumentException(name + " must have one entry per probability: " + expected
          + " probabilities but " + actual + " " + name);
    }
  }
}

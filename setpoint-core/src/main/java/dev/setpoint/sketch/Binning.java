package dev.setpoint.sketch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * How a {@link ScoreSketch} cuts the score axis: {@code bins} bins whose lower edges {@code e_0 < e_1 <
 * … < e_(bins-1)} are spaced evenly in the score ({@link Spacing#LINEAR}, for any score range) or in its
 * log-odds ({@link Spacing#LOGIT}, for probabilities, whose interesting region is often near 0 or 1).
 * Bin k holds the scores {@code e_k <= s < e_(k+1)}; the last bin has no upper edge, and scores below
 * {@code e_0} are counted apart ({@code docs/definitions.md#score-sketch}).
 *
 * <p>The edges are computed once; a score is placed by comparing it with them, so a score equal to an
 * edge is always in the bin that starts there, whatever the rounding of the formula that guessed its
 * bin.
 *
 * @param spacing how the edges are spaced
 * @param low the lowest edge, {@code e_0}
 * @param high the top of the range: {@code e_(bins)} if there were one more edge
 * @param bins how many bins, 1 to 2^24
 */
public record Binning(Spacing spacing, double low, double high, int bins) {

  /** How edges are spaced. */
  public enum Spacing {
    /** {@code e_k = low + k · (high − low) / bins}. */
    LINEAR,
    /** {@code e_k = σ(logit(low) + k · (logit(high) − logit(low)) / bins)}, for 0 < low < high < 1. */
    LOGIT
  }

  /** The most bins: 2^24 (256 MiB of counts is more than a sketch should weigh). */
  public static final int MAX_BINS = 1 << 24;

  /**
   * @throws IllegalArgumentException naming the bad value: a range that is not finite and increasing,
   *     a logit range outside (0, 1), a bin count outside 1..2^24, or bins so narrow that two edges
   *     round to the same double
   */
  public Binning {
    java.util.Objects.requireNonNull(spacing, "spacing");
    if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
      throw new IllegalArgumentException("the range must be finite with low < high, was [" + low
          + ", " + high + "]");
    }
    if (spacing == Spacing.LOGIT && !(low > 0 && high < 1)) {
      throw new IllegalArgumentException("logit spacing needs 0 < low < high < 1, was [" + low + ", "
          + high + "]");
    }
    if (bins < 1 || bins > MAX_BINS) {
      throw new IllegalArgumentException("bins must be 1 to " + MAX_BINS + ", was " + bins);
    }
    double previous = edge(spacing, low, high, bins, 0);
    for (int k = 1; k < bins; k++) {
      double e = edge(spacing, low, high, bins, k);
      if (!(e > previous)) {
        throw new IllegalArgumentException(bins + " bins are too narrow for [" + low + ", " + high
            + "]: edges " + (k - 1) + " and " + k + " are both " + e);
      }
      previous = e;
    }
  }

  /** {@code bins} bins of equal width over {@code [low, high)}. */
  public static Binning linear(double low, double high, int bins) {
    return new Binning(Spacing.LINEAR, low, high, bins);
  }

  /** {@code bins} bins of equal width in log-odds over {@code [low, high)}, {@code 0 < low < high < 1}. */
  public static Binning logit(double low, double high, int bins) {
    return new Binning(Spacing.LOGIT, low, high, bins);
  }

  /** The lower edge of bin k. */
  public double edge(int k) {
    return edge(spacing, low, high, bins, k);
  }

  private static double edge(Spacing spacing, double low, double high, int bins, int k) {
    if (k == 0) {
      return low;
    }
    double f = (double) k / bins;
    return switch (spacing) {
      case LINEAR -> low + f * (high - low);
      case LOGIT -> sigmoid(logit(low) + f * (logit(high) - logit(low)));
    };
  }

  /** Every lower edge, ascending. */
  public double[] edges() {
    double[] e = new double[bins];
    for (int k = 0; k < bins; k++) {
      e[k] = edge(k);
    }
    return e;
  }

  /**
   * The bin of a finite score: k with {@code edge(k) <= s < edge(k + 1)}; -1 below {@code edge(0)}.
   * Computes the few edges it compares with; a caller placing many scores passes {@link #edges()}
   * once to {@link #binOf(double, double[])}.
   */
  public int binOf(double s) {
    if (s < low) {
      return -1;
    }
    int k = guess(s);
    while (k > 0 && s < edge(k)) {
      k--;
    }
    while (k < bins - 1 && s >= edge(k + 1)) {
      k++;
    }
    return k;
  }

  /** {@link #binOf(double)} with the edges computed once by the caller. */
  int binOf(double s, double[] edges) {
    if (s < low) {
      return -1;
    }
    int k = guess(s);
    // The formula's guess can be off near an edge; the edges decide.
    while (k > 0 && s < edges[k]) {
      k--;
    }
    while (k < bins - 1 && s >= edges[k + 1]) {
      k++;
    }
    return k;
  }

  /** The bin the spacing's formula gives a score at or above {@code low}; may be one off at an edge. */
  private int guess(double s) {
    double f = switch (spacing) {
      case LINEAR -> (s - low) / (high - low);
      case LOGIT -> s >= 1 ? 1 : (logit(s) - logit(low)) / (logit(high) - logit(low));
    };
    return (int) Math.min(bins - 1, Math.max(0, Math.floor(f * bins)));
  }

  private static double logit(double p) {
    return Math.log(p) - Math.log1p(-p);
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  void write(DataOutputStream out) throws IOException {
    out.writeByte(spacing.ordinal());
    out.writeDouble(low);
    out.writeDouble(high);
    out.writeInt(bins);
  }

  static Binning read(DataInputStream in) throws IOException {
    int s = in.readUnsignedByte();
    if (s >= Spacing.values().length) {
      throw new IllegalArgumentException("score sketch has unknown spacing " + s);
    }
    return new Binning(Spacing.values()[s], in.readDouble(), in.readDouble(), in.readInt());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d %s bins over [%s, %s)", bins,
        spacing.name().toLowerCase(Locale.ROOT), low, high);
  }
}

package dev.setpoint.sketch;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.data.ScoreSink;
import dev.setpoint.select.Objective;
import dev.setpoint.stats.Interval;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A mergeable, fixed-memory summary of scored rows (score, label, weight): the positive and negative
 * weight in each bin of a declared {@link Binning}, plus the rows below its range and the lowest and
 * highest score seen ({@code docs/definitions.md#score-sketch}).
 *
 * <p>Its error is stated, not estimated. Every bin's lower edge {@code e_k} is a threshold at which the
 * sketch's counts are exact: the rows with {@code score >= e_k} are exactly those of bins k and above
 * (a row is placed by comparing its score with the edges themselves, so rounding never puts a score on
 * the wrong side of an edge). At any other threshold t, inside bin k, the true counts lie between those
 * of the two edges around it, so {@link #bounds} gives an interval that always holds, and the widest
 * such interval is one bin's weight ({@link #largestBin}). Objectives run on {@link #curve()}, whose
 * points are the edges: the threshold they choose is an edge, where the counts they report are exact;
 * what the sketch may cost is optimality, by at most the rows of one bin.
 *
 * <p>Merging adds the bins of two sketches of the same binning; it is commutative, and associative
 * exactly while the weights are integers (float sums of integers below 2^53 are exact), within rounding
 * otherwise. Not thread-safe: one sketch per thread or partition, then merge.
 */
public final class ScoreSketch {

  private static final int MAGIC = 0x5350534b; // "SPSK"
  private static final int FORMAT = 1;

  private final Binning binning;
  private final double[] edges;
  private final double[] positive;
  private final double[] negative;
  private double belowPositive;
  private double belowNegative;
  private long rows;
  private double lowest = Double.POSITIVE_INFINITY;
  private double highest = Double.NEGATIVE_INFINITY;

  /** An empty sketch over {@code binning}. */
  public ScoreSketch(Binning binning) {
    this.binning = Objects.requireNonNull(binning, "binning");
    this.edges = binning.edges();
    this.positive = new double[binning.bins()];
    this.negative = new double[binning.bins()];
  }

  /** The binning. */
  public Binning binning() {
    return binning;
  }

  /** Adds an unweighted row. */
  public ScoreSketch add(double score, boolean label) {
    return add(score, label, 1.0);
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException naming the value if the score is not finite or the weight is
   *     negative or not finite
   */
  public ScoreSketch add(double score, boolean label, double weight) {
    ScoreSink.requireValidRow(score, weight);
    if (weight == 0) {
      return this; // a row of weight 0 changes nothing (docs/definitions.md#weights)
    }
    rows++;
    lowest = Math.min(lowest, score);
    highest = Math.max(highest, score);
    int k = binning.binOf(score, edges);
    if (k < 0) {
      if (label) {
        belowPositive += weight;
      } else {
        belowNegative += weight;
      }
    } else if (label) {
      positive[k] += weight;
    } else {
      negative[k] += weight;
    }
    return this;
  }

  /**
   * Adds every row of {@code other} to this sketch.
   *
   * @throws IllegalArgumentException if the binnings differ
   */
  public ScoreSketch merge(ScoreSketch other) {
    if (!binning.equals(other.binning)) {
      throw new IllegalArgumentException("sketches of different binnings cannot be merged: "
          + binning + " and " + other.binning);
    }
    for (int k = 0; k < positive.length; k++) {
      positive[k] += other.positive[k];
      negative[k] += other.negative[k];
    }
    belowPositive += other.belowPositive;
    belowNegative += other.belowNegative;
    rows += other.rows;
    lowest = Math.min(lowest, other.lowest);
    highest = Math.max(highest, other.highest);
    return this;
  }

  /** Rows of non-zero weight added. */
  public long rows() {
    return rows;
  }

  /** The total positive weight. */
  public double positives() {
    double sum = belowPositive;
    for (double w : positive) {
      sum += w;
    }
    return sum;
  }

  /** The total negative weight. */
  public double negatives() {
    double sum = belowNegative;
    for (double w : negative) {
      sum += w;
    }
    return sum;
  }

  /**
   * The curve with one point per occupied bin, at its lower edge, and one at the lowest score for the
   * rows below the range: exact at each of those thresholds. Weighted (float counts; integer weights
   * stay exact below 2^53).
   *
   * @throws IllegalStateException if the sketch is empty
   */
  public Curve curve() {
    if (rows == 0) {
      throw new IllegalStateException("the sketch holds no rows");
    }
    CurveBuilder b = Curve.builder();
    for (int k = 0; k < positive.length; k++) {
      double edge = edges[k];
      if (positive[k] > 0) {
        b.add(edge, true, positive[k]);
      }
      if (negative[k] > 0) {
        b.add(edge, false, negative[k]);
      }
    }
    if (belowPositive > 0) {
      b.add(lowest, true, belowPositive);
    }
    if (belowNegative > 0) {
      b.add(lowest, false, belowNegative);
    }
    return b.build();
  }

  /**
   * Where the true confusion matrix of {@code score >= t} lies: {@code low} flags the fewest rows it
   * can, {@code high} the most; they are equal at a bin edge, below the lowest score and above the
   * highest.
   *
   * @param low the counts at the lowest threshold at or above t where the sketch is exact
   * @param high the counts at the highest such threshold at or below t
   */
  public record Bounds(Confusion low, Confusion high) {

    /** Whether the sketch knows the counts at this threshold exactly. */
    public boolean exact() {
      return low.equals(high);
    }

    /** Where the recall {@code TP / P} lies; undefined without positives. */
    public Interval recall() {
      return ordered(low.recall(), high.recall());
    }

    /** Where the false positive rate {@code FP / N} lies; undefined without negatives. */
    public Interval falsePositiveRate() {
      return ordered(low.falsePositiveRate(), high.falsePositiveRate());
    }

    /** Where the flag rate lies; undefined when the total weight is 0. */
    public Interval flagRate() {
      return ordered(low.flagRate(), high.flagRate());
    }

    /**
     * Where the precision lies, over the thresholds where it is defined
     * ({@code docs/definitions.md#sketch-bounds}): least with the fewest positives and the most
     * negatives flagged, greatest the other way round. Undefined when nothing can be flagged.
     */
    public Interval precision() {
      return corners(new Confusion(low.truePositives(), high.falsePositives(),
          low.falseNegatives(), high.trueNegatives()).precision(),
          new Confusion(high.truePositives(), low.falsePositives(), high.falseNegatives(),
              low.trueNegatives()).precision());
    }

    /** Where F1 lies, over the thresholds where it is defined; corners as for {@link #precision()}. */
    public Interval f1() {
      return corners(new Confusion(low.truePositives(), high.falsePositives(),
          low.falseNegatives(), high.trueNegatives()).f1(),
          new Confusion(high.truePositives(), low.falsePositives(), high.falseNegatives(),
              low.trueNegatives()).f1());
    }

    private static Interval ordered(double a, double b) {
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return Interval.UNDEFINED;
      }
      return new Interval(Math.min(a, b), Math.max(a, b));
    }

    /** The interval of two corners; one undefined corner (nothing flagged) leaves the other. */
    private static Interval corners(double worst, double best) {
      if (Double.isNaN(worst)) {
        return Double.isNaN(best) ? Interval.UNDEFINED : new Interval(best, best);
      }
      if (Double.isNaN(best)) {
        return new Interval(worst, worst);
      }
      return new Interval(Math.min(worst, best), Math.max(worst, best));
    }
  }

  /** The bounds on the confusion matrix of {@code score >= t}. */
  public Bounds bounds(double t) {
    if (Double.isNaN(t)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
    double p = positives();
    double n = negatives();
    if (t > highest) {
      Confusion none = new Confusion(0, 0, p, n);
      return new Bounds(none, none);
    }
    if (t <= lowest) {
      Confusion all = new Confusion(p, n, 0, 0);
      return new Bounds(all, all);
    }
    // Flagged weight at or above the edges around t: above(k) is the weight of bins k and up.
    int k = binning.binOf(t, edges);
    boolean atEdge = k >= 0 && edges[k] == t;
    int lowFrom = k + 1; // t is inside bin k (or below the range, k = -1): bins k+1 and up are flagged
    int highFrom = k < 0 ? -1 : k; // bin k's rows may all be >= t; below the range, everything may be
    if (atEdge) {
      lowFrom = k;
    }
    return new Bounds(flaggedFrom(lowFrom, p, n), flaggedFrom(highFrom, p, n));
  }

  /** The confusion matrix when bins {@code from} and up are flagged (-1: the rows below the range too). */
  private Confusion flaggedFrom(int from, double p, double n) {
    double tp = from < 0 ? belowPositive : 0;
    double fp = from < 0 ? belowNegative : 0;
    for (int k = Math.max(0, from); k < positive.length; k++) {
      tp += positive[k];
      fp += negative[k];
    }
    return new Confusion(tp, fp, Math.max(0, p - tp), Math.max(0, n - fp));
  }

  /**
   * The heaviest bin of each class, as a share of that class (0 when a class is empty): the most by
   * which recall (positives) or the false positive rate (negatives) at any threshold can differ from the
   * sketch's exact value at a neighbouring edge. The rows below the range count as a bin.
   */
  public double[] largestBin() {
    double p = positives();
    double n = negatives();
    double maxP = belowPositive;
    double maxN = belowNegative;
    for (int k = 0; k < positive.length; k++) {
      maxP = Math.max(maxP, positive[k]);
      maxN = Math.max(maxN, negative[k]);
    }
    return new double[] {p > 0 ? maxP / p : 0, n > 0 ? maxN / n : 0};
  }

  /**
   * Runs an objective on the sketch's {@link #curve()} and states what that proves about the exact
   * answer ({@code docs/definitions.md#sketch-bounds}): the threshold chosen is an edge with exact
   * counts, and the exact engine's optimum lies within the bound.
   *
   * @throws IllegalStateException if the sketch is empty
   * @throws IllegalArgumentException for {@code threshold=t}, which chooses nothing: use {@link
   *     #bounds(double)}
   */
  public SketchSelection select(Objective objective) {
    Objects.requireNonNull(objective, "objective");
    return SketchBounds.select(objective, curve(), cellPositives(), cellNegatives());
  }

  /**
   * Average precision on the sketch's curve, and the interval the exact AP of the rows lies in
   * whatever their order inside each bin ({@code docs/definitions.md#sketch-bounds}).
   *
   * @throws IllegalStateException if the sketch is empty or has no positives
   */
  public MetricBound averagePrecision() {
    return SketchBounds.averagePrecision(curve().averagePrecision(), cellPositives(),
        cellNegatives());
  }

  /**
   * ROC AUC on the sketch's curve (each bin's pairs counted ½, as ties), and the interval the exact
   * AUC lies in ({@code docs/definitions.md#sketch-bounds}).
   *
   * @throws IllegalStateException if the sketch is empty or lacks positives or negatives
   */
  public MetricBound rocAuc() {
    return SketchBounds.rocAuc(curve().rocAuc(), cellPositives(), cellNegatives());
  }

  /** The lowest score added; +∞ when empty. */
  public double lowest() {
    return lowest;
  }

  /** The highest score added; −∞ when empty. Scores at or above the last edge share the last bin. */
  public double highest() {
    return highest;
  }

  /** The weight of the rows scored below the range ({@code edge(0)}), counted as one more bin. */
  public double belowRange() {
    return belowPositive + belowNegative;
  }

  /** Bins holding any weight (the rows below the range not counted). */
  public int occupiedBins() {
    int occupied = 0;
    for (int k = 0; k < positive.length; k++) {
      if (positive[k] > 0 || negative[k] > 0) {
        occupied++;
      }
    }
    return occupied;
  }

  /** The positive weight of each cell from the top: bins high to low, then the rows below the range. */
  private double[] cellPositives() {
    return cells(positive, belowPositive);
  }

  private double[] cellNegatives() {
    return cells(negative, belowNegative);
  }

  private static double[] cells(double[] bins, double below) {
    double[] cells = new double[bins.length + 1];
    for (int k = 0; k < bins.length; k++) {
      cells[bins.length - 1 - k] = bins[k];
    }
    cells[bins.length] = below;
    return cells;
  }

  /** The sketch as bytes: a versioned header, the binning, then the counts. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 16 * positive.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      binning.write(out);
      out.writeLong(rows);
      out.writeDouble(lowest);
      out.writeDouble(highest);
      out.writeDouble(belowPositive);
      out.writeDouble(belowNegative);
      for (int k = 0; k < positive.length; k++) {
        out.writeDouble(positive[k]);
        out.writeDouble(negative[k]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a sketch written by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException saying what is wrong when the bytes are not a sketch of this format
   */
  public static ScoreSketch fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException("is not a saved sketch (made by --save-sketch): it is "
            + dev.setpoint.data.BinaryContent.of(bytes, Math.min(bytes.length,
                dev.setpoint.data.BinaryContent.HEAD)).orElse("text; a score file is read without "
                + "--merge"));
      }
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IllegalArgumentException("score sketch format " + format + " is not known; this "
            + "version reads format " + FORMAT);
      }
      ScoreSketch s = new ScoreSketch(Binning.read(in));
      s.rows = in.readLong();
      s.lowest = in.readDouble();
      s.highest = in.readDouble();
      s.belowPositive = in.readDouble();
      s.belowNegative = in.readDouble();
      for (int k = 0; k < s.positive.length; k++) {
        s.positive[k] = in.readDouble();
        s.negative[k] = in.readDouble();
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("score sketch has " + in.available()
            + " bytes after its last bin");
      }
      return s;
    } catch (java.io.EOFException e) {
      throw new IllegalArgumentException("score sketch is truncated (" + bytes.length + " bytes)",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Same binning, rows, extremes and counts. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreSketch s && binning.equals(s.binning) && rows == s.rows
        && Double.compare(lowest, s.lowest) == 0 && Double.compare(highest, s.highest) == 0
        && Double.compare(belowPositive, s.belowPositive) == 0
        && Double.compare(belowNegative, s.belowNegative) == 0
        && Arrays.equals(positive, s.positive) && Arrays.equals(negative, s.negative);
  }

  @Override
  public int hashCode() {
    return Objects.hash(binning, rows, Arrays.hashCode(positive), Arrays.hashCode(negative));
  }

  @Override
  public String toString() {
    return "ScoreSketch[" + binning + ", " + rows + " rows]";
  }

  /**
   * A whole-curve metric (average precision, ROC AUC) computed from a {@link ScoreSketch}: its value on
   * the sketch's curve, where each bin's rows count as tied, and the interval the exact value on the rows
   * themselves is guaranteed to lie in, whatever their order inside each bin
   * ({@code docs/definitions.md#sketch-bounds}).
   *
   * @param atEdges the metric of {@link ScoreSketch#curve()}
   * @param exact the interval holding the exact metric; it contains {@code atEdges}
   */
  public record MetricBound(double atEdges, Interval exact) {

    /** Validates that the interval is defined and contains the sketch's own value. */
    public MetricBound {
      Objects.requireNonNull(exact, "exact");
      if (!exact.contains(atEdges)) {
        throw new IllegalArgumentException("the interval " + exact + " must contain the sketch's value "
            + atEdges);
      }
    }
  }
}

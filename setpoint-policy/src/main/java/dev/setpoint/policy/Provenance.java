package dev.setpoint.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a segment's thresholds were chosen, on which data, and what they promise: the record an auditor
 * reads, and the promise the decision service monitors.
 *
 * @param objective what the thresholds were chosen for, in the objective syntax of {@code setpoint
 *     choose} (or free text for a hand-set threshold)
 * @param note anything else, such as why the segment inherits its parent's thresholds
 * @param data the data the thresholds were chosen on
 * @param expected the operating point on that data
 * @param interval confidence intervals for the expected precision and recall
 * @param model the model whose scores the data held
 * @param createdBy who chose the thresholds
 * @param createdAt when
 * @param tool the tool and its version
 * @param scores the distribution of the scores the thresholds were chosen on, the reference the
 *     monitor measures drift against; absent in documents written before it was recorded
 */
public record Provenance(
    String objective,
    Optional<String> note,
    Optional<DataFingerprint> data,
    Optional<Expected> expected,
    Optional<IntervalRecord> interval,
    Optional<ModelVersion> model,
    Optional<String> createdBy,
    Optional<Instant> createdAt,
    Optional<String> tool,
    Optional<ScoreHistogram> scores) {

  public Provenance {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(scores, "scores");
  }

  /** Provenance without a recorded score distribution. */
  public Provenance(String objective, Optional<String> note, Optional<DataFingerprint> data,
      Optional<Expected> expected, Optional<IntervalRecord> interval, Optional<ModelVersion> model,
      Optional<String> createdBy, Optional<Instant> createdAt, Optional<String> tool) {
    this(objective, note, data, expected, interval, model, createdBy, createdAt, tool,
        Optional.empty());
  }

  /**
   * The data a threshold was chosen on.
   *
   * @param source the file, as given
   * @param sha256 the SHA-256 of the file's bytes, lower-case hex
   * @param segment the segment's values in the data's segment columns; empty for all rows
   * @param n the rows of the segment
   * @param positives the positive weight of the segment
   * @param negatives the negative weight
   * @param minScore the segment's lowest score
   * @param maxScore its highest score
   */
  public record DataFingerprint(Optional<String> source, String sha256, List<String> segment, long n,
      double positives, OptionalDouble negatives, OptionalDouble minScore, OptionalDouble maxScore) {

    public DataFingerprint {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(sha256, "sha256");
      segment = List.copyOf(segment);
      Objects.requireNonNull(negatives, "negatives");
      Objects.requireNonNull(minScore, "minScore");
      Objects.requireNonNull(maxScore, "maxScore");
    }
  }

  /**
   * The operating point on the provenance data. Precision, recall and flag rate are of everything above
   * the last band (the rows the policy does not simply allow); empty when undefined.
   *
   * @param precision the expected precision
   * @param recall the expected recall
   * @param flagRate the expected share of rows above the last band
   * @param bands the expected rows and positives of each band, in band order
   */
  public record Expected(OptionalDouble precision, OptionalDouble recall, OptionalDouble flagRate,
      List<BandExpectation> bands) {

    public Expected {
      Objects.requireNonNull(precision, "precision");
      Objects.requireNonNull(recall, "recall");
      Objects.requireNonNull(flagRate, "flagRate");
      bands = List.copyOf(bands);
    }
  }

  /**
   * One band's share of the provenance data.
   *
   * @param action the band's action
   * @param rows the weight of rows in the band
   * @param positives the positive weight in the band
   */
  public record BandExpectation(String action, double rows, double positives) {

    /** The band's precision, NaN when it holds no rows. */
    public double precision() {
      return rows > 0 ? positives / rows : Double.NaN;
    }
  }

  /**
   * Confidence intervals of the expected rates.
   *
   * @param method how they were computed ({@code clopper-pearson}, {@code wilson}, {@code
   *     learn-then-test})
   * @param confidence the level, in (0, 1)
   * @param precisionLower lower bound of the precision
   * @param precisionUpper upper bound of the precision
   * @param recallLower lower bound of the recall
   * @param recallUpper upper bound of the recall
   */
  public record IntervalRecord(String method, double confidence, OptionalDouble precisionLower,
      OptionalDouble precisionUpper, OptionalDouble recallLower, OptionalDouble recallUpper) {

    public IntervalRecord {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(precisionLower, "precisionLower");
      Objects.requireNonNull(precisionUpper, "precisionUpper");
      Objects.requireNonNull(recallLower, "recallLower");
      Objects.requireNonNull(recallUpper, "recallUpper");
    }
  }

  /**
   * The model a threshold was chosen for.
   *
   * @param name the model's name
   * @param version its version
   */
  public record ModelVersion(String name, String version) {

    public ModelVersion {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * The distribution of a segment's scores in the data its thresholds were chosen on, as a histogram
   * ({@code docs/definitions.md#drift}): bin 0 holds the scores below {@code edges[0]}, bin {@code i}
   * those in {@code [edges[i-1], edges[i])}, the last those at or above the last edge. The edges are
   * the reference's 20-quantiles and the segment's band thresholds, so the share at or above a
   * threshold is exact.
   *
   * <p>Not checked here: {@code PolicyRules} reports edges out of order or a count of weights other
   * than {@code edges + 1} with their JSON pointers.
   *
   * @param edges the bin edges, strictly ascending
   * @param weights the weight of the rows in each bin, one more than the edges
   */
  public record ScoreHistogram(List<Double> edges, List<Double> weights) {

    public ScoreHistogram {
      edges = List.copyOf(edges);
      weights = List.copyOf(weights);
    }

    /** The number of bins. */
    public int bins() {
      return weights.size();
    }

    /** The bin of {@code score}: the number of edges at or below it. */
    public int bin(double score) {
      int lo = 0;
      int hi = edges.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (edges.get(mid) <= score) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** The total weight. */
    public double total() {
      double sum = 0;
      for (double w : weights) {
        sum += w;
      }
      return sum;
    }

    /**
     * The share of the weight at or above {@code threshold}, exact when it is an edge (every band
     * threshold of the segment is); empty otherwise, or when the histogram holds no weight.
     */
    public OptionalDouble shareAtLeast(double threshold) {
      int i = edges.indexOf(threshold);
      double total = total();
      if (i < 0 || !(total > 0)) {
        return OptionalDouble.empty();
      }
      double above = 0;
      for (int b = i + 1; b < weights.size(); b++) {
        above += weights.get(b);
      }
      return OptionalDouble.of(above / total);
    }
  }
}

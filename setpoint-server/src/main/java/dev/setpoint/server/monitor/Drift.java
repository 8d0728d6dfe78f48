package dev.setpoint.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.IntervalMethod;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Whether a segment's live scores still look like the scores its thresholds were chosen on, before any
 * label arrives ({@code docs/definitions.md#drift}): the live flag rate against the reference's share
 * at or above the lowest threshold, with a Clopper-Pearson interval; the population stability index
 * and the Kolmogorov-Smirnov distance of the live scores, binned on the reference's edges, against the
 * reference histogram the segment's provenance records. One instance counts one version's segment.
 */
final class Drift {

  /** The fewest live decisions in a segment before it gets a verdict. */
  static final int MIN_DECISIONS = 500;

  /** A segment drifted when its PSI reaches this ("a significant shift" in industry practice). */
  static final double PSI_DRIFTED = 0.25;

  /** The share that stands in for an empty bin's in the PSI (0.01 %). */
  static final double EMPTY_SHARE = 1e-4;

  private final Optional<Provenance.ScoreHistogram> reference;
  private final String noReference;
  private final OptionalDouble lowest;
  private final long @Nullable [] bins;
  private long decisions;
  private long flagged;

  /** A counter for the live scores of {@code segment}; null when the version has no such segment. */
  Drift(@Nullable Segment segment) {
    this.reference = segment == null ? Optional.empty()
        : segment.provenance().flatMap(Provenance::scores);
    this.noReference = segment == null ? "this version of the policy has no such segment"
        : "the segment's provenance records no score distribution (written before it was recorded, "
            + "or by hand); choose its thresholds again to record one";
    this.lowest = segment == null ? OptionalDouble.empty() : lowestThreshold(segment.bands());
    this.bins = reference.map(h -> new long[h.bins()]).orElse(null);
  }

  private static OptionalDouble lowestThreshold(List<Band> bands) {
    OptionalDouble lowest = OptionalDouble.empty();
    for (Band b : bands) {
      if (b.minScore().isPresent()) {
        lowest = b.minScore();
      }
    }
    return lowest;
  }

  /** Counts one live score. */
  void add(double score) {
    decisions++;
    if (lowest.isPresent() && score >= lowest.getAsDouble()) {
      flagged++;
    }
    if (bins != null) {
      bins[reference.orElseThrow().bin(score)]++;
    }
  }

  /**
   * The population stability index {@code Σ (q_i − p_i) ln(q_i / p_i)} of the live shares {@code q}
   * against the reference shares {@code p}, an empty bin's share (either side) replaced by {@link
   * #EMPTY_SHARE}.
   */
  static double psi(List<Double> reference, long[] live) {
    double[] p = shares(reference);
    double[] q = shares(live);
    double psi = 0;
    for (int i = 0; i < q.length; i++) {
      double pi = p[i] > 0 ? p[i] : EMPTY_SHARE;
      double qi = q[i] > 0 ? q[i] : EMPTY_SHARE;
      psi += (qi - pi) * Math.log(qi / pi);
    }
    return psi;
  }

  /**
   * The Kolmogorov-Smirnov distance on the reference's edges: the largest difference between the two
   * cumulative shares below an edge. Both are exact there, so this is the exact distance of the two
   * empirical distribution functions at the edges, a lower bound on it over all scores, which exceeds
   * it by at most the largest share of one bin on either side.
   */
  static double ks(List<Double> reference, long[] live) {
    double refTotal = total(reference);
    double liveTotal = total(live);
    double ref = 0;
    double liv = 0;
    double ks = 0;
    for (int i = 0; i < live.length - 1; i++) {
      ref += reference.get(i);
      liv += live[i];
      ks = Math.max(ks, Math.abs(liv / liveTotal - ref / refTotal));
    }
    return ks;
  }

  private static double total(List<Double> weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    return total;
  }

  private static double total(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  private static double[] shares(List<Double> weights) {
    double total = total(weights);
    double[] shares = new double[weights.size()];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = weights.get(i) / total;
    }
    return shares;
  }

  private static double[] shares(long[] counts) {
    double total = total(counts);
    double[] shares = new double[counts.length];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = (double) counts[i] / total;
    }
    return shares;
  }

  /**
   * Writes the segment's drift node and answers whether it drifted.
   *
   * @param confidence the level of the flag rate's interval
   */
  boolean write(ObjectNode node, double confidence) {
    node.put("decisions", decisions);
    if (reference.isEmpty() || bins == null) {
      node.put("status", "no reference").put("reason", noReference).put("drifted", false);
      return false;
    }
    Provenance.ScoreHistogram h = reference.get();
    if (!(h.total() > 0)) {
      node.put("status", "no reference").put("reason", "the reference histogram holds no rows")
          .put("drifted", false);
      return false;
    }
    node.put("flagged", flagged);
    OptionalDouble expected = lowest.isPresent() ? h.shareAtLeast(lowest.getAsDouble())
        : OptionalDouble.of(0);
    boolean flagRateOff = false;
    if (decisions > 0) {
      node.put("flagRate", (double) flagged / decisions);
      Interval i = IntervalMethod.CLOPPER_PEARSON.interval(flagged, decisions, confidence);
      node.putArray("flagRateInterval").add(i.lower()).add(i.upper());
      flagRateOff = expected.isPresent() && (expected.getAsDouble() < i.lower()
          || expected.getAsDouble() > i.upper());
    } else {
      node.putNull("flagRate");
      node.putNull("flagRateInterval");
    }
    if (expected.isPresent()) {
      node.put("expectedFlagRate", expected.getAsDouble());
    } else {
      node.putNull("expectedFlagRate");
    }
    if (decisions == 0) {
      node.putNull("psi").putNull("ks");
    } else {
      node.put("psi", psi(h.weights(), bins)).put("ks", ks(h.weights(), bins));
    }
    ArrayNode live = node.putArray("liveBins");
    for (long c : bins) {
      live.add(c);
    }
    if (decisions < MIN_DECISIONS) {
      node.put("status", "too few decisions").put("reason", "a verdict needs at least "
          + MIN_DECISIONS + " decisions in the window; this segment has " + decisions)
          .put("drifted", false);
      return false;
    }
    double psi = psi(h.weights(), bins);
    boolean drifted = psi >= PSI_DRIFTED || flagRateOff;
    node.put("status", drifted ? "drifted" : "stable").put("drifted", drifted);
    if (drifted) {
      node.put("reason", psi >= PSI_DRIFTED && flagRateOff ? "PSI at or above " + PSI_DRIFTED
          + " and the expected flag rate outside the live flag rate's interval"
          : psi >= PSI_DRIFTED ? "PSI at or above " + PSI_DRIFTED
          : "the expected flag rate outside the live flag rate's interval");
    }
    return drifted;
  }
}

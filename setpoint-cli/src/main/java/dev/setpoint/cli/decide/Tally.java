package dev.setpoint.cli.decide;

import dev.setpoint.policy.Band;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.Segment;
import dev.setpoint.read.RowSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy did to a file: rows (weight) and, where labels exist, positives per segment and band,
 * and per action. Realised precision of a band is its positives over its rows; its recall share is its
 * positives over all positives ({@code docs/policy.md#decide}).
 */
public final class Tally {

  private final Policy policy;
  private final double[][] rows;
  private final double[][] positives;
  private final long[] missingByAttribute;
  private final List<String> attributes;
  private double totalRows;
  private double totalPositives;
  private long defaultedForMissing;
  private boolean labelled = true;
  private long count;

  /**
   * An empty tally.
   *
   * @param attributes the decider's attributes, for counting missing ones
   */
  public Tally(Policy policy, List<String> attributes) {
    this.policy = policy;
    this.attributes = List.copyOf(attributes);
    List<Segment> segments = policy.segments();
    rows = new double[segments.size()][];
    positives = new double[segments.size()][];
    for (int s = 0; s < segments.size(); s++) {
      rows[s] = new double[segments.get(s).bands().size()];
      positives[s] = new double[segments.get(s).bands().size()];
    }
    missingByAttribute = new long[attributes.size()];
  }

  /** Counts one decided row. */
  public void add(Decision d, int label, double weight) {
    count++;
    rows[d.segmentIndex()][d.band()] += weight;
    totalRows += weight;
    if (label == RowSink.UNLABELLED) {
      labelled = false;
    } else if (label == 1) {
      positives[d.segmentIndex()][d.band()] += weight;
      totalPositives += weight;
    }
    if (!d.missingAttributes().isEmpty()) {
      if (d.route() == Decision.Route.DEFAULT_MISSING_ATTRIBUTES) {
        defaultedForMissing++;
      }
      for (String name : d.missingAttributes()) {
        missingByAttribute[attributes.indexOf(name)]++;
      }
    }
  }

  public Policy policy() {
    return policy;
  }

  /** Whether every row had a label. */
  public boolean labelled() {
    return labelled && count > 0;
  }

  /** Rows decided. */
  public long count() {
    return count;
  }

  public double totalRows() {
    return totalRows;
  }

  public double totalPositives() {
    return totalPositives;
  }

  /** Weight of rows in a segment's band. */
  public double rows(int segment, int band) {
    return rows[segment][band];
  }

  /** Positive weight in a segment's band. */
  public double positives(int segment, int band) {
    return positives[segment][band];
  }

  /** Rows sent to the default because attributes were missing. */
  public long defaultedForMissing() {
    return defaultedForMissing;
  }

  /** Rows missing each attribute, for those missing in any row. */
  public Map<String, Long> missing() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int a = 0; a < attributes.size(); a++) {
      if (missingByAttribute[a] > 0) {
        out.put(attributes.get(a), missingByAttribute[a]);
      }
    }
    return out;
  }

  /** Rows and positives per action, over all segments, in order of first appearance. */
  public Map<String, double[]> byAction() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int s = 0; s < rows.length; s++) {
      List<Band> bands = policy.segments().get(s).bands();
      for (int b = 0; b < bands.size(); b++) {
        double[] acc = out.computeIfAbsent(bands.get(b).action(), k -> new double[2]);
        acc[0] += rows[s][b];
        acc[1] += positives[s][b];
      }
    }
    return out;
  }
}

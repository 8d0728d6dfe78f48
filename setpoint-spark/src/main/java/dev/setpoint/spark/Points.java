package dev.setpoint.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The curve points one partition found for one key (segment), in descending threshold: per point two
 * values, either the positive and negative row counts at that score (unweighted) or the cumulative
 * positive and negative weights down to it, already offset by the partitions before (weighted).
 * Shipped from executors to the driver, so it is a plain serialisable value with growable arrays.
 */
final class Points implements Serializable {

  private static final long serialVersionUID = 1L;

  final int partition;
  final String key;
  long rows;
  int size;
  double[] thresholds = new double[16];
  double[] first = new double[16];
  double[] second = new double[16];

  Points(int partition, String key) {
    this.partition = partition;
    this.key = key;
  }

  void add(double threshold, double a, double b) {
    if (size == thresholds.length) {
      int grown = size * 2;
      thresholds = Arrays.copyOf(thresholds, grown);
      first = Arrays.copyOf(first, grown);
      second = Arrays.copyOf(second, grown);
    }
    thresholds[size] = threshold;
    first[size] = a;
    second[size] = b;
    size++;
  }

  /** Appends another block's points after these and adds its rows. */
  void addAll(Points other) {
    for (int i = 0; i < other.size; i++) {
      add(other.thresholds[i], other.first[i], other.second[i]);
    }
    rows += other.rows;
  }
}

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
  double[] thresholds;
  double[] first;
  double[] second;

  Points(int partition, String key) {
    this(partition, key, 16);
  }

  /** Room for {@code capacity} points before the arrays grow. */
  Points(int partition, String key, int capacity) {
    this.partition = partition;
    this.key = key;
    thresholds = new double[capacity];
    first = new double[capacity];
    second = new double[capacity];
  }

  void add(double threshold, double a, double b) {
    if (size == thresholds.length) {
      int grown = Math.max(16, size * 2);
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

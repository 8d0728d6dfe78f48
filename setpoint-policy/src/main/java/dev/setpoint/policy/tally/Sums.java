package dev.setpoint.policy.tally;

import java.util.Arrays;

/**
 * Rows, labelled rows and positives per slot, as primitive sums that grow with the slots: counting a
 * row allocates nothing. Each sum adds the weights in the order the rows came, as the callers'
 * single-pass loops did before them, so a report's figures keep their last bits.
 */
final class Sums {

  private double[] rows = new double[8];
  private double[] labelled = new double[8];
  private double[] positives = new double[8];
  private int slots;

  /** Adds a slot with nothing in it; returns its index. */
  int addSlot() {
    if (slots == rows.length) {
      int size = rows.length * 2;
      rows = Arrays.copyOf(rows, size);
      labelled = Arrays.copyOf(labelled, size);
      positives = Arrays.copyOf(positives, size);
    }
    return slots++;
  }

  /** Counts one row of weight {@code weight} (checked by the caller) in {@code slot}. */
  void add(int slot, Tally.Label label, double weight) {
    rows[slot] += weight;
    if (label != Tally.Label.UNKNOWN) {
      labelled[slot] += weight;
      if (label == Tally.Label.POSITIVE) {
        positives[slot] += weight;
      }
    }
  }

  Counts counts(int slot) {
    return new Counts(rows[slot], labelled[slot], positives[slot]);
  }

  /** Throws unless {@code weight} is a row weight: finite and {@code >= 0} (DESIGN.md). */
  static void checkWeight(double weight) {
    if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("a row's weight must be finite and >= 0, was " + weight);
    }
  }
}

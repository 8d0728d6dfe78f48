package dev.setpoint.policy.tally;

import java.util.Objects;

/**
 * Where a decision fell: a segment, one of its bands and the band's action. Cells are named rather than
 * indexed so that decisions of different policy versions (a decision log, a candidate) compare.
 *
 * @param segment the segment's name
 * @param band the band's position in the segment, from 0 (the band of the highest scores)
 * @param action the band's action
 */
public record Cell(String segment, int band, String action) {

  public Cell {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(action, "action");
    if (band < 0) {
      throw new IllegalArgumentException("band must be >= 0, was " + band + " (segment " + segment
          + ", action " + action + ")");
    }
  }
}

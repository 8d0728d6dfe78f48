package dev.setpoint.policy.tally;

import dev.setpoint.policy.Band;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.Segment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a policy did to a set of rows: their counts per cell (segment, band and action), in total, and
 * the attributes the rows lacked. Count rows with a {@link Counter}: {@link #counter(Decider)} for the
 * decisions of one decider, whose tally lists every band of its policy in the policy's order, those
 * that took no row with zero counts; {@link #counter()} for cells from elsewhere (a decision log, where
 * rows of several policy versions meet), listed in order of first appearance.
 *
 * <p>The realised precision of a cell is its positives over its labelled rows, its recall share its
 * positives over the positives of all rows ({@code docs/definitions.md#policy-decisions}).
 *
 * @param cells the counts per cell, in the order described above
 * @param total the counts of all rows, summed row by row (so, with fractional weights, it may differ
 *     from the sum of the cells in the last bits)
 * @param decisions how many rows were counted, whatever their weights
 * @param labelledDecisions how many of them had a label
 * @param missingAttributes for each attribute some row lacked, how many rows lacked it; in the
 *     decider's attribute order (first appearance without a decider)
 * @param defaultedForMissingAttributes rows that went to the default segment because they lacked
 *     attributes ({@link Decision.Route#DEFAULT_MISSING_ATTRIBUTES})
 */
public record Tally(Map<Cell, Counts> cells, Counts total, long decisions, long labelledDecisions,
    Map<String, Long> missingAttributes, long defaultedForMissingAttributes) {

  /** A row's label, as far as it is known. */
  public enum Label {
    POSITIVE,
    NEGATIVE,
    /** The row has no label: it counts in a cell's rows, not in its labelled rows. */
    UNKNOWN;

    /** {@link #POSITIVE} or {@link #NEGATIVE}. */
    public static Label of(boolean positive) {
      return positive ? POSITIVE : NEGATIVE;
    }
  }

  /** Validates the counts' relations and keeps copies of the maps, in their order. */
  public Tally {
    Objects.requireNonNull(total, "total");
    if (decisions < 0 || labelledDecisions < 0 || labelledDecisions > decisions
        || defaultedForMissingAttributes < 0 || defaultedForMissingAttributes > decisions) {
      throw new IllegalArgumentException("decisions (" + decisions + ") must be >= 0 and at least "
          + "the labelled (" + labelledDecisions + ") and the defaulted for missing attributes ("
          + defaultedForMissingAttributes + ")");
    }
    missingAttributes.forEach((name, rows) -> {
      if (rows <= 0 || rows > decisions) {
        throw new IllegalArgumentException("rows missing attribute '" + name + "' must be in [1, "
            + decisions + "], was " + rows);
      }
    });
    cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    missingAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(missingAttributes));
  }

  /** A counter for the decisions of {@code decider}. */
  public static Counter counter(Decider decider) {
    return new Counter(decider);
  }

  /** A counter for cells from anywhere, such as a decision log. */
  public static Counter counter() {
    return new Counter(null);
  }

  /** The counts of {@code cell}; {@link Counts#ZERO} when no row fell there. */
  public Counts at(Cell cell) {
    return cells.getOrDefault(cell, Counts.ZERO);
  }

  /** Whether there were rows and every one of them had a label. */
  public boolean everyDecisionLabelled() {
    return decisions > 0 && labelledDecisions == decisions;
  }

  /** The counts per action over all segments, in order of the actions' first cells. */
  public Map<String, Counts> byAction() {
    Map<String, Counts> out = new LinkedHashMap<>();
    cells.forEach((cell, counts) -> out.merge(cell.action(), counts, Counts::plus));
    return Collections.unmodifiableMap(out);
  }

  /** The counts per segment over its bands, in order of the segments' first cells. */
  public Map<String, Counts> bySegment() {
    Map<String, Counts> out = new LinkedHashMap<>();
    cells.forEach((cell, counts) -> out.merge(cell.segment(), counts, Counts::plus));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Counts rows one at a time, then gives their {@link Tally}. A decider's decisions are counted by
   * position (no lookup, no allocation per row); other cells by a hash lookup. Not thread-safe: one
   * counter per reading thread.
   */
  public static final class Counter {

    /** Slot of each band of the decider's policy, by segment index and band; null without one. */
    private final int @Nullable [][] policySlots;
    private final Map<Cell, Integer> slots = new HashMap<>();
    private final List<Cell> cells = new ArrayList<>();
    private final Sums sums = new Sums();
    private final Sums total = new Sums();
    private final Map<String, long[]> missing = new LinkedHashMap<>();
    private long decisions;
    private long labelledDecisions;
    private long defaultedForMissing;

    private Counter(@Nullable Decider decider) {
      total.addSlot();
      if (decider == null) {
        policySlots = null;
        return;
      }
      List<Segment> segments = decider.policy().segments();
      policySlots = new int[segments.size()][];
      for (int s = 0; s < segments.size(); s++) {
        List<Band> bands = segments.get(s).bands();
        policySlots[s] = new int[bands.size()];
        for (int b = 0; b < bands.size(); b++) {
          policySlots[s][b] = slot(new Cell(segments.get(s).name(), b, bands.get(b).action()));
        }
      }
      decider.attributes().forEach(name -> missing.put(name, new long[1]));
    }

    /**
     * Counts one decided row.
     *
     * @param d a decision of this counter's decider, if it has one
     * @param weight the row's weight, finite and {@code >= 0}
     * @throws IllegalArgumentException for a bad weight, or a decision of another policy
     */
    public void add(Decision d, Label label, double weight) {
      Sums.checkWeight(weight);
      count(slot(d), d, label, weight);
    }

    /**
     * Counts one row that fell in {@code cell} (for instance a logged decision).
     *
     * @param weight the row's weight, finite and {@code >= 0}
     */
    public void add(Cell cell, Label label, double weight) {
      Objects.requireNonNull(cell, "cell");
      Sums.checkWeight(weight);
      count(slot(cell), label, weight);
    }

    /** The tally of the rows counted so far. */
    public Tally tally() {
      Map<Cell, Counts> out = new LinkedHashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        out.put(cells.get(i), sums.counts(i));
      }
      Map<String, Long> lacked = new LinkedHashMap<>();
      missing.forEach((name, rows) -> {
        if (rows[0] > 0) {
          lacked.put(name, rows[0]);
        }
      });
      return new Tally(out, total.counts(0), decisions, labelledDecisions, lacked,
          defaultedForMissing);
    }

    /** The slot of a decision's cell (added on its first appearance without a decider). */
    int slot(Decision d) {
      int[][] bySegment = policySlots;
      return bySegment == null ? slot(new Cell(d.segment(), d.band(), d.action()))
          : policySlot(bySegment, d);
    }

    /** Counts a decision (weight checked) in its cell's {@code slot}, with its missing attributes. */
    void count(int slot, Decision d, Label label, double weight) {
      if (!d.missingAttributes().isEmpty()) {
        if (d.route() == Decision.Route.DEFAULT_MISSING_ATTRIBUTES) {
          defaultedForMissing++;
        }
        for (String name : d.missingAttributes()) {
          missing.computeIfAbsent(name, k -> new long[1])[0]++;
        }
      }
      count(slot, label, weight);
    }

    /** Counts a row (weight checked) in {@code slot}. */
    void count(int slot, Label label, double weight) {
      Objects.requireNonNull(label, "label");
      sums.add(slot, label, weight);
      total.add(0, label, weight);
      decisions++;
      if (label != Label.UNKNOWN) {
        labelledDecisions++;
      }
    }

    /** The slot of {@code cell}, added on its first appearance. */
    int slot(Cell cell) {
      Integer known = slots.get(cell);
      if (known != null) {
        return known;
      }
      int slot = sums.addSlot();
      cells.add(cell);
      slots.put(cell, slot);
      return slot;
    }

    /** The cell of {@code slot}. */
    Cell cellAt(int slot) {
      return cells.get(slot);
    }

    /**
     * The slot of a decision of this counter's decider, by position. The names are compared too, which
     * costs a reference comparison for the decider's own decisions (they share the policy's strings).
     */
    private int policySlot(int[][] bySegment, Decision d) {
      int s = d.segmentIndex();
      int b = d.band();
      if (s < bySegment.length && b < bySegment[s].length) {
        Cell cell = cells.get(bySegment[s][b]);
        if (cell.segment().equals(d.segment()) && cell.action().equals(d.action())) {
          return bySegment[s][b];
        }
      }
      throw new IllegalArgumentException("the decision (segment " + d.segment() + " #" + s + ", band "
          + b + ", action " + d.action() + ") is not one of this tally's policy");
    }
  }
}

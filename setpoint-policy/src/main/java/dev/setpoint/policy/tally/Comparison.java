package dev.setpoint.policy.tally;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two policies over the same rows: each one's {@link Tally}, and for each pair of cells some row went
 * through (its cell under the first policy, its cell under the second) the counts of those rows. A row
 * whose action stays the same is counted too, so the transitions add up to all rows; {@link
 * #actionChanges()} keeps the ones that change what happens to the row.
 *
 * @param before the tally under the first (current, or logged) policy
 * @param after the tally under the second (candidate) policy
 * @param transitions the counts per pair of cells, in order of first appearance
 */
public record Comparison(Tally before, Tally after, Map<Transition, Counts> transitions) {

  /**
   * A row's way from the first policy's decision to the second's.
   *
   * @param from its cell under the first policy
   * @param to its cell under the second
   */
  public record Transition(Cell from, Cell to) {
    public Transition {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    /** Whether the row's action differs between the policies (its segment or band alone may not). */
    public boolean changesAction() {
      return !from.action().equals(to.action());
    }
  }

  /**
   * A change of action, over all segments.
   *
   * @param from the action under the first policy
   * @param to the (different) action under the second
   */
  public record ActionChange(String from, String to) {
    public ActionChange {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /** Checks that both tallies counted the same rows, and keeps a copy of the transitions in order. */
  public Comparison {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (before.decisions() != after.decisions()) {
      throw new IllegalArgumentException("both tallies must count the same rows, counted "
          + before.decisions() + " and " + after.decisions());
    }
    transitions = Collections.unmodifiableMap(new LinkedHashMap<>(transitions));
  }

  /** A counter for the decisions of two deciders on the same rows. */
  public static Counter counter(Decider before, Decider after) {
    return new Counter(Tally.counter(before), Tally.counter(after));
  }

  /**
   * A counter for rows whose first cell is given (a logged decision, of whichever policy version
   * took it) and whose second is decided by {@code after}.
   */
  public static Counter counter(Decider after) {
    return new Counter(Tally.counter(), Tally.counter(after));
  }

  /**
   * The transitions that change the action, summed per pair of actions, in order of first appearance
   * (which is the order in which the rows first took each change).
   */
  public Map<ActionChange, Counts> actionChanges() {
    Map<ActionChange, Counts> out = new LinkedHashMap<>();
    transitions.forEach((t, counts) -> {
      if (t.changesAction()) {
        out.merge(new ActionChange(t.from().action(), t.to().action()), counts, Counts::plus);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** The rows whose action changes: the sum of {@link #actionChanges()}, in its order. */
  public Counts changed() {
    Counts sum = Counts.ZERO;
    for (Counts c : actionChanges().values()) {
      sum = sum.plus(c);
    }
    return sum;
  }

  /**
   * Counts rows under both policies, then gives their {@link Comparison}. Not thread-safe.
   */
  public static final class Counter {

    private final Tally.Counter before;
    private final Tally.Counter after;
    /** Transition slot by (first cell's slot, second cell's slot); -1 where none yet. */
    private int[][] slotOf = new int[0][];
    private final List<Transition> transitions = new ArrayList<>();
    private final Sums sums = new Sums();

    private Counter(Tally.Counter before, Tally.Counter after) {
      this.before = before;
      this.after = after;
    }

    /**
     * Counts one row decided by both deciders.
     *
     * @param weight the row's weight, finite and {@code >= 0}
     * @throws IllegalArgumentException for a bad weight, or a decision of another policy
     */
    public void add(Decision first, Decision second, Tally.Label label, double weight) {
      Sums.checkWeight(weight);
      int from = before.slot(first);
      int to = after.slot(second);
      before.count(from, first, label, weight);
      after.count(to, second, label, weight);
      count(from, to, label, weight);
    }

    /**
     * Counts one row whose first cell is given, decided by the second policy as {@code second}.
     *
     * @param weight the row's weight, finite and {@code >= 0}
     */
    public void add(Cell first, Decision second, Tally.Label label, double weight) {
      Objects.requireNonNull(first, "first");
      Sums.checkWeight(weight);
      int to = after.slot(second);
      int from = before.slot(first);
      before.count(from, label, weight);
      after.count(to, second, label, weight);
      count(from, to, label, weight);
    }

    /** The comparison of the rows counted so far. */
    public Comparison comparison() {
      Map<Transition, Counts> out = new LinkedHashMap<>();
      for (int i = 0; i < transitions.size(); i++) {
        out.put(transitions.get(i), sums.counts(i));
      }
      return new Comparison(before.tally(), after.tally(), out);
    }

    private void count(int from, int to, Tally.Label label, double weight) {
      if (from >= slotOf.length) {
        int size = Math.max(from + 1, 2 * slotOf.length);
        int old = slotOf.length;
        slotOf = Arrays.copyOf(slotOf, size);
        for (int i = old; i < size; i++) {
          slotOf[i] = new int[0];
        }
      }
      int[] row = slotOf[from];
      if (to >= row.length) {
        int old = row.length;
        row = Arrays.copyOf(row, Math.max(to + 1, 2 * old));
        Arrays.fill(row, old, row.length, -1);
        slotOf[from] = row;
      }
      if (row[to] < 0) {
        row[to] = sums.addSlot();
        transitions.add(new Transition(before.cellAt(from), after.cellAt(to)));
      }
      sums.add(row[to], label, weight);
    }
  }
}

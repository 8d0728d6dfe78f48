package dev.setpoint.server.store;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct outcomes of a list of decisions, in order of first appearance, and for each decision
 * the index of its outcome. A batch has few distinct outcomes; the stored group and the compact batch
 * answer both list each once, from one computation.
 */
public final class Outcomes {

  private final List<DecisionRecord.Outcome> distinct;
  private final int[] index;

  private Outcomes(List<DecisionRecord.Outcome> distinct, int[] index) {
    this.distinct = distinct;
    this.index = index;
  }

  /** The outcomes of {@code records}. */
  public static Outcomes of(List<DecisionRecord> records) {
    Map<DecisionRecord.Outcome, Integer> seen = new LinkedHashMap<>();
    int[] index = new int[records.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = seen.computeIfAbsent(records.get(i).outcome(), o -> seen.size());
    }
    return new Outcomes(List.copyOf(seen.keySet()), index);
  }

  /** The distinct outcomes, in order of first appearance. */
  public List<DecisionRecord.Outcome> distinct() {
    return distinct;
  }

  /** How many decisions. */
  public int size() {
    return index.length;
  }

  /** The index in {@link #distinct()} of decision {@code i}'s outcome. */
  public int of(int i) {
    return index[i];
  }

  @Override
  public String toString() {
    return distinct.size() + " outcomes of " + index.length + " decisions " + Arrays.toString(index);
  }
}

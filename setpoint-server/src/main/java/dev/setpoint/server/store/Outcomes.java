package dev.setpoint.server.store;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
    Builder<DecisionRecord> outcomes = new Builder<>(records.size(), DecisionRecord::outcome);
    records.forEach(outcomes::add);
    return outcomes.build();
  }

  /**
   * Collects the outcomes of decisions one at a time, each given by a key that stands for its outcome
   * (the decider's decision objects, shared between the requests that take the same segment and band).
   * A key seen before is recognised by identity, without building or hashing its outcome; the first
   * {@value #KNOWN} distinct keys are remembered so.
   *
   * @param <K> the key type
   */
  public static final class Builder<K> {
    private static final int KNOWN = 16;

    private final Function<? super K, DecisionRecord.Outcome> outcomeOf;
    private final Map<DecisionRecord.Outcome, Integer> seen = new LinkedHashMap<>();
    private final Object[] keys = new Object[KNOWN];
    private final int[] keyOutcome = new int[KNOWN];
    private int known;
    private int[] index;
    private int size;

    /**
     * @param expected how many decisions are expected (the index grows past it)
     * @param outcomeOf the outcome a key stands for
     */
    public Builder(int expected, Function<? super K, DecisionRecord.Outcome> outcomeOf) {
      this.outcomeOf = Objects.requireNonNull(outcomeOf, "outcomeOf");
      this.index = new int[Math.max(1, expected)];
    }

    /** Adds the next decision's outcome. */
    public void add(K key) {
      if (size == index.length) {
        index = Arrays.copyOf(index, size * 2);
      }
      for (int k = 0; k < known; k++) {
        if (keys[k] == key) {
          index[size++] = keyOutcome[k];
          return;
        }
      }
      int i = seen.computeIfAbsent(outcomeOf.apply(key), o -> seen.size());
      if (known < KNOWN) {
        keys[known] = key;
        keyOutcome[known++] = i;
      }
      index[size++] = i;
    }

    /** The outcomes added so far. */
    public Outcomes build() {
      return new Outcomes(List.copyOf(seen.keySet()), Arrays.copyOf(index, size));
    }
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

package dev.setpoint.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts rows dropped by {@link ReadOptions#dropInvalid()}, by reason, and keeps the first messages. */
final class DropLog {

  /** How many full messages {@link ReadSummary#examples()} keeps. */
  static final int MAX_EXAMPLES = 5;

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();

  /** Whether the next drop's message should be kept; building it is skipped otherwise. */
  boolean wantsExample() {
    return examples.size() < MAX_EXAMPLES;
  }

  /** Counts one dropped row under {@code reason}, such as {@code score is not a number}. */
  void drop(String reason) {
    counts.merge(reason, 1L, Long::sum);
  }

  void example(String message) {
    examples.add(message);
  }

  /** Counts by reason, in the order reasons were first seen. */
  Map<String, Long> counts() {
    return counts;
  }

  List<String> examples() {
    return examples;
  }
}

package dev.setpoint.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Proves each segment reachable, or reports it shadowed: every request it would match is taken by
 * earlier segments. Exact, by enumerating the classes of {@link SegmentTable} that a segment accepts
 * (a handful per attribute for real policies); a segment whose classes multiply to more than {@link
 * #MAX_CELLS} combinations is not checked.
 */
final class Reachability {

  /** The most class combinations enumerated for one segment. */
  static final long MAX_CELLS = 1_000_000;

  private final List<Segment> segments;
  private final List<Problem> errors;

  Reachability(List<Segment> segments, List<Problem> errors) {
    this.segments = segments;
    this.errors = errors;
  }

  void check() {
    if (mixedKinds()) {
      return;
    }
    int everything = -1;
    for (int j = 0; j < segments.size() - 1; j++) {
      if (segments.get(j).match().isAll()) {
        everything = j;
        errors.add(Problem.at("/segments/" + j + "/match", "segment '" + segments.get(j).name()
            + "' matches every request, so the " + (segments.size() - 1 - j) + " segment(s) after "
            + "it can never match; the segment that matches everything must be last"));
        break;
      }
    }
    SegmentTable table = SegmentTable.of(segments);
    int limit = everything >= 0 ? everything : segments.size();
    for (int j = 1; j < limit; j++) {
      Set<Integer> takers = new TreeSet<>();
      Boolean reachable = reachable(table, j, takers);
      if (reachable != null && !reachable) {
        StringBuilder names = new StringBuilder();
        for (int t : takers) {
          names.append(names.length() == 0 ? "" : ", ").append('\'').append(segments.get(t).name())
              .append("' (/segments/").append(t).append(')');
        }
        String same = sameMatch(j);
        errors.add(Problem.at("/segments/" + j + "/match", "segment '" + segments.get(j).name()
            + "' can never match: " + (same != null ? "it has the same match as " + same + ", which "
                + "comes first" : "every request it matches is taken first by " + names)));
      }
    }
  }

  private @Nullable String sameMatch(int j) {
    for (int i = 0; i < j; i++) {
      if (segments.get(i).match().equals(segments.get(j).match())) {
        return "'" + segments.get(i).name() + "' (/segments/" + i + ")";
      }
    }
    return null;
  }

  /** An attribute matched both by value and by range; reported, and then no cells are enumerated. */
  private boolean mixedKinds() {
    Map<String, Integer> rangeAt = new HashMap<>();
    Map<String, Integer> valueAt = new HashMap<>();
    boolean mixed = false;
    for (int i = 0; i < segments.size(); i++) {
      int index = i;
      for (Map.Entry<String, Condition> e : segments.get(i).match().conditions().entrySet()) {
        String a = e.getKey();
        boolean range = e.getValue() instanceof Condition.Range;
        (range ? rangeAt : valueAt).putIfAbsent(a, index);
        Integer other = (range ? valueAt : rangeAt).get(a);
        if (other != null) {
          errors.add(Problem.at("/segments/" + index + "/match/" + SchemaCheck.escape(a),
              "attribute '" + a + "' is matched " + (range ? "by range here and by value" : "by value "
                  + "here and by range") + " in /segments/" + other + "; match an attribute one "
                  + "way only (a value v as a range is {gte: v, lte: v})"));
          mixed = true;
        }
      }
    }
    return mixed;
  }

  /**
   * Whether some combination of classes accepted by segment {@code j} is first matched by {@code j};
   * null when there are too many combinations to tell. Fills {@code takers} with the segments that took
   * the combinations.
   */
  private @Nullable Boolean reachable(SegmentTable table, int j, Set<Integer> takers) {
    int attributes = table.attributes().size();
    int[][] accepted = new int[attributes][];
    long cells = 1;
    for (int a = 0; a < attributes; a++) {
      SegmentTable.AttributeIndex index = table.index(a);
      long[][] masks = index.masks();
      int count = 0;
      int[] classes = new int[masks.length];
      for (int c = 0; c < masks.length; c++) {
        if (index.inhabited(c) && (masks[c][j >>> 6] & (1L << j)) != 0) {
          classes[count++] = c;
        }
      }
      if (count == 0) {
        return null; // an empty range, reported on its own
      }
      accepted[a] = Arrays.copyOf(classes, count);
      cells *= count;
      if (cells > MAX_CELLS) {
        return null;
      }
    }
    int[] at = new int[attributes];
    long[] acc = new long[table.words()];
    while (true) {
      Arrays.fill(acc, -1L);
      for (int a = 0; a < attributes; a++) {
        long[] mask = table.index(a).masks()[accepted[a][at[a]]];
        for (int w = 0; w < acc.length; w++) {
          acc[w] &= mask[w];
        }
      }
      int first = firstBit(acc);
      if (first == j) {
        return true;
      }
      takers.add(first);
      int a = 0;
      while (a < attributes && ++at[a] == accepted[a].length) {
        at[a] = 0;
        a++;
      }
      if (a == attributes) {
        return false;
      }
    }
  }

  static int firstBit(long[] set) {
    for (int w = 0; w < set.length; w++) {
      if (set[w] != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(set[w]);
      }
    }
    return -1;
  }
}

package dev.setpoint.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Segment dispatch as lookup tables. For each attribute a policy matches on, every possible value falls
 * into one of a few <em>classes</em>: for an attribute matched by value, each value some segment names,
 * plus one class for every other value and for a missing attribute; for an attribute matched by range,
 * the pieces between and at the range bounds, plus one class for a missing or non-numeric value. Each
 * class carries the bit set of segments whose condition it meets. A request's segment is the lowest bit
 * of the AND of its classes' sets, since the first matching segment wins.
 *
 * <p>The same tables serve the {@link Decider} (one hash lookup or binary search per attribute) and the
 * validator, which enumerates classes to prove a segment reachable or shadowed ({@link Reachability}).
 */
final class SegmentTable {

  /** The classes of one attribute and the segments each class satisfies. */
  sealed interface AttributeIndex permits ByValue, ByRange {

    /** The bit set of segments satisfied by each class; the last class is "missing". */
    long[][] masks();

    /** Whether class {@code c} holds any value at all (a piece between adjacent doubles does not). */
    boolean inhabited(int c);

    /** A readable name of class {@code c}, for messages. */
    String describe(int c);
  }

  /**
   * An attribute matched by value.
   *
   * @param classOf the class of each value some segment names
   * @param values the value of each class but the last
   * @param masks the segments of each class; the last class is every other value and missing
   */
  record ByValue(Map<String, Integer> classOf, List<String> values, long[][] masks)
      implements AttributeIndex {

    @Override
    public boolean inhabited(int c) {
      return true;
    }

    @Override
    public String describe(int c) {
      return c < values.size() ? "'" + values.get(c) + "'" : "another value or missing";
    }
  }

  /**
   * An attribute matched by numeric range.
   *
   * @param bounds the distinct range bounds, ascending; class {@code 2k+1} is the point {@code
   *     bounds[k]}, class {@code 2k} the open interval below it, class {@code 2m} above the last, class
   *     {@code 2m+1} missing
   * @param masks the segments of each class
   * @param empty which classes hold no double
   */
  record ByRange(double[] bounds, long[][] masks, boolean[] empty) implements AttributeIndex {

    /** The class of a number (not NaN). */
    int classOf(double x) {
      int i = Arrays.binarySearch(bounds, x);
      return i >= 0 ? 2 * i + 1 : 2 * (-i - 1);
    }

    @Override
    public boolean inhabited(int c) {
      return !empty[c];
    }

    @Override
    public String describe(int c) {
      int m = bounds.length;
      if (c == 2 * m + 1) {
        return "missing";
      }
      if (c % 2 == 1) {
        return "= " + bounds[c / 2];
      }
      int k = c / 2;
      String lo = k == 0 ? "-inf" : Double.toString(bounds[k - 1]);
      String hi = k == m ? "+inf" : Double.toString(bounds[k]);
      return "in (" + lo + ", " + hi + ")";
    }
  }

  private final List<String> attributes;
  private final AttributeIndex[] index;
  private final int words;

  private SegmentTable(List<String> attributes, AttributeIndex[] index, int words) {
    this.attributes = attributes;
    this.index = index;
    this.words = words;
  }

  /**
   * Builds the tables. An attribute matched by value in one segment and by range in another is indexed
   * by value; {@link PolicyRules} rejects such a policy before it is compiled.
   */
  @SuppressWarnings("NullAway") // isRange.get of its own keys
  static SegmentTable of(List<Segment> segments) {
    Map<String, Boolean> isRange = new LinkedHashMap<>();
    for (Segment s : segments) {
      s.match().conditions().forEach((a, c) -> isRange.merge(a, c instanceof Condition.Range,
          Boolean::logicalAnd));
    }
    int words = (segments.size() + 63) >>> 6;
    List<String> attributes = List.copyOf(isRange.keySet());
    AttributeIndex[] index = new AttributeIndex[attributes.size()];
    for (int a = 0; a < index.length; a++) {
      String name = attributes.get(a);
      index[a] = isRange.get(name) ? byRange(name, segments, words) : byValue(name, segments, words);
    }
    return new SegmentTable(attributes, index, words);
  }

  private static ByValue byValue(String name, List<Segment> segments, int words) {
    Map<String, Integer> classOf = new HashMap<>();
    List<String> values = new ArrayList<>();
    for (Segment s : segments) {
      if (s.match().conditions().get(name) instanceof Condition.OneOf one) {
        for (String v : one.values()) {
          if (classOf.putIfAbsent(v, values.size()) == null) {
            values.add(v);
          }
        }
      }
    }
    long[][] masks = new long[values.size() + 1][words];
    for (int s = 0; s < segments.size(); s++) {
      Condition c = segments.get(s).match().conditions().get(name);
      for (int k = 0; k <= values.size(); k++) {
        boolean meets = c == null
            || (k < values.size() && c instanceof Condition.OneOf one && one.values().contains(values.get(k)));
        if (meets) {
          masks[k][s >>> 6] |= 1L << s;
        }
      }
    }
    return new ByValue(Map.copyOf(classOf), List.copyOf(values), masks);
  }

  private static ByRange byRange(String name, List<Segment> segments, int words) {
    TreeSet<Double> boundSet = new TreeSet<>();
    for (Segment s : segments) {
      if (s.match().conditions().get(name) instanceof Condition.Range r) {
        if (Double.isFinite(r.lower())) {
          boundSet.add(r.lower() + 0.0);
        }
        if (Double.isFinite(r.upper())) {
          boundSet.add(r.upper() + 0.0);
        }
      }
    }
    double[] bounds = boundSet.stream().mapToDouble(Double::doubleValue).toArray();
    int m = bounds.length;
    int classes = 2 * m + 2;
    long[][] masks = new long[classes][words];
    boolean[] empty = new boolean[classes];
    double[] sample = new double[classes - 1];
    for (int c = 0; c < classes - 1; c++) {
      if (c % 2 == 1) {
        sample[c] = bounds[c / 2];
      } else {
        int k = c / 2;
        double lo = k == 0 ? Double.NEGATIVE_INFINITY : bounds[k - 1];
        double hi = k == m ? Double.POSITIVE_INFINITY : bounds[k];
        double inside = k == 0 ? Math.nextDown(hi) : Math.nextUp(lo);
        empty[c] = !(inside > lo && inside < hi);
        sample[c] = inside;
      }
    }
    for (int s = 0; s < segments.size(); s++) {
      Condition c = segments.get(s).match().conditions().get(name);
      for (int k = 0; k < classes; k++) {
        boolean missing = k == classes - 1;
        boolean meets = c == null
            || (!missing && c instanceof Condition.Range r && r.contains(sample[k]));
        if (meets) {
          masks[k][s >>> 6] |= 1L << s;
        }
      }
    }
    return new ByRange(bounds, masks, empty);
  }

  /** The attributes any segment matches on, in order of first use. */
  List<String> attributes() {
    return attributes;
  }

  AttributeIndex index(int attribute) {
    return index[attribute];
  }

  /** 64-bit words per segment set. */
  int words() {
    return words;
  }
}

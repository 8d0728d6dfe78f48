package dev.setpoint.read;

import dev.setpoint.data.SegmentKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out one {@link SegmentKey} instance per distinct segment, so a sink can key maps by it without
 * allocating per row. A single segment column (the common case) is looked up by its string alone; several
 * columns by a list view over the caller's scratch array, which is copied only when a new segment
 * appears.
 */
final class SegmentInterner {

  private final Map<String, SegmentKey> single = new HashMap<>();
  private final Map<List<String>, SegmentKey> multiple = new HashMap<>();

  /**
   * Returns the key for {@code values}.
   *
   * @param values the segment column values of one row, in requested order; not retained
   */
  SegmentKey intern(String[] values) {
    switch (values.length) {
      case 0:
        return SegmentKey.NONE;
      case 1:
        SegmentKey one = single.get(values[0]);
        if (one == null) {
          one = new SegmentKey(List.of(values[0]));
          single.put(values[0], one);
        }
        return one;
      default:
        SegmentKey key = multiple.get(Arrays.asList(values));
        if (key == null) {
          key = new SegmentKey(Arrays.asList(values));
          // SegmentKey copies its list, so the map key does not alias the scratch array.
          multiple.put(key.values(), key);
        }
        return key;
    }
  }
}

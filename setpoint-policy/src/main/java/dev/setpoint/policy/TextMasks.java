package dev.setpoint.policy;

import java.util.Map;

/**
 * A read-only map from text to a 64-bit segment set, by open addressing: one probe, one entry object
 * holding the key, its hash and its set together, and no boxed values on the decider's hot path. Built
 * once per attribute; thread-safe.
 */
final class TextMasks {

  private record Entry(String key, int hash, long mask) {}

  private final Entry[] entries;
  private final int mask;
  private final long other;

  /**
   * @param masks the segment set of each value
   * @param other the segment set of every value not in {@code masks}
   */
  TextMasks(Map<String, Long> masks, long other) {
    int capacity = Integer.highestOneBit(Math.max(4, masks.size() * 4) - 1) << 1;
    this.entries = new Entry[capacity];
    this.mask = capacity - 1;
    this.other = other;
    masks.forEach((key, value) -> {
      int h = key.hashCode();
      int i = spread(h) & mask;
      while (entries[i] != null) {
        i = (i + 1) & mask;
      }
      entries[i] = new Entry(key, h, value);
    });
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The segment set of {@code text}. */
  long get(String text) {
    int h = text.hashCode();
    int i = spread(h) & mask;
    Entry e;
    while ((e = entries[i]) != null) {
      if (e.hash == h && (e.key == text || e.key.equals(text))) {
        return e.mask;
      }
      i = (i + 1) & mask;
    }
    return other;
  }
}

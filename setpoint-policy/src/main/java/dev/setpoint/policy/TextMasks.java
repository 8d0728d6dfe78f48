package dev.setpoint.policy;

import java.util.Map;

/**
 * A read-only map from text to a 64-bit segment set, by open addressing over parallel arrays: one
 * probe and no boxed values on the decider's hot path. Built once per attribute; thread-safe.
 */
final class TextMasks {

  private final String[] keys;
  private final int[] hashes;
  private final long[] masks;
  private final int mask;
  private final long other;

  /**
   * @param masks the segment set of each value
   * @param other the segment set of every value not in {@code masks}
   */
  TextMasks(Map<String, Long> masks, long other) {
    int capacity = Integer.highestOneBit(Math.max(4, masks.size() * 4) - 1) << 1;
    this.keys = new String[capacity];
    this.hashes = new int[capacity];
    this.masks = new long[capacity];
    this.mask = capacity - 1;
    this.other = other;
    masks.forEach((key, value) -> {
      int h = key.hashCode();
      int i = spread(h) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      hashes[i] = h;
      this.masks[i] = value;
    });
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The segment set of {@code text}. */
  long get(String text) {
    int h = text.hashCode();
    int i = spread(h) & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (k == text || (hashes[i] == h && k.equals(text))) {
        return masks[i];
      }
      i = (i + 1) & mask;
    }
    return other;
  }
}

package dev.setpoint.curve;

import java.util.Arrays;

/**
 * Ascending sorts of scores, alone or with a weight carried along.
 *
 * <p>Implementation notes.
 *
 * <ol>
 *   <li>Both sorts are LSD radix sorts on the IEEE-754 bits mapped to an order-preserving {@code long}
 *       [1]: for a non-negative double the raw bits already order correctly; for a negative one,
 *       flipping all bits but the sign reverses its order. Flipping the sign bit then makes the signed
 *       order an unsigned one, so digits can be taken from the top without special cases. NaN never
 *       reaches here and {@code -0.0} has been normalised to {@code 0.0} by the builder.
 *   <li>Why not {@link Arrays#sort(double[])}: radix sorting is O(n) with a small constant and measured
 *       2–3× faster than the dual-pivot quicksort on 10^6–10^7 scores (docs/benchmarks.md), which is
 *       most of the curve's cost. It is also stable, so a weight can travel with its key, which a
 *       comparison sort of {@code double[]} cannot do without boxing.
 *   <li>Digits are 11 bits (6 passes over 64 bits): 2,048 counters fit in L1 cache. All six histograms
 *       are built in one read of the keys, and a pass whose digit is the same for every key (typical for
 *       the sign and exponent bits of scores in [0, 1]) is skipped.
 *   <li>Memory: the keys and one buffer, 16 bytes per score on top of the input while sorting (24 with
 *       a weight and its buffer). Small inputs, where the histograms would dominate, use {@link
 *       Arrays#sort(double[])}.
 * </ol>
 *
 * <p>[1] Herf, "Radix Tricks" (2001), the float-to-sortable-integer mapping.
 */
final class ScoreSort {

  private static final int DIGIT_BITS = 11;
  private static final int RADIX = 1 << DIGIT_BITS;
  private static final int PASSES = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;

  private ScoreSort() {}

  /** Below this many scores a comparison sort beats building six histograms. */
  private static final int RADIX_THRESHOLD = 1 << 12;

  /** Sorts scores ascending in place. */
  static void sort(double[] scores) {
    int n = scores.length;
    if (n < RADIX_THRESHOLD) {
      Arrays.sort(scores);
      return;
    }
    long[] keys = new long[n];
    int[][] offsets = keysAndOffsets(scores, keys);
    long[] buffer = new long[n];
    long[] src = keys;
    for (int p = 0; p < PASSES; p++) {
      int[] counts = offsets[p];
      if (counts == null) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        long key = src[i];
        buffer[counts[digit(key, p)]++] = key;
      }
      long[] t = src;
      src = buffer;
      buffer = t;
    }
    for (int i = 0; i < n; i++) {
      scores[i] = fromSortableBits(src[i]);
    }
  }

  /**
   * Fills {@code keys} with the sortable bits of each score and returns, per pass, the first output
   * index of each digit, or null for a pass that would move nothing (every key has the same digit). All
   * passes' histograms are built in this one read of the scores.
   */
  private static int[][] keysAndOffsets(double[] scores, long[] keys) {
    int[][] histograms = new int[PASSES][RADIX];
    for (int i = 0; i < scores.length; i++) {
      long key = sortableBits(scores[i]);
      keys[i] = key;
      for (int p = 0; p < PASSES; p++) {
        histograms[p][digit(key, p)]++;
      }
    }
    for (int p = 0; p < PASSES; p++) {
      if (isTrivial(histograms[p], scores.length)) {
        histograms[p] = null;
      } else {
        toOffsets(histograms[p]);
      }
    }
    return histograms;
  }

  /** Turns digit counts into the first output index of each digit (exclusive prefix sums). */
  private static void toOffsets(int[] counts) {
    int offset = 0;
    for (int d = 0; d < RADIX; d++) {
      int c = counts[d];
      counts[d] = offset;
      offset += c;
    }
  }

  /** Sorts scores ascending in place, permuting weights identically; stable. */
  static void sort(double[] scores, double[] weights) {
    int n = scores.length;
    if (weights.length != n) {
      throw new IllegalArgumentException(
          "scores and weights differ in length: " + n + " vs " + weights.length);
    }
    long[] keys = new long[n];
    int[][] offsets = keysAndOffsets(scores, keys);
    long[] keyBuffer = new long[n];
    double[] weightBuffer = new double[n];
    long[] srcKeys = keys;
    double[] srcWeights = weights;
    for (int p = 0; p < PASSES; p++) {
      int[] counts = offsets[p];
      if (counts == null) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        long key = srcKeys[i];
        int dst = counts[digit(key, p)]++;
        keyBuffer[dst] = key;
        weightBuffer[dst] = srcWeights[i];
      }
      long[] tk = srcKeys;
      srcKeys = keyBuffer;
      keyBuffer = tk;
      double[] tw = srcWeights;
      srcWeights = weightBuffer;
      weightBuffer = tw;
    }
    for (int i = 0; i < n; i++) {
      scores[i] = fromSortableBits(srcKeys[i]);
    }
    if (srcWeights != weights) {
      System.arraycopy(srcWeights, 0, weights, 0, n);
    }
  }

  private static boolean isTrivial(int[] counts, int n) {
    for (int c : counts) {
      if (c == n) {
        return true;
      }
      if (c != 0) {
        return false;
      }
    }
    return true; // n == 0
  }

  private static int digit(long key, int pass) {
    return (int) ((key >>> (pass * DIGIT_BITS)) & (RADIX - 1));
  }

  /** Maps a double to a long whose unsigned order is the double's numeric order (note 2). */
  static long sortableBits(double value) {
    long bits = Double.doubleToRawLongBits(value);
    return (bits ^ ((bits >> 63) & Long.MAX_VALUE)) ^ Long.MIN_VALUE;
  }

  static double fromSortableBits(long key) {
    long bits = key ^ Long.MIN_VALUE;
    return Double.longBitsToDouble(bits ^ ((bits >> 63) & Long.MAX_VALUE));
  }
}

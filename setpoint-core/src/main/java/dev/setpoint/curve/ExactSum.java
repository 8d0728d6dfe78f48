package dev.setpoint.curve;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The exact sum of finite, non-negative doubles, read back correctly rounded (to nearest, ties to even).
 *
 * <p>Why: a float64 running sum depends on the order of its additions in the last bits, so two engines
 * that see the same weighted rows in different orders (a shuffled file, a Spark job with another
 * partitioning) would disagree on TP and FP, and so on AP and AUC. An exact sum rounded once has no
 * order: weighted curve counts are {@code round(Σ w)} over the rows with {@code score >= t}, whoever adds
 * them up and in whatever grouping ({@code docs/definitions.md#weights}). Merging two sums ({@link
 * #add(ExactSum)}) is exact too, which is what per-partition prefix offsets need.
 *
 * <p>Implementation notes.
 *
 * <ol>
 *   <li>Every finite double is an integer multiple of 2^-1074, the smallest subnormal, so the sum is an
 *       integer X in those units, held as 32-bit digits in {@code long} limbs: {@code X = Σ limbs[i] ·
 *       2^(32·i)}. A double's 53-bit significand shifted by its exponent spans at most three limbs
 *       (the "long accumulator" of Kulisch [1]; digit-per-long with lazy carries as in Neal's
 *       superaccumulator [2]).
 *   <li>Lazy carries: an addition adds less than 2^33 to each limb it touches, so limbs (below 2^63)
 *       absorb 2^28 additions before carries must be propagated; propagation covers only the limbs
 *       touched since the last one ({@code dirtyLow..dirtyHigh}) plus the carry's ripple. Weights
 *       of similar magnitude touch the same few limbs, so reading the sum costs a handful of steps.
 *   <li>Limbs: one double spans bits 0..2097 of X; 2^63 additions add 63 bits of carry; 70 limbs of 32
 *       bits (2,240 bits) hold both.
 *   <li>Rounding: with X of bit length L > 53, the result's significand is X's top 53 bits, rounded up
 *       when the next bit is 1 and either a lower bit is 1 or the significand is odd (ties to even). The
 *       lower bits are scanned only in the rare exact-half case. The double's bits are then {@code
 *       ((L − 53) << 52) + significand}: the significand's leading 1 lands in the exponent field and a
 *       rounding carry propagates into the exponent, up to +∞ for a sum above {@link Double#MAX_VALUE}
 *       (a sum the caller must refuse). For L ≤ 53, X's own bits are the double's (subnormal or the
 *       lowest binade).
 *   <li>No cancellation is possible (terms are {@code >= 0}), so the highest non-zero limb only moves
 *       up and is tracked instead of searched.
 * </ol>
 *
 * <p>[1] U. Kulisch, <i>Computer Arithmetic and Validity</i>, de Gruyter 2008, the exact dot product.
 * [2] R. M. Neal, "Fast exact summation using small and large superaccumulators", arXiv:1505.05571.
 *
 * <p>Not thread-safe; one per thread or partition, then {@link #add(ExactSum) add} them. Memory: 560
 * bytes. Serialised compactly (only the non-zero span of digits, typically a few ints), since Spark
 * ships one per partition and key.
 */
public final class ExactSum implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int LIMBS = 70;
  private static final long DIGIT = 0xFFFF_FFFFL;
  private static final long MANTISSA = (1L << 52) - 1;
  /** Additions before carries must be propagated (note 2): 2^28 · 2^33 + 2^32 < 2^63. */
  private static final int MAX_PENDING = 1 << 28;

  private transient long[] limbs = new long[LIMBS];
  private transient int dirtyLow = LIMBS;
  private transient int dirtyHigh = -1;
  private transient int pending;
  private transient int top = -1;

  /** An empty sum, 0. */
  public ExactSum() {}

  /** A copy of {@code other}, which stays unchanged. */
  public ExactSum(ExactSum other) {
    other.normalize();
    System.arraycopy(other.limbs, 0, limbs, 0, LIMBS);
    top = other.top;
  }

  /**
   * Adds a term exactly.
   *
   * @param value finite and {@code >= 0}
   * @throws IllegalArgumentException naming the value if it is negative, NaN or infinite
   */
  public ExactSum add(double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("a term must be finite and >= 0, was " + value);
    }
    accumulate(value);
    return this;
  }

  /** Adds a term known to be finite and {@code >= 0} (callers validated it). */
  void accumulate(double value) {
    long bits = Double.doubleToRawLongBits(value);
    int exponent = (int) (bits >>> 52);
    if (exponent == 0 && bits == 0) {
      return;
    }
    long significand = bits & MANTISSA;
    int shift = 0;
    if (exponent != 0) {
      significand |= 1L << 52;
      shift = exponent - 1;
    }
    int index = shift >>> 5;
    int offset = shift & 31;
    long low = (significand & DIGIT) << offset; // < 2^63
    long high = (significand >>> 32) << offset; // < 2^52
    limbs[index] += low & DIGIT;
    limbs[index + 1] += (low >>> 32) + (high & DIGIT);
    limbs[index + 2] += high >>> 32;
    dirtyLow = Math.min(dirtyLow, index);
    dirtyHigh = Math.max(dirtyHigh, index + 2);
    if (++pending == MAX_PENDING) {
      normalize();
    }
  }

  /** Adds another sum exactly; {@code other} is unchanged. */
  public ExactSum add(ExactSum other) {
    other.normalize();
    if (other.top < 0) {
      return this;
    }
    int low = 0;
    while (other.limbs[low] == 0) {
      low++;
    }
    for (int i = low; i <= other.top; i++) {
      limbs[i] += other.limbs[i];
    }
    dirtyLow = Math.min(dirtyLow, low);
    dirtyHigh = Math.max(dirtyHigh, other.top);
    if (++pending == MAX_PENDING) {
      normalize();
    }
    return this;
  }

  /** Whether the sum is exactly 0. */
  public boolean isZero() {
    normalize();
    return top < 0;
  }

  /**
   * The sum rounded to the nearest double, ties to even; {@link Double#POSITIVE_INFINITY} if it
   * exceeds {@link Double#MAX_VALUE} by half an ulp or more (note 4).
   */
  public double doubleValue() {
    normalize();
    if (top < 0) {
      return 0.0;
    }
    int length = 32 * top + 64 - Long.numberOfLeadingZeros(limbs[top]);
    if (length <= 53) {
      return Double.longBitsToDouble(limbs[0] | (top >= 1 ? limbs[1] << 32 : 0));
    }
    long window; // X's top 64 bits, left-aligned
    int below; // bit position of the window's lowest bit in X
    if (length <= 64) {
      long x = limbs[0] | (top >= 1 ? limbs[1] << 32 : 0);
      window = x << (64 - length);
      below = 0;
    } else {
      below = length - 64;
      int q = below >>> 5;
      int off = below & 31;
      long a = limbs[q];
      long b = limbs[q + 1];
      long c = q + 2 < LIMBS ? limbs[q + 2] : 0;
      window = off == 0 ? a | (b << 32) : (a >>> off) | (b << (32 - off)) | (c << (64 - off));
    }
    long significand = window >>> 11;
    long rest = window & 0x7FF;
    boolean roundUp = (rest & 0x400) != 0
        && ((rest & 0x3FF) != 0 || (significand & 1) != 0 || anyBitBelow(below));
    int scale = length - 53;
    if (scale >= 2046) {
      return Double.POSITIVE_INFINITY;
    }
    return Double.longBitsToDouble(((long) scale << 52) + significand + (roundUp ? 1 : 0));
  }

  /** Whether any bit of X below position {@code bit} is 1. */
  private boolean anyBitBelow(int bit) {
    int q = bit >>> 5;
    if (q < LIMBS && (limbs[q] & ((1L << (bit & 31)) - 1)) != 0) {
      return true;
    }
    for (int i = 0; i < q; i++) {
      if (limbs[i] != 0) {
        return true;
      }
    }
    return false;
  }

  /** Propagates pending carries so that every limb is a 32-bit digit (note 2). */
  private void normalize() {
    if (dirtyHigh < 0) {
      return;
    }
    long carry = 0;
    int i = dirtyLow;
    for (; i <= dirtyHigh || carry != 0; i++) {
      long v = limbs[i] + carry;
      limbs[i] = v & DIGIT;
      carry = v >>> 32;
    }
    for (int j = i - 1; j > top; j--) {
      if (limbs[j] != 0) {
        top = j;
        break;
      }
    }
    dirtyLow = LIMBS;
    dirtyHigh = -1;
    pending = 0;
  }

  /** Writes the lowest non-zero digit's index, the count of digits up to the highest, and those digits. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    normalize();
    int low = 0;
    while (low <= top && limbs[low] == 0) {
      low++;
    }
    int count = Math.max(0, top - low + 1);
    out.writeInt(low);
    out.writeInt(count);
    for (int i = 0; i < count; i++) {
      out.writeInt((int) limbs[low + i]);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException {
    int low = in.readInt();
    int count = in.readInt();
    if (low < 0 || count < 0 || low + count > LIMBS) {
      throw new InvalidObjectException("an exact sum has digits 0.." + (LIMBS - 1) + ", not "
          + low + " + " + count);
    }
    limbs = new long[LIMBS];
    for (int i = 0; i < count; i++) {
      limbs[low + i] = in.readInt() & DIGIT;
    }
    dirtyLow = LIMBS;
    dirtyHigh = -1;
    pending = 0;
    top = -1;
    for (int i = low + count - 1; i >= low; i--) {
      if (limbs[i] != 0) {
        top = i;
        break;
      }
    }
  }

  /** Equal when the exact sums are equal. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExactSum other)) {
      return false;
    }
    normalize();
    other.normalize();
    return Arrays.equals(limbs, other.limbs);
  }

  @Override
  public int hashCode() {
    normalize();
    return Arrays.hashCode(limbs);
  }

  @Override
  public String toString() {
    return "ExactSum[" + doubleValue() + "]";
  }
}

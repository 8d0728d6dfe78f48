package dev.setpoint.curve;

import java.util.Arrays;

/**
 * An append-only sequence of doubles stored in fixed-size chunks.
 *
 * <p>Why chunks and not a doubling array: growing one array copies it and briefly needs 2.5× its size
 * (old + new), which is what breaks 10^8 rows in a 4 GiB heap. Chunks never copy while appending; {@link
 * #drainToArray()} copies once into an exactly sized array and releases each chunk as soon as it is
 * copied, so the peak is the data plus one chunk.
 */
final class DoubleChunks {

  private static final int CHUNK_BITS = 16;
  private static final int CHUNK_SIZE = 1 << CHUNK_BITS;

  private double[][] chunks = new double[8][];
  private double[] current = new double[CHUNK_SIZE];
  private int chunkCount;
  private int used;
  private long size;

  void add(double value) {
    if (used == CHUNK_SIZE) {
      seal();
    }
    current[used++] = value;
    size++;
  }

  /** Appends {@code count} copies of {@code value}; used to backfill unit weights. */
  void addRepeated(double value, long count) {
    for (long i = 0; i < count; i++) {
      add(value);
    }
  }

  long size() {
    return size;
  }

  private void seal() {
    if (chunkCount == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunkCount * 2);
    }
    chunks[chunkCount++] = current;
    current = new double[CHUNK_SIZE];
    used = 0;
  }

  /**
   * Returns all values in insertion order in a new array of exactly {@link #size()} elements and leaves
   * this buffer empty.
   *
   * @throws IllegalStateException if there are more values than a Java array can hold
   */
  double[] drainToArray() {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "too many rows for one in-memory curve: " + size + "; use a sketch for larger data");
    }
    double[] out = new double[(int) size];
    int offset = 0;
    for (int c = 0; c < chunkCount; c++) {
      System.arraycopy(chunks[c], 0, out, offset, CHUNK_SIZE);
      chunks[c] = null; // release now: the peak stays at the data plus one chunk
      offset += CHUNK_SIZE;
    }
    System.arraycopy(current, 0, out, offset, used);
    chunks = new double[8][];
    current = new double[CHUNK_SIZE];
    chunkCount = 0;
    used = 0;
    size = 0;
    return out;
  }
}

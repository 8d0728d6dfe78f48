package dev.setpoint.bench;

import dev.setpoint.data.DataFormatException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (the MNIST / fashion-MNIST format; LeCun et al.,
 * {@code http://yann.lecun.com/exdb/mnist/}): a big-endian magic number {@code 0x00000803} (three
 * dimensions, images) or {@code 0x00000801} (one dimension, labels), one big-endian 32-bit size per
 * dimension, then the values row-major. A name ending in {@code .gz} is read through gzip.
 *
 * @param dimensions the sizes, outermost first (images: count, rows, columns)
 * @param values every value as an unsigned byte, row-major
 */
record IdxFile(int[] dimensions, byte[] values) {

  private static final int UNSIGNED_BYTE = 0x08;

  /** Copies nothing; checks the values fill the dimensions. */
  public IdxFile {
    long size = 1;
    for (int d : dimensions) {
      size *= d;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(values.length + " values do not fill dimensions "
          + Arrays.toString(dimensions));
    }
  }

  /** The number of items (the outermost dimension). */
  public int items() {
    return dimensions[0];
  }

  /** Values per item (the product of the inner dimensions; 1 for labels). */
  public int itemSize() {
    return items() == 0 ? 0 : values.length / items();
  }

  /** Value {@code k} of item {@code i}, 0..255. */
  public int value(int i, int k) {
    return Byte.toUnsignedInt(values[i * itemSize() + k]);
  }

  /**
   * Reads the file, which must have {@code expectedDimensions} dimensions.
   *
   * @throws DataFormatException naming the file and the bad value: a magic number that is not an
   *     unsigned-byte IDX of that many dimensions, a negative size, or a file shorter than its sizes
   */
  public static IdxFile read(Path file, int expectedDimensions) throws IOException, DataFormatException {
    String source = file.toString();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        DataInputStream in = new DataInputStream(
            source.endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
      int magic;
      try {
        magic = in.readInt();
      } catch (EOFException e) {
        throw new DataFormatException(source, "byte 0", "", "", "ends before its magic number");
      }
      int expected = UNSIGNED_BYTE << 8 | expectedDimensions;
      if (magic != expected) {
        throw new DataFormatException(source, "byte 0", "", String.format("0x%08x", magic),
            String.format("is not the magic number of an unsigned-byte IDX file of %d dimensions "
                + "(0x%08x)", expectedDimensions, expected));
      }
      int[] dimensions = new int[expectedDimensions];
      long size = 1;
      for (int k = 0; k < expectedDimensions; k++) {
        try {
          dimensions[k] = in.readInt();
        } catch (EOFException e) {
          throw new DataFormatException(source, "byte " + (4 + 4 * k), "", "",
              "ends before dimension " + k);
        }
        if (dimensions[k] < 0) {
          throw new DataFormatException(source, "byte " + (4 + 4 * k), "",
              Integer.toString(dimensions[k]), "is not a dimension size (negative)");
        }
        size *= dimensions[k];
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(source, "byte 4", "", Arrays.toString(dimensions),
            "are too large to hold in one array");
      }
      byte[] values = new byte[(int) size];
      int read = in.readNBytes(values, 0, values.length);
      if (read != values.length) {
        throw new DataFormatException(source, "byte " + (4 + 4 * expectedDimensions + read), "", "",
            "ends after " + read + " of the " + values.length + " values its dimensions "
                + Arrays.toString(dimensions) + " promise");
      }
      return new IdxFile(dimensions, values);
    }
  }
}

package dev.setpoint.read;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Counts the bytes read from the underlying file, for progress reporting; also opens a file,
 * decompressing gzip when its first two bytes are the gzip magic number (whatever its name).
 */
final class CountingInputStream extends FilterInputStream {

  private static final int BUFFER = 1 << 16;

  private long count;

  private CountingInputStream(InputStream in) {
    super(in);
  }

  /** Bytes read from the file so far (compressed bytes for gzip). */
  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count += skipped;
    return skipped;
  }

  /** An opened file: the decoded stream to read, and the counter on the raw bytes. */
  record Opened(InputStream stream, CountingInputStream raw) {}

  static Opened open(Path file) throws IOException {
    CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new Opened(new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER), raw);
    }
    return new Opened(buffered, raw);
  }
}

package dev.setpoint.read;

import dev.setpoint.data.BinaryContent;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A text score file opened for streaming: bytes are counted as they come off the disk, and gzip is
 * recognised by its magic bytes ({@code 1f 8b}), whatever the file is called, so {@code scores.csv} that
 * is really gzipped and {@code scores.csv.gz} both read. No text file starts with byte {@code 1f}.
 */
final class SourceInput implements Closeable {

  private static final int BUFFER = 1 << 16;

  private final CountingInputStream raw;
  private final InputStream content;

  private SourceInput(CountingInputStream raw, InputStream content) {
    this.raw = raw;
    this.content = content;
  }

  static SourceInput open(Path file) throws IOException {
    CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
    try {
      BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
      boolean gzip = isGzip(buffered);
      BufferedInputStream content = gzip
          ? new BufferedInputStream(new Gunzip(buffered), BUFFER) : buffered;
      requireText(content, gzip);
      return new SourceInput(raw, content);
    } catch (IOException | RuntimeException e) {
      try {
        raw.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Whether the stream starts with the gzip magic bytes; leaves the stream where it was. */
  static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b;
  }

  /**
   * Refuses content that is not text — an image, a spreadsheet, a Parquet or any binary file named
   * .csv or .jsonl — saying what it is ({@link BinaryContent}) and what is read, instead of letting
   * its bytes reach the header as column names. Leaves the stream where it was.
   */
  private static void requireText(BufferedInputStream in, boolean gzip) throws IOException {
    in.mark(BinaryContent.HEAD);
    byte[] head = in.readNBytes(BinaryContent.HEAD);
    in.reset();
    Optional<String> kind = BinaryContent.of(head, head.length);
    if (kind.isPresent()) {
      throw new CorruptInputException("is not a text file: it is " + kind.get()
          + (gzip ? ", gzip-compressed" : "") + "; score files are CSV, TSV or JSON Lines text (each may be "
          + "gzip-compressed), or Parquet", null);
    }
  }

  /** The decompressed content. */
  InputStream content() {
    return content;
  }

  /** Bytes read from the file so far (compressed bytes for gzip). */
  long bytesRead() {
    return raw.count();
  }

  @Override
  public void close() throws IOException {
    content.close();
  }

  /**
   * Decompresses, reporting a damaged stream as {@link CorruptInputException}. The JDK signals bad gzip
   * data with {@link ZipException} and a truncated stream with {@link EOFException}; a plain file never
   * throws either, so both mean the data is bad.
   */
  private static final class Gunzip extends FilterInputStream {

    Gunzip(InputStream compressed) throws IOException {
      super(open(compressed));
    }

    private static InputStream open(InputStream compressed) throws IOException {
      try {
        return new GZIPInputStream(compressed, BUFFER);
      } catch (ZipException | EOFException e) {
        throw corrupt(e);
      }
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (ZipException | EOFException e) {
        throw corrupt(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw corrupt(e);
      }
    }

    private static CorruptInputException corrupt(IOException e) {
      return new CorruptInputException(e instanceof EOFException
          ? "is a truncated gzip file: it ends before its compressed data does (copy or download "
              + "it again)"
          : "is a damaged gzip file: its compressed data is not valid (copy or download it again)",
          e);
    }
  }
}

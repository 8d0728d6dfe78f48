package dev.setpoint.data;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a file that should be text is instead, told from its first bytes, so that a message can say
 * "is not a text file: it is a PNG image" rather than echo the bytes as column names or quote a
 * parser's complaint about byte 0x89. Known formats are named by their magic bytes; anything else
 * with a NUL byte or more than one control character in twenty is "binary data". Text in another
 * 8-bit encoding than UTF-8 is still text (its characters may be wrong, not its structure).
 */
public final class BinaryContent {

  /** How many leading bytes {@link #of} needs to judge. */
  public static final int HEAD = 4096;

  private static final Object[][] MAGIC = {
    {new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "a PNG image"},
    {new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "a JPEG image"},
    {new byte[] {'G', 'I', 'F', '8'}, "a GIF image"},
    {new byte[] {'%', 'P', 'D', 'F'}, "a PDF document"},
    {new byte[] {'P', 'K', 3, 4}, "a ZIP archive (an Excel .xlsx workbook is one: save the sheet "
        + "as CSV)"},
    {new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, "an Excel .xls workbook or another "
        + "Office file (save the sheet as CSV)"},
    {new byte[] {0x1F, (byte) 0x8B}, "gzip-compressed"},
    {new byte[] {'B', 'Z', 'h'}, "bzip2-compressed (decompress it, or recompress it with gzip)"},
    {new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}, "xz-compressed (decompress it, or recompress "
        + "it with gzip)"},
    {new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}, "zstd-compressed (decompress it, or "
        + "recompress it with gzip)"},
    {new byte[] {'P', 'A', 'R', '1'}, "a Parquet file (name it .parquet, or give --input-format "
        + "parquet)"},
    {new byte[] {'S', 'P', 'S', 'K'}, "a saved score sketch (read it with --merge)"},
    {new byte[] {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't'}, "an SQLite "
        + "database"},
    {new byte[] {(byte) 0xFF, (byte) 0xFE}, "UTF-16 text (save it as UTF-8)"},
    {new byte[] {(byte) 0xFE, (byte) 0xFF}, "UTF-16 text (save it as UTF-8)"},
  };

  private BinaryContent() {}

  /**
   * What the first {@code length} bytes of {@code head} are, when not text: {@code "a PNG image"},
   * {@code "gzip-compressed"}, {@code "binary data"}; empty for text.
   */
  public static Optional<String> of(byte[] head, int length) {
    for (Object[] magic : MAGIC) {
      byte[] m = (byte[]) magic[0];
      if (length >= m.length && Arrays.equals(head, 0, m.length, m, 0, m.length)) {
        return Optional.of((String) magic[1]);
      }
    }
    int control = 0;
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xFF;
      if (b == 0) {
        return Optional.of("binary data");
      }
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
        control++;
      }
    }
    return control > 1 && control * 20 > length ? Optional.of("binary data") : Optional.empty();
  }
}

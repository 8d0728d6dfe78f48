package dev.setpoint.read;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A file whose bytes are not what its format reads: a truncated or damaged gzip stream, or binary
 * content where text is read. It travels as an {@link
 * IOException} through the CSV and JSON libraries, which only pass those on, and {@link ScoreFiles}
 * turns it into a {@link dev.setpoint.data.DataFormatException}: the data is bad, the disk is fine.
 */
final class CorruptInputException extends IOException {

  private static final long serialVersionUID = 1L;

  CorruptInputException(String message, @Nullable IOException cause) {
    super(message, cause);
  }
}

package dev.setpoint.read;

import java.util.function.LongSupplier;

/**
 * Calls {@link ReadProgress#update} every {@value #ROWS_PER_UPDATE} rows and once at the end, so progress
 * costs one increment and one mask test per row.
 */
final class ProgressTicker {

  /** A power of two, so the test is a mask; about a second of work on a slow disk, a few ms in memory. */
  static final int ROWS_PER_UPDATE = 1 << 16;

  private final ReadProgress progress;
  private final long totalBytes;
  private final LongSupplier bytesRead;
  private long rows;

  /**
   * @param bytesRead bytes consumed so far, on the raw (possibly compressed) file
   */
  ProgressTicker(ReadProgress progress, long totalBytes, LongSupplier bytesRead) {
    this.progress = progress;
    this.totalBytes = totalBytes;
    this.bytesRead = bytesRead;
  }

  void row() {
    if ((++rows & (ROWS_PER_UPDATE - 1)) == 0) {
      progress.update(Math.min(bytesRead.getAsLong(), totalBytes), totalBytes);
    }
  }

  /** The final call: the whole file has been read. */
  void finish() {
    progress.update(totalBytes, totalBytes);
  }
}

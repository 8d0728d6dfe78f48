package dev.setpoint.read;

/**
 * Told how far a read has come, for progress bars. Called from the reading thread, at most every few
 * thousand rows, never per row.
 */
@FunctionalInterface
public interface ReadProgress {

  /** Reports nothing. */
  ReadProgress NONE = (bytesRead, totalBytes) -> { };

  /**
   * Reports progress.
   *
   * @param bytesRead bytes of the file consumed so far (compressed bytes for gzip)
   * @param totalBytes the file size in bytes
   */
  void update(long bytesRead, long totalBytes);
}

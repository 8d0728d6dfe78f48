package dev.setpoint.read;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats Setpoint reads, detected from the file name. */
public enum ScoreFormat {
  /** Comma-separated values with a header row; {@code .csv}, {@code .csv.gz}. */
  CSV("CSV"),
  /** Tab-separated values with a header row; {@code .tsv}, {@code .tsv.gz}. */
  TSV("TSV"),
  /** One JSON object per line; {@code .jsonl}, {@code .ndjson}, and their {@code .gz} forms. */
  JSON_LINES("JSON Lines"),
  /** Apache Parquet; {@code .parquet}. */
  PARQUET("Parquet");

  private final String displayName;

  ScoreFormat(String displayName) {
    this.displayName = displayName;
  }

  /**
   * The format's name as its specification writes it, for reports people read: {@code CSV},
   * {@code TSV}, {@code JSON Lines}, {@code Parquet}. (Machine-readable output keeps {@code name()}.)
   */
  public String displayName() {
    return displayName;
  }

  /**
   * Detects the format from the file name's extension, ignoring a trailing {@code .gz}.
   *
   * @return the format, or empty when the extension is not one of the above
   */
  public static Optional<ScoreFormat> detect(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      return Optional.empty(); // a root such as "/" has no name to go by
    }
    String name = fileName.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      return Optional.of(TSV);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Optional.of(JSON_LINES);
    }
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      return Optional.of(PARQUET);
    }
    return Optional.empty();
  }

  /** Whether the file name says it is gzip-compressed. */
  public static boolean isGzip(Path file) {
    Path fileName = file.getFileName();
    return fileName != null && fileName.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }
}

package dev.setpoint.read;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.ScoreSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads score files: the entry point of {@code dev.setpoint.read}.
 *
 * <pre>{@code
 * CurveBuilder builder = Curve.builder();
 * ReadSummary summary = ScoreFiles.read(Path.of("scores.csv"), ReadOptions.defaults(),
 *     (score, positive, weight, segment) -> builder.add(score, positive, weight));
 * Curve curve = builder.build();
 * }</pre>
 *
 * <p>What is an error (each names the file, the line — or the row for Parquet —, the column and the
 * value): a score that is empty, not a number, NaN or infinite; a label that is empty or not one of the
 * declared values; a weight that is empty, not a number, not finite or negative; a requested column the
 * file lacks (the message lists the columns it has); an empty file, or one with a header but no rows. With
 * {@link ReadOptions#dropInvalid()}, bad values drop their row and are counted in the {@link
 * ReadSummary} instead. Structural faults stay errors even then, because no row around them can be
 * trusted: a CSV row with the wrong number of fields, a line that is not a JSON object, a Parquet page
 * that cannot be decoded, a missing column.
 */
public final class ScoreFiles {

  private ScoreFiles() {}

  /** Reads a file without progress reporting. */
  public static ReadSummary read(Path file, ReadOptions options, ScoreSink sink)
      throws IOException, DataFormatException {
    return read(file, options, sink, ReadProgress.NONE);
  }

  /**
   * Reads a file, passing each valid row to the sink in file order.
   *
   * @param file the file; its format comes from {@link ReadOptions#format()} or its name
   * @param options columns, labels and the invalid-row policy
   * @param sink receives each valid row
   * @param progress told how many bytes have been read, every few thousand rows
   * @return counts of rows read, used and dropped
   * @throws DataFormatException when the data cannot be used; the message says where and why
   * @throws IOException when the file cannot be read (missing, unreadable, I/O failure)
   */
  public static ReadSummary read(Path file, ReadOptions options, ScoreSink sink,
      ReadProgress progress) throws IOException, DataFormatException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(progress, "progress");
    String source = file.toString();
    ScoreFormat format = options.format().or(() -> ScoreFormat.detect(file)).orElseThrow(() ->
        DataFormatException.ofSource(source, "cannot tell the format from the file name; name it"
            + " .csv, .tsv, .jsonl, .ndjson (optionally .gz) or .parquet, or give the format"
            + " explicitly (--input-format)"));
    if (Files.isDirectory(file)) {
      throw DataFormatException.ofSource(source, "is a directory, not a file");
    }
    RowValidator rows = new RowValidator(source, format == ScoreFormat.PARQUET ? "row" : "line",
        options, sink);
    switch (format) {
      case CSV -> CsvScoreReader.read(file, options.delimiter().orElse(','), rows, options, progress);
      case TSV -> CsvScoreReader.read(file, options.delimiter().orElse('\t'), rows, options, progress);
      case JSON_LINES -> JsonLinesScoreReader.read(file, rows, options, progress);
      case PARQUET -> ParquetScoreReader.read(file, rows, options, progress);
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    return rows.summary(format);
  }
}

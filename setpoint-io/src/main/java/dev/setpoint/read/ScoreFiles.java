package dev.setpoint.read;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.InputFiles;
import dev.setpoint.data.ScoreSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a score file (CSV, TSV, JSON Lines or Parquet) into a {@link ScoreSink}, one validated row at a
 * time.
 *
 * <h2>What is read</h2>
 * The columns named by {@link ReadOptions}: score, label, optional weight, optional segment columns;
 * other columns are ignored. The format comes from {@link ReadOptions#format()}, else from the file name
 * ({@link ScoreFormat#detect}). CSV, TSV and JSON Lines may be gzip-compressed; gzip is recognised by its
 * magic bytes, so the {@code .gz} suffix is optional. Every file must hold at least one data row.
 * <ul>
 *   <li><b>CSV/TSV</b>: a header row, then RFC 4180 records (quoted fields, {@code ""} escapes, line breaks
 *       inside quotes, CR/LF/CRLF). UTF-8; a byte order mark is removed. Blank lines are skipped. Every
 *       record must have as many fields as the header. The delimiter is {@link ReadOptions#delimiter()},
 *       else {@code ,} for CSV and tab for TSV.
 *   <li><b>JSON Lines</b>: one JSON object per line; blank lines are skipped. The first object must have
 *       every requested key. Scores and weights are JSON numbers or strings holding a decimal number;
 *       labels are booleans, numbers or strings; segment values are any scalar, as text. {@code null} or
 *       a missing key is a bad value (the empty segment for segment columns).
 *   <li><b>Parquet</b>: top-level primitive columns; scores and weights of a numeric type (double, float,
 *       int32, int64, decimal) or numeric strings; labels boolean, numeric or string; segments any type.
 * </ul>
 *
 * <h2>Values</h2>
 * Numbers written as text are decimal numbers with optional sign, fraction and exponent, surrounded by
 * optional whitespace ({@code 1d}, {@code 0x1p3} are not numbers). A score must be finite; a weight
 * finite and {@code >= 0}, and 1 for every row when no weight column is given. Labels match as {@link
 * ReadOptions} describes. Segment values are trimmed; equal segments reach the sink as one {@link
 * dev.setpoint.data.SegmentKey} instance.
 *
 * <h2>Errors</h2>
 * Every problem is a {@link DataFormatException} naming the file as given, the location ({@code line 14}
 * counted as an editor counts physical lines, header included; {@code row 1234} for Parquet, from 1),
 * the column and the value:
 * <pre>
 * scores.csv, line 14, column 'score': 'abc' is not a number
 * scores.csv, line 15, column 'score': 'NaN' is not finite
 * scores.csv, line 16, column 'label': 'maybe' is not a declared value (positive: 1, true; negative: 0, false)
 * scores.csv, line 17, column 'weight': '-2' is negative (weights must be &gt;= 0)
 * scores.csv: no column 'scroe' (columns: score, label, amount); did you mean 'score'?
 * scores.csv, line 9: has 3 fields, expected 2 as in the header
 * scores.jsonl, line 4: is not valid JSON: Unexpected character ('x' (code 120)) ...
 * scores.parquet, row 3, column 'score': 'NaN' is not finite
 * </pre>
 * With {@link ReadOptions#dropInvalid()} a row with a bad score, label or weight (empty, null, missing,
 * not a number, not finite, negative, undeclared label) is dropped and counted in {@link
 * ReadSummary#dropped()} instead. <b>Structural</b> problems still fail the read: an unknown format, a
 * missing column, an empty file or one without data rows, a record with the wrong number of fields,
 * invalid CSV quoting, malformed JSON or a line that is not one JSON object, a damaged gzip or Parquet
 * file. {@link IOException} means the file could not be read (missing, unreadable), not that its content
 * is bad.
 *
 * <h2>Cost</h2>
 * One streaming pass; memory is independent of the file's length (plus one key per distinct segment).
 * Valid rows allocate nothing beyond what the parsers hand over (a string per CSV field, a boxed value
 * per Parquet cell). Progress is reported every 65,536 rows and once at the end.
 */
public final class ScoreFiles {

  private ScoreFiles() {
  }

  /**
   * Reads {@code file} into {@code sink} without progress reports.
   *
   * @see #read(Path, ReadOptions, ScoreSink, ReadProgress)
   */
  public static ReadSummary read(Path file, ReadOptions options, ScoreSink sink)
      throws IOException, DataFormatException {
    return read(file, options, sink, ReadProgress.NONE);
  }

  /**
   * Reads {@code file} into {@code sink}, calling {@code sink} once per valid row in file order.
   *
   * @param file the score file; its name as given appears in every message
   * @param options which columns and labels, what to do with invalid rows
   * @param sink receives the valid rows
   * @param progress told how far the read has come, every 65,536 rows and at the end
   * @return counts of rows seen, accepted, positive, negative and dropped
   * @throws DataFormatException if the content is not usable, naming where and why (see above)
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if {@code options} request one column for two purposes
   */
  public static ReadSummary read(Path file, ReadOptions options, ScoreSink sink, ReadProgress progress)
      throws IOException, DataFormatException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sink, "sink");
    return read(file, options, new RowValidator(file.toString(), options, sink), progress);
  }

  /**
   * Reads {@code file} row by row into {@code sink}, with the raw values of the extra columns; the
   * same formats, checks and messages as {@link #read(Path, ReadOptions, ScoreSink, ReadProgress)}.
   * With {@link ReadOptions#labelsOptional()}, a file without the label column is read unlabelled. An
   * extra column the file lacks that {@link ReadOptions#mayBeAbsent()} names is not an error: its value
   * is {@code null} in every row, and the summary names it ({@link ReadSummary#absentColumns()}); a
   * policy applied to the file treats the attribute as missing from every row, as the decision service
   * does for a request without it. Any other extra column the file lacks is an error naming it.
   */
  public static ReadSummary readRows(Path file, ReadOptions options, RowSink sink,
      ReadProgress progress) throws IOException, DataFormatException {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(options, "options");
    return read(file, options, new RowValidator(file.toString(), options, sink), progress);
  }

  private static ReadSummary read(Path file, ReadOptions options, RowValidator rows,
      ReadProgress progress) throws IOException, DataFormatException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(progress, "progress");
    String source = file.toString();
    InputFiles.requireFile(file, "a score file");
    ScoreFormat format = options.format().isPresent()
        ? options.format().get()
        : ScoreFormat.detect(file).orElseThrow(() -> DataFormatException.ofSource(source,
            "cannot tell the format from the file name; use .csv, .tsv, .jsonl, .ndjson or .parquet"
                + " (text formats may add .gz), or give the format explicitly"));
    long size = Files.size(file);
    if (size == 0) {
      throw DataFormatException.ofSource(source, "is empty");
    }
    try {
      switch (format) {
        case CSV:
          CsvScoreReader.read(file, size, options.delimiter().orElse(','), rows, progress);
          break;
        case TSV:
          CsvScoreReader.read(file, size, options.delimiter().orElse('\t'), rows, progress);
          break;
        case JSON_LINES:
          JsonLinesScoreReader.read(file, size, rows, progress);
          break;
        case PARQUET:
          ParquetScoreReader.read(file, size, rows, progress);
          break;
        default:
          throw new IllegalStateException("unhandled format " + format);
      }
    } catch (CorruptInputException e) {
      DataFormatException error = DataFormatException.ofSource(source, String.valueOf(e.getMessage()));
      error.initCause(e);
      throw error;
    }
    return rows.summary(format);
  }
}

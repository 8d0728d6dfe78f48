package dev.setpoint.read;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.setpoint.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CSV and TSV score files with FastCSV [1]: a header row, then one record per row, streamed.
 *
 * <p>Implementation notes.
 * <ol>
 *   <li>FastCSV parses RFC 4180 [2]: quoted fields may hold the delimiter, quotes ({@code ""}) and line
 *       breaks; CR, LF and CRLF all end a record. Its {@code getStartingLineNumber()} is the physical line
 *       where a record starts (the header is line 1 when the file starts with it), which is what an
 *       editor shows, so messages use it.
 *   <li>A UTF-8 (or UTF-16/32) byte order mark is detected and removed by FastCSV; a leftover
 *       {@code U+FEFF} on the first header name is stripped as well. Invalid UTF-8 is decoded as
 *       {@code U+FFFD} and then fails as a bad value, not as an exception of its own.
 *   <li>Empty lines are skipped by FastCSV; a whitespace-only line (one blank field) is skipped here.
 *       Neither counts as a row.
 *   <li>Field counts are checked here, not by FastCSV, so the message can say what the header expects.
 *       An unclosed quote is an error ({@code allowUnclosedQuote(false)}): otherwise it would silently
 *       swallow the rest of the file into one field.
 * </ol>
 *
 * <p>[1] https://github.com/osiegmar/FastCSV (4.x). [2] RFC 4180, Common Format and MIME Type for CSV.
 */
final class CsvScoreReader {


  /** FastCSV reports where a broken record starts inside its message. */
  private static final Pattern FASTCSV_LINE = Pattern.compile("\\s*\\(record starting at line (\\d+)\\)");

  /** FastCSV's limits: its buffer (16 Mi characters) and a field's size, with the field's index. */
  private static final Pattern FASTCSV_BUFFER = Pattern.compile("maximum buffer size of (\\d+)");
  private static final Pattern FASTCSV_FIELD = Pattern.compile(
      "Field at index (\\d+) in record starting at line (\\d+) exceeds the max field size of (\\d+)");

  private CsvScoreReader() {
  }

  static void read(Path file, long size, char delimiter, RowValidator rows, ReadProgress progress)
      throws IOException, DataFormatException {
    String source = file.toString();
    try (SourceInput in = SourceInput.open(file);
        CsvReader<CsvRecord> csv = CsvReader.builder()
            .fieldSeparator(delimiter)
            .detectBomHeader(true)
            .allowUnclosedQuote(false)
            .skipEmptyLines(true)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .ofCsvRecord(in.content(), StandardCharsets.UTF_8)) {
      ProgressTicker ticker = new ProgressTicker(progress, size, in::bytesRead);
      readRecords(source, csv.iterator(), rows, ticker);
      ticker.finish();
    } catch (UncheckedIOException e) {
      // FastCSV wraps the stream's IOException (including a damaged gzip stream); pass it on as is.
      throw e.getCause();
    } catch (CsvParseException e) {
      throw syntaxError(source, e);
    }
  }

  private static void readRecords(String source, CloseableIterator<CsvRecord> records,
      RowValidator rows, ProgressTicker ticker) throws DataFormatException {
    CsvRecord headerRecord = null;
    while (records.hasNext()) {
      CsvRecord r = records.next();
      if (!isBlank(r)) {
        headerRecord = r;
        break;
      }
    }
    if (headerRecord == null) {
      throw DataFormatException.ofSource(source, "is empty");
    }
    List<String> names = new ArrayList<>(headerRecord.getFields());
    names.set(0, stripBom(names.get(0)));
    Header header = new Header(source, names);
    String headerLine = line(headerRecord.getStartingLineNumber());
    rows.columnsPresent(header);
    int[] index = new int[rows.slots()];
    for (int slot = 0; slot < index.length; slot++) {
      String column = rows.column(slot);
      index[slot] = column == null ? -1 : header.require(column, headerLine);
    }
    int width = names.size();
    while (records.hasNext()) {
      CsvRecord r = records.next();
      if (r.getFieldCount() != width) {
        if (isBlank(r)) {
          continue;
        }
        throw new DataFormatException(source, line(r.getStartingLineNumber()), "", "",
            "has " + r.getFieldCount() + (r.getFieldCount() == 1 ? " field" : " fields")
                + ", expected " + width + " as in the header");
      }
      rows.startRow();
      rows.scoreText(r.getField(index[RowValidator.SCORE]));
      if (index[RowValidator.LABEL] >= 0) {
        rows.labelText(r.getField(index[RowValidator.LABEL]));
      }
      if (index[RowValidator.WEIGHT] >= 0) {
        rows.weightText(r.getField(index[RowValidator.WEIGHT]));
      }
      for (int slot = RowValidator.FIRST_SEGMENT; slot < index.length; slot++) {
        if (index[slot] >= 0) {
          rows.segment(slot, r.getField(index[slot]));
        }
      }
      rows.finishRow(CsvScoreReader::line, r.getStartingLineNumber());
      ticker.row();
    }
    if (rows.rows() == 0) {
      throw DataFormatException.ofSource(source, "contains no data rows (only a header)");
    }
  }

  private static boolean isBlank(CsvRecord r) {
    return r.getFieldCount() == 1 && r.getField(0).isBlank();
  }

  private static String stripBom(String name) {
    return name.startsWith("\uFEFF") ? name.substring(1) : name;
  }

  /**
   * Turns FastCSV's message into ours, moving its line number into the location. Its limits — a
   * field of at most 16 Mi characters, all that its buffer holds — are said in our words: the line,
   * the limit, and the usual cause, a quote that opens a field and is never closed.
   */
  static DataFormatException syntaxError(String source, CsvParseException e) {
    String message = String.valueOf(e.getMessage());
    Matcher m = FASTCSV_LINE.matcher(message);
    String location = "";
    if (m.find()) {
      location = line(Long.parseLong(m.group(1)));
      message = m.replaceFirst("");
    }
    Matcher field = FASTCSV_FIELD.matcher(message);
    Matcher buffer = FASTCSV_BUFFER.matcher(message);
    String tooLong = null;
    long limit = 0;
    if (field.find()) {
      location = line(Long.parseLong(field.group(2)));
      tooLong = "field " + (Integer.parseInt(field.group(1)) + 1);
      limit = Long.parseLong(field.group(3));
    } else if (buffer.find()) {
      tooLong = "a field";
      limit = Long.parseLong(buffer.group(1));
    }
    if (tooLong != null) {
      DataFormatException error = new DataFormatException(source, location, "", "", tooLong
          + " is longer than " + String.format(java.util.Locale.ROOT, "%,d", limit)
          + " characters, the most one field may hold (often a quote (\") that opens a field and "
          + "is never closed: close it)");
      error.initCause(e);
      return error;
    }
    DataFormatException error =
        new DataFormatException(source, location, "", "", "is not valid CSV: " + message);
    error.initCause(e);
    return error;
  }

  private static String line(long line) {
    return "line " + line;
  }
}

package dev.setpoint.read;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.setpoint.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV and TSV with FastCSV: RFC 4180 quoting, CRLF or LF, a UTF-8 byte-order mark, gzip, blank
 * lines skipped. The first record is the header. Line numbers are physical lines, header = line 1, so
 * a quoted field spanning lines does not throw the count off.
 */
final class CsvScoreReader {

  private static final int PROGRESS_EVERY = 1 << 16;

  private CsvScoreReader() {}

  static void read(Path file, char separator, RowValidator rows, ReadOptions options,
      ReadProgress progress) throws IOException, DataFormatException {
    long size = Files.size(file);
    CountingInputStream.Opened in = CountingInputStream.open(file);
    try (CsvReader<CsvRecord> csv = CsvReader.builder()
        .fieldSeparator(separator)
        .skipEmptyLines(true)
        .detectBomHeader(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .ofCsvRecord(in.stream(), StandardCharsets.UTF_8)) {
      CloseableIterator<CsvRecord> records = csv.iterator();
      if (!hasNext(records, rows, 1)) {
        throw dev.setpoint.data.DataFormatException.ofSource(rows.source(), "is empty");
      }
      CsvRecord headerRecord = records.next();
      List<String> header = new ArrayList<>(headerRecord.getFieldCount());
      for (String name : headerRecord.getFields()) {
        header.add(name.strip());
      }
      Columns columns = Columns.resolve(rows.source(), header, options);
      String[] segments = new String[columns.segments().length];
      long line = headerRecord.getStartingLineNumber();
      while (hasNext(records, rows, line + 1)) {
        CsvRecord record = records.next();
        line = record.getStartingLineNumber();
        if (record.getFieldCount() != columns.count()) {
          throw rows.malformed(line, "has " + record.getFieldCount() + " fields but the header has "
              + columns.count() + (separator == ',' ? "" : " (field separator '"
              + (separator == '\t' ? "\\t" : String.valueOf(separator)) + "')"));
        }
        for (int i = 0; i < segments.length; i++) {
          segments[i] = record.getField(columns.segments()[i]);
        }
        rows.row(line, record.getField(columns.score()), record.getField(columns.label()),
            columns.weight() < 0 ? null : record.getField(columns.weight()), segments);
        if (rows.rows() % PROGRESS_EVERY == 0) {
          progress.update(in.raw().count(), size);
        }
      }
      progress.update(in.raw().count(), size);
    }
  }

  /** Advances, turning FastCSV's unchecked parse and I/O failures into checked, located errors. */
  private static boolean hasNext(CloseableIterator<CsvRecord> records, RowValidator rows, long line)
      throws IOException, DataFormatException {
    try {
      return records.hasNext();
    } catch (CsvParseException e) {
      throw rows.malformed(line, "is not valid CSV: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

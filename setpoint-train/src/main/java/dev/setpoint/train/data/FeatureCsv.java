package dev.setpoint.train.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.InputFiles;
import dev.setpoint.data.Sha256;
import dev.setpoint.spelling.Suggestions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a dense feature table from CSV: a header row, then one row per example with numeric feature
 * columns and a label column holding {@code 0} or {@code 1}.
 *
 * <p>Every feature value must be a plain decimal number ({@code 12}, {@code -0.5}, {@code 1e-3}); an
 * empty field, {@code NaN}, {@code Infinity}, hex or Java suffixes ({@code 1d}) are errors. Nothing is
 * dropped: the first bad value stops the read with a {@link DataFormatException} naming the file, the
 * line (as an editor shows it; the header is line 1), the column and the value, e.g. {@code data.csv,
 * line 7, column 'age': 'abc' is not a number}. Columns that are neither features nor the label are
 * ignored.
 *
 * <p>Implementation notes: FastCSV [1] parses RFC 4180; its {@code getStartingLineNumber()} is the
 * physical line where a record starts, which is what messages report. The file's SHA-256 is computed from
 * the same bytes the parser reads, so the digest describes exactly the data that was used.
 *
 * <p>[1] https://github.com/osiegmar/FastCSV (4.x).
 */
public final class FeatureCsv {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private FeatureCsv() {}

  /**
   * Reads the table.
   *
   * @param file the CSV file (comma-separated, UTF-8)
   * @param labelColumn the name of the 0/1 label column
   * @param features the feature columns, in the order the model will use; empty means every column
   *     except the label, in file order
   * @throws DataFormatException naming file, line, column and value for a missing column, a bad value, a
   *     short row, an empty file, or a file with a single class
   * @throws IOException if the file cannot be read
   */
  public static FeatureTable read(Path file, String labelColumn, List<String> features)
      throws IOException, DataFormatException {
    return parse(file, java.util.Objects.requireNonNull(labelColumn, "labelColumn"), features);
  }

  /** {@code labelColumn == null}: no label is read. */
  private static FeatureTable parse(Path file, @Nullable String labelColumn, List<String> features)
      throws IOException, DataFormatException {
    String source = file.toString();
    InputFiles.requireFile(file, "a CSV file");
    MessageDigest sha256 = Sha256.digest();
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(raw), sha256);
        Reader reader = new InputStreamReader(digesting, StandardCharsets.UTF_8);
        CsvReader<CsvRecord> csv = CsvReader.builder()
            .detectBomHeader(false)
            .allowUnclosedQuote(false)
            .skipEmptyLines(true)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .ofCsvRecord(reader)) {
      FeatureMatrix matrix = readRecords(source, csv.iterator(), labelColumn, features);
      digesting.transferTo(java.io.OutputStream.nullOutputStream()); // bytes FastCSV did not need still count
      return new FeatureTable(source, Sha256.hex(sha256), matrix);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      DataFormatException error =
          new DataFormatException(source, "", "", "", "is not valid CSV: " + e.getMessage());
      error.initCause(e);
      throw error;
    }
  }

  /**
   * Reads only the feature columns, for scoring: a label column, if any, is ignored like any other
   * column. The same value rules and errors as {@link #read} apply.
   *
   * @param features the feature columns, in the order the model uses; at least one
   * @return an {@linkplain FeatureMatrix#isLabelled() unlabelled} matrix
   */
  public static FeatureMatrix readUnlabelled(Path file, List<String> features)
      throws IOException, DataFormatException {
    if (features.isEmpty()) {
      throw new IllegalArgumentException("name the feature columns to read");
    }
    return parse(file, null, features).matrix();
  }

  private static FeatureMatrix readRecords(String source, Iterator<CsvRecord> records,
      @Nullable String labelColumn, List<String> features) throws DataFormatException {
    if (!records.hasNext()) {
      throw DataFormatException.ofSource(source, "is empty");
    }
    CsvRecord header = records.next();
    List<String> names = new ArrayList<>(header.getFields());
    names.set(0, names.get(0).replace("\uFEFF", ""));
    String headerLine = "line " + header.getStartingLineNumber();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new DataFormatException(source, headerLine, n, "", "appears more than once in the "
            + "header " + names + "; columns are read by name, so each must be unique");
      }
    }
    int label = labelColumn == null ? -1 : column(source, headerLine, names, labelColumn, "label");
    List<String> chosen = new ArrayList<>(features);
    if (chosen.isEmpty()) {
      chosen.addAll(names);
      chosen.remove(labelColumn);
    }
    if (chosen.isEmpty()) {
      throw DataFormatException.ofSource(source, "has no feature columns besides the label '"
          + labelColumn + "'");
    }
    if (labelColumn != null && chosen.contains(labelColumn)) {
      throw new IllegalArgumentException("the label column '" + labelColumn
          + "' cannot also be a feature");
    }
    int width = chosen.size();
    int[] index = new int[width];
    for (int j = 0; j < width; j++) {
      index[j] = column(source, headerLine, names, chosen.get(j), "feature");
    }
    double[] values = new double[1024 * width];
    boolean[] labels = new boolean[1024];
    int rows = 0;
    int positives = 0;
    while (records.hasNext()) {
      CsvRecord r = records.next();
      if (r.getFieldCount() == 1 && r.getField(0).isBlank()) {
        continue;
      }
      String line = "line " + r.getStartingLineNumber();
      if (r.getFieldCount() != names.size()) {
        throw new DataFormatException(source, line, "", "", "has " + r.getFieldCount()
            + " fields, expected " + names.size() + " as in the header");
      }
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, rows * 2);
        values = Arrays.copyOf(values, rows * 2 * width);
      }
      for (int j = 0; j < width; j++) {
        values[rows * width + j] = number(source, line, chosen.get(j), r.getField(index[j]));
      }
      if (label < 0) {
        rows++;
        continue;
      }
      String y = r.getField(label).strip();
      if (y.equals("1")) {
        labels[rows] = true;
        positives++;
      } else if (!y.equals("0")) {
        throw new DataFormatException(source, line, String.valueOf(labelColumn), r.getField(label),
            "is not a label: expected 0 or 1");
      }
      rows++;
    }
    if (rows == 0) {
      throw DataFormatException.ofSource(source, "contains no data rows (only a header)");
    }
    if (label < 0) {
      return FeatureMatrix.unlabelled(chosen, Arrays.copyOf(values, rows * width));
    }
    if (positives == 0 || positives == rows) {
      throw DataFormatException.ofSource(source, "has only " + (positives == 0 ? "negative" : "positive")
          + " labels in column '" + labelColumn + "'; training needs both classes");
    }
    return new FeatureMatrix(chosen, Arrays.copyOf(values, rows * width), Arrays.copyOf(labels, rows));
  }

  private static int column(String source, String headerLine, List<String> names, String name,
      String role) throws DataFormatException {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new DataFormatException(source, headerLine, name, "", "is missing: no " + role
          + " column of that name in the header " + names + Suggestions.closest(name, names)
              .map(s -> "; did you mean '" + s + "'?").orElse(""));
    }
    return i;
  }

  private static double number(String source, String line, String column, String text)
      throws DataFormatException {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new DataFormatException(source, line, column, "", "is empty: a feature value is required");
    }
    if (!DECIMAL.matcher(t).matches()) {
      throw new DataFormatException(source, line, column, text, "is not a number");
    }
    double v = Double.parseDouble(t);
    if (!Double.isFinite(v)) {
      throw new DataFormatException(source, line, column, text, "is out of the range of a double");
    }
    return v;
  }
}

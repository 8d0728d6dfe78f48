package dev.setpoint.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to read from a score file: which columns, which label values are positive, and what to do with
 * invalid rows. Immutable; start from {@link #defaults()} and change what differs with the {@code with}
 * methods.
 *
 * <p><b>Labels.</b> A label matches a declared value when the two are equal as text after trimming, or
 * both are numbers with the same value ({@code 1}, {@code 1.0} and {@code 1e0} are the same label), or
 * both are booleans ignoring case ({@code TRUE}, {@code true}). By default {@code 1}/{@code true} are
 * positive and {@code 0}/{@code false} negative, and any other value is an error. When positive labels
 * are declared but {@link #negativeLabels()} is empty, every other non-empty value is negative (so
 * {@code --positive-label fraud} reads a column of {@code fraud}/{@code legit}). Label values must not
 * be blank, and no positive value may match a negative one by these rules ({@code 1} and {@code 1.0}
 * cannot be on opposite sides).
 *
 * <p><b>Columns</b> are matched by name after trimming, case-sensitively. Each column may be requested
 * for one purpose only; {@link ScoreFiles#read} checks that (not this constructor, so that the
 * {@code with} methods can swap two columns one step at a time).
 *
 * @param scoreColumn the column holding the model score
 * @param labelColumn the column holding the true class
 * @param weightColumn the column holding the row weight, if any; absent means every weight is 1
 * @param positiveLabels the label values of the positive class, never empty
 * @param negativeLabels the label values of the negative class; empty means "every other value"
 * @param segmentColumns the columns whose values form a row's segment key, in order; may be empty
 * @param delimiter the CSV field separator, not a quote or line break; absent means {@code ,} for CSV
 *     and tab for TSV
 * @param format the file format; absent means detect it from the file name ({@link ScoreFormat#detect})
 * @param dropInvalid drop and count rows with an invalid score, label or weight instead of failing;
 *     structural problems (missing column, malformed line, empty file) fail the read regardless
 * @param labelsOptional for {@link ScoreFiles#readRows}: a file without the label column is read as
 *     unlabelled (every row reaches the {@link RowSink} with label {@link RowSink#UNLABELLED}) instead
 *     of failing; for applying a policy to scores whose outcomes are not known yet
 * @param labelsRead false: for {@link ScoreFiles#readRows}, no label is read even when the file has the
 *     label column; every row reaches the {@link RowSink} unlabelled and {@code labelColumn} may name
 *     any column (for reading rows that are not scored yet, {@code setpoint score})
 * @param mayBeAbsent for {@link ScoreFiles#readRows}: the extra columns a file may lack ({@link
 *     #withColumnsThatMayBeAbsent}); empty by default, so every extra column must be there
 */
public record ReadOptions(
    String scoreColumn,
    String labelColumn,
    Optional<String> weightColumn,
    Set<String> positiveLabels,
    Set<String> negativeLabels,
    List<String> segmentColumns,
    Optional<Character> delimiter,
    Optional<ScoreFormat> format,
    boolean dropInvalid,
    boolean labelsOptional,
    boolean labelsRead,
    Set<String> mayBeAbsent) {

  /**
   * Validates that column names are non-blank, that positive labels are given and none
   * matches a negative label, and that the delimiter can delimit.
   *
   * @throws IllegalArgumentException naming the offending value
   */
  public ReadOptions {
    requireColumn("scoreColumn", scoreColumn);
    requireColumn("labelColumn", labelColumn);
    Objects.requireNonNull(weightColumn, "weightColumn").ifPresent(c -> requireColumn("weightColumn", c));
    mayBeAbsent = Set.copyOf(Objects.requireNonNull(mayBeAbsent, "mayBeAbsent"));
    positiveLabels = Set.copyOf(Objects.requireNonNull(positiveLabels, "positiveLabels"));
    negativeLabels = Set.copyOf(Objects.requireNonNull(negativeLabels, "negativeLabels"));
    segmentColumns = List.copyOf(Objects.requireNonNull(segmentColumns, "segmentColumns"));
    segmentColumns.forEach(c -> requireColumn("segmentColumns", c));
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(format, "format");
    if (positiveLabels.isEmpty()) {
      throw new IllegalArgumentException("positiveLabels must name at least one label value");
    }
    for (String label : positiveLabels) {
      if (negativeLabels.contains(label)) {
        throw new IllegalArgumentException(
            "label '" + label + "' is declared both positive and negative");
      }
    }
    // Also catches labels that differ as text but match by the rules above ("1" and "1.0"), and blanks.
    LabelMatcher.validate(positiveLabels, negativeLabels);
    delimiter.ifPresent(ReadOptions::requireDelimiter);
  }

  /**
   * Checks that no column is read for two purposes — the score as weight, say — which is a slip no
   * format could honour. Not part of construction, because options are built one column at a time
   * ({@code defaults().withScoreColumn("label").withLabelColumn("y")} passes through a clash); the
   * readers check it before reading, and a command line can check it before anything else.
   *
   * @throws IllegalArgumentException naming the column and both of its roles
   */
  public void requireDistinctColumns() {
    List<String> columns = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    columns.add(scoreColumn.trim());
    roles.add("score");
    if (labelsRead) {
      columns.add(labelColumn.trim());
      roles.add("label");
    }
    weightColumn.ifPresent(w -> {
      columns.add(w.trim());
      roles.add("weight");
    });
    for (String segment : segmentColumns) {
      columns.add(segment.trim());
      roles.add("segment");
    }
    for (int i = 0; i < columns.size(); i++) {
      int j = columns.subList(i + 1, columns.size()).indexOf(columns.get(i));
      if (j >= 0) {
        throw new IllegalArgumentException("column '" + columns.get(i) + "' is requested twice (as "
            + roles.get(i) + " and as " + roles.get(i + 1 + j) + ")");
      }
    }
  }

  private static void requireDelimiter(char c) {
    if (c == '"' || c == '\r' || c == '\n') {
      throw new IllegalArgumentException(
          "delimiter must not be a quote or a line break, was " + (int) c);
    }
  }

  private static void requireColumn(String what, String column) {
    if (Objects.requireNonNull(column, what).isBlank()) {
      throw new IllegalArgumentException(what + " must be a non-blank column name, was '" + column + "'");
    }
  }

  /**
   * Columns {@code score} and {@code label}, no weights or segments, labels {@code 1}/{@code true} versus
   * {@code 0}/{@code false}, format from the file name, invalid rows are errors.
   */
  public static ReadOptions defaults() {
    return new ReadOptions("score", "label", Optional.empty(), Set.of("1", "true"),
        Set.of("0", "false"), List.of(), Optional.empty(), Optional.empty(), false, false, true, Set.of());
  }

  public ReadOptions withScoreColumn(String column) {
    return new ReadOptions(column, labelColumn, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, delimiter, format, dropInvalid, labelsOptional, labelsRead, mayBeAbsent);
  }

  public ReadOptions withLabelColumn(String column) {
    return new ReadOptions(scoreColumn, column, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, delimiter, format, dropInvalid, labelsOptional, labelsRead, mayBeAbsent);
  }

  public ReadOptions withWeightColumn(String column) {
    return new ReadOptions(scoreColumn, labelColumn, Optional.of(column), positiveLabels,
        negativeLabels, segmentColumns, delimiter, format, dropInvalid, labelsOptional, labelsRead,
        mayBeAbsent);
  }

  /**
   * Declares the positive label values. Unless negative labels are declared too, every other value is
   * then negative.
   */
  public ReadOptions withPositiveLabels(Set<String> labels) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, labels, Set.of(),
        segmentColumns, delimiter, format, dropInvalid, labelsOptional, labelsRead, mayBeAbsent);
  }

  /** Declares the negative label values; any value that is neither positive nor negative is an error. */
  public ReadOptions withNegativeLabels(Set<String> labels) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, labels,
        segmentColumns, delimiter, format, dropInvalid, labelsOptional, labelsRead, mayBeAbsent);
  }

  public ReadOptions withSegmentColumns(List<String> columns) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, negativeLabels,
        columns, delimiter, format, dropInvalid, labelsOptional, labelsRead, mayBeAbsent);
  }

  public ReadOptions withDelimiter(char separator) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, Optional.of(separator), format, dropInvalid, labelsOptional, labelsRead,
        mayBeAbsent);
  }

  public ReadOptions withFormat(ScoreFormat fileFormat) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, delimiter, Optional.of(fileFormat), dropInvalid, labelsOptional, labelsRead,
        mayBeAbsent);
  }

  public ReadOptions withDropInvalid(boolean drop) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, delimiter, format, drop, labelsOptional, labelsRead, mayBeAbsent);
  }

  /**
   * Reads a file without the label column as unlabelled instead of failing; a file that has the column
   * is read with its labels as usual.
   */
  public ReadOptions withLabelsOptional(boolean optional) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, delimiter, format, dropInvalid, optional, labelsRead, mayBeAbsent);
  }

  /**
   * With {@code false}, {@link ScoreFiles#readRows} reads no label, whether or not the file has the
   * label column: every row is {@link RowSink#UNLABELLED}.
   */
  public ReadOptions withLabelsRead(boolean read) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, delimiter, format, dropInvalid, labelsOptional, read, mayBeAbsent);
  }

  /**
   * The extra columns ({@link #segmentColumns()}) a file read by {@link ScoreFiles#readRows} may lack:
   * their value is then {@code null} in every row and {@link ReadSummary#absentColumns()} names them
   * (a policy's attribute a file lacks is missing from every request, as in the decision service).
   * Any other extra column the file lacks is an error naming it, as a missing score column is.
   */
  public ReadOptions withColumnsThatMayBeAbsent(java.util.Collection<String> columns) {
    return new ReadOptions(scoreColumn, labelColumn, weightColumn, positiveLabels, negativeLabels,
        segmentColumns, delimiter, format, dropInvalid, labelsOptional, labelsRead,
        columns.stream().map(String::trim).collect(java.util.stream.Collectors.toSet()));
  }
}

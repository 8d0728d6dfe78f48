package dev.setpoint.read;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a read found.
 *
 * @param source the file name as given
 * @param format the format it was read as
 * @param rows data rows seen (header excluded)
 * @param accepted rows passed to the sink
 * @param positives accepted rows whose label was positive (a row count, not a weight)
 * @param negatives accepted rows whose label was negative
 * @param dropped rows dropped by {@code dropInvalid}, by reason ({@code "score is not a number"} …), in
 *     the order reasons were first seen; empty when nothing was dropped
 * @param examples the messages of the first few dropped rows, each naming line, column and value, so a
 *     user can look at what was dropped
 * @param absentColumns for {@link ScoreFiles#readRows}: the extra columns the file lacks, whose value
 *     was {@code null} in every row; empty otherwise
 * @param columns for {@link ScoreFiles#readRows}: the file's column names (the CSV header, the first
 *     JSON object's keys, the Parquet fields), trimmed, to suggest one for an absent column; empty
 *     otherwise
 */
public record ReadSummary(
    String source,
    ScoreFormat format,
    long rows,
    long accepted,
    long positives,
    long negatives,
    Map<String, Long> dropped,
    List<String> examples,
    List<String> absentColumns,
    List<String> columns) {

  /** Copies the collections. */
  public ReadSummary {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    dropped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dropped));
    examples = List.copyOf(examples);
    absentColumns = List.copyOf(absentColumns);
    columns = List.copyOf(columns);
  }

  /** A read that lacked no column. */
  public ReadSummary(String source, ScoreFormat format, long rows, long accepted, long positives,
      long negatives, Map<String, Long> dropped, List<String> examples) {
    this(source, format, rows, accepted, positives, negatives, dropped, examples, List.of(),
        List.of());
  }

  /** The total number of dropped rows. */
  public long droppedRows() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}

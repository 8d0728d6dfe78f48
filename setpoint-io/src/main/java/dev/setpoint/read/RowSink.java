package dev.setpoint.read;

/**
 * Receives each valid row with the raw text of its extra columns ({@link ReadOptions#segmentColumns()}),
 * for work done row by row, such as applying a policy ({@code setpoint decide}). Unlike a {@link
 * dev.setpoint.data.ScoreSink} it gets no interned segment key, so a column with a value per row (an
 * amount, an id) costs no memory.
 */
@FunctionalInterface
public interface RowSink {

  /** The label of every row of a file read without its label column ({@link ReadOptions#labelsOptional()}). */
  int UNLABELLED = -1;

  /**
   * Accepts one row.
   *
   * @param score the score, finite
   * @param label 1 positive, 0 negative, or {@link #UNLABELLED}
   * @param weight the weight, finite and {@code >= 0}
   * @param values the extra columns' values in {@link ReadOptions#segmentColumns()} order, trimmed;
   *     {@code ""} for an empty field; {@code null} for a missing JSON key, a JSON or Parquet null, and
   *     in every row for a column the file lacks ({@link ReadSummary#absentColumns()}) — what the
   *     decision service takes for an attribute a request lacks. The array is reused for the next row:
   *     copy what you keep.
   * @param row the row's number among the file's data rows, from 1 (the first row after a CSV
   *     header, the first JSON line, the first Parquet row); blank lines are not rows, and a row
   *     dropped as invalid keeps its number, so the numbers of the rows that arrive can skip. This is
   *     not the line an editor shows (a CSV field may span lines); error messages give that.
   */
  void accept(double score, int label, double weight, String[] values, long row);
}

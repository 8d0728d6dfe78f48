package dev.setpoint.read;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.ScoreSink;
import dev.setpoint.data.SegmentKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each row's values and passes valid rows to the sink; the one place where the per-row rules of
 * {@code docs/definitions.md#input-errors} are enforced for every format.
 *
 * <p>An invalid value either stops the read with a {@link DataFormatException} naming source, location,
 * column and value, or — with {@link ReadOptions#dropInvalid()} — drops the row and counts it by reason.
 */
final class RowValidator {

  private static final int MAX_EXAMPLES = 5;

  private final String source;
  private final String positionWord;
  private final ReadOptions options;
  private final ScoreSink sink;
  private final LabelMatcher labels;
  private final Map<List<String>, SegmentKey> segmentKeys = new HashMap<>();
  private final Map<String, Long> dropped = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();
  private long rows;
  private long accepted;
  private long positives;
  private long position;

  /**
   * @param source the file name for messages
   * @param positionWord {@code line} for text formats, {@code row} for Parquet
   */
  RowValidator(String source, String positionWord, ReadOptions options, ScoreSink sink) {
    this.source = source;
    this.positionWord = positionWord;
    this.options = options;
    this.sink = sink;
    this.labels = new LabelMatcher(options.positiveLabels(), options.negativeLabels());
  }

  String source() {
    return source;
  }

  long rows() {
    return rows;
  }

  /**
   * Validates one row given as text, as CSV and JSON Lines deliver it.
   *
   * @param position the line (or row) number, for messages
   * @param score the score text; null when absent
   * @param label the label text; null when absent
   * @param weight the weight text; null when the options name no weight column
   * @param segments the segment values in the order of {@link ReadOptions#segmentColumns()}
   * @return whether the row was accepted
   */
  boolean row(long position, String score, String label, String weight, String[] segments)
      throws DataFormatException {
    this.position = position;
    rows++;
    double s = parse(options.scoreColumn(), score);
    if (Double.isNaN(s)) {
      return false;
    }
    if (!Double.isFinite(s)) {
      return invalid(options.scoreColumn(), score, "is not finite");
    }
    return finish(s, label, weight, segments);
  }

  /**
   * Validates one row whose score and weight are already numbers, as Parquet delivers them.
   *
   * @param score the score; null when the value is null in the file
   * @param weight the weight; null when null in the file or when there is no weight column
   */
  boolean row(long position, Double score, String label, Double weight, String[] segments)
      throws DataFormatException {
    this.position = position;
    rows++;
    if (score == null) {
      return invalid(options.scoreColumn(), "", "is missing (null)");
    }
    if (!Double.isFinite(score)) {
      return invalid(options.scoreColumn(), String.valueOf(score), "is not finite");
    }
    String weightText = weight == null ? (options.weightColumn().isPresent() ? null : "1")
        : Double.toString(weight);
    return finish(score, label, weightText, segments);
  }

  private boolean finish(double score, String label, String weight, String[] segments)
      throws DataFormatException {
    if (label == null || label.isBlank()) {
      return invalid(options.labelColumn(), "", label == null ? "is missing" : "is empty");
    }
    LabelMatcher.Match match = labels.match(label);
    if (match == LabelMatcher.Match.UNDECLARED) {
      return invalid(options.labelColumn(), label,
          "is not a declared label (" + labels.declared() + ")");
    }
    double w = 1.0;
    if (options.weightColumn().isPresent()) {
      String column = options.weightColumn().get();
      w = parse(column, weight);
      if (Double.isNaN(w)) {
        return false;
      }
      if (!Double.isFinite(w)) {
        return invalid(column, weight, "is not finite");
      }
      if (w < 0) {
        return invalid(column, weight, "is negative; weights must be >= 0");
      }
    }
    boolean positive = match == LabelMatcher.Match.POSITIVE;
    sink.accept(score, positive, w, segmentKey(segments));
    accepted++;
    if (positive) {
      positives++;
    }
    return true;
  }

  /**
   * Parses a number; returns NaN after recording an invalid value (a real NaN in the text is reported as
   * "is not finite" by the caller, because it parses to NaN only via the "NaN" literal, checked here).
   */
  private double parse(String column, String text) throws DataFormatException {
    if (text == null) {
      invalid(column, "", "is missing");
      return Double.NaN;
    }
    if (text.isBlank()) {
      invalid(column, "", "is empty");
      return Double.NaN;
    }
    double value;
    try {
      // FastDoubleParser (shaded in jackson-core): the same syntax and the same correctly rounded result
      // as Double.parseDouble (pinned by NumberParsingTest), several times faster on 17-digit scores,
      // which is most of the cost of reading a CSV of scores.
      value = NumberInput.parseDouble(text, true);
    } catch (NumberFormatException e) {
      invalid(column, text, "is not a number");
      return Double.NaN;
    }
    if (Double.isNaN(value)) {
      invalid(column, text, "is not finite");
      return Double.NaN;
    }
    return value;
  }

  private SegmentKey segmentKey(String[] values) {
    if (values.length == 0) {
      return SegmentKey.NONE;
    }
    List<String> key = Arrays.asList(values.clone());
    SegmentKey existing = segmentKeys.get(key);
    if (existing == null) {
      existing = new SegmentKey(key);
      segmentKeys.put(existing.values(), existing);
    }
    return existing;
  }

  /** Fails, or with dropInvalid records the drop; always returns false (the row is not accepted). */
  private boolean invalid(String column, String value, String problem) throws DataFormatException {
    DataFormatException error = new DataFormatException(source, positionWord + " " + position,
        column, value, problem);
    if (!options.dropInvalid()) {
      throw error;
    }
    String reason = problem.startsWith("is not a declared label") ? "label is not a declared value"
        : (column.equals(options.scoreColumn()) ? "score" : column.equals(options.labelColumn())
            ? "label" : "weight") + " " + problem;
    dropped.merge(reason, 1L, Long::sum);
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(error.getMessage());
    }
    return false;
  }

  /** A structural error at the current position, never dropped: the file itself is malformed. */
  DataFormatException malformed(long at, String problem) {
    return new DataFormatException(source, positionWord + " " + at, "", "", problem);
  }

  ReadSummary summary(ScoreFormat format) throws DataFormatException {
    if (rows == 0) {
      throw DataFormatException.ofSource(source, "contains no data rows");
    }
    return new ReadSummary(source, format, rows, accepted, positives, accepted - positives, dropped,
        examples);
  }
}

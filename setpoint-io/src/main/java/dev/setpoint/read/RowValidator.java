package dev.setpoint.read;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.ScoreSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Checks each row a format reader decodes and passes the valid ones to the {@link ScoreSink}; invalid
 * rows fail the read, or with {@link ReadOptions#dropInvalid()} are counted and skipped.
 *
 * <p>A reader drives one row at a time: {@link #startRow()}, then one call per requested column in any
 * order ({@link #scoreText}, {@link #labelBoolean}, {@link #segment}, {@link #absent}, …), then {@link
 * #finishRow}. Columns are addressed by <em>slot</em>: {@link #SCORE}, {@link #LABEL}, {@link #WEIGHT},
 * then one slot per segment column from {@link #FIRST_SEGMENT}. When a row has several bad values the
 * one reported is the first by slot (score, then label, then weight), whatever the file's column order,
 * so the same data gives the same message in every format.
 *
 * <p>Implementation notes. The valid path allocates nothing here: numbers are parsed in place ({@link
 * NumberParser}), labels come from a small cache ({@link LabelMatcher}), segment keys are interned
 * ({@link SegmentInterner}). Messages are built only for rows that fail, and in drop mode only for the
 * first {@value DropLog#MAX_EXAMPLES}. A score of {@code -0.0} is passed as {@code 0.0}: the two are
 * equal under {@code ==} but not under {@link Double#compare}, and a sort by the latter would split the
 * tie.
 */
final class RowValidator {

  static final int SCORE = 0;
  static final int LABEL = 1;
  static final int WEIGHT = 2;
  static final int FIRST_SEGMENT = 3;

  private static final String[] ROLES = {"score", "label", "weight", "segment"};

  private final String source;
  // Exactly one of the two is set, by the constructor a reader calls.
  private final @Nullable ScoreSink sink;
  private final @Nullable RowSink rowSink;
  private final boolean labelsOptional;
  private final boolean labelsRead;
  /** The extra columns a file read for a {@link RowSink} may lack ({@link ReadOptions#mayBeAbsent()}). */
  private final Set<String> mayBeAbsent;
  private boolean labelled = true;
  private final boolean dropInvalid;
  /**
   * Column name by slot; {@code null} at {@link #WEIGHT} when the data has no weights, and at a
   * segment slot whose column a file read for a {@link RowSink} lacks.
   */
  private final String[] columns;
  /** The extra columns a file read for a {@link RowSink} lacks, in requested order. */
  private final List<String> absentColumns = new ArrayList<>();
  /** The file's column names, once known. */
  private List<String> fileColumns = List.of();
  private final LabelMatcher labels;
  private final NumberParser numbers = new NumberParser();
  private final SegmentInterner segments = new SegmentInterner();
  private final String[] segmentValues;
  private final DropLog drops = new DropLog();
  /** Drop reason by role and defect, built once. */
  private final String[][] reasons;

  private long rows;
  private long accepted;
  private long positives;
  private long negatives;

  private double score;
  private boolean positive;
  private double weight;
  private int badSlot;
  // Meaningful only while badSlot names a slot (a row with a bad value).
  private Defect badDefect = Defect.MISSING;
  private String badValue = "";

  RowValidator(String source, ReadOptions options, ScoreSink sink) {
    this(source, options, sink, null);
  }

  RowValidator(String source, ReadOptions options, RowSink rowSink) {
    this(source, options, null, rowSink);
  }

  private RowValidator(String source, ReadOptions options, @Nullable ScoreSink sink,
      @Nullable RowSink rowSink) {
    this.source = source;
    this.sink = sink;
    this.rowSink = rowSink;
    this.labelsOptional = options.labelsOptional();
    this.labelsRead = options.labelsRead() || rowSink == null;
    this.mayBeAbsent = options.mayBeAbsent();
    this.dropInvalid = options.dropInvalid();
    this.labels = new LabelMatcher(options.positiveLabels(), options.negativeLabels());
    int segmentCount = options.segmentColumns().size();
    this.columns = new String[FIRST_SEGMENT + segmentCount];
    columns[SCORE] = options.scoreColumn().trim();
    columns[LABEL] = options.labelColumn().trim();
    columns[WEIGHT] = options.weightColumn().map(String::trim).orElse(null);
    for (int i = 0; i < segmentCount; i++) {
      columns[FIRST_SEGMENT + i] = options.segmentColumns().get(i).trim();
    }
    options.requireDistinctColumns();
    this.segmentValues = new String[segmentCount];
    Defect[] defects = Defect.values();
    this.reasons = new String[ROLES.length][defects.length];
    for (int r = 0; r < ROLES.length; r++) {
      for (Defect d : defects) {
        reasons[r][d.ordinal()] = ROLES[r] + " " + d.text();
      }
    }
  }

  /** The number of slots: score, label, weight, then the segments. */
  int slots() {
    return columns.length;
  }

  /** The column at {@code slot}, or {@code null} for an unused weight slot. */
  String column(int slot) {
    return columns[slot];
  }

  /**
   * Called by a reader once it knows the file's columns. When labels are not read ({@link
   * ReadOptions#labelsRead()}) the label column is dropped and every row is unlabelled. When rows go to
   * a {@link RowSink}: with optional labels and no label column, the label column is dropped too; an
   * extra column the file lacks that {@link ReadOptions#mayBeAbsent()} names is dropped, and its value
   * in every row is {@code null} (a policy's attribute the file lacks is missing from every request, as
   * in the decision service).
   * Otherwise nothing changes: a missing required column is reported by the reader's header check.
   */
  void columnsPresent(Header header) {
    if (!labelsRead) {
      dropLabels();
    }
    if (rowSink == null) {
      return;
    }
    fileColumns = header.names().stream().map(String::trim).toList();
    if (columns[LABEL] != null && labelsOptional && !header.has(columns[LABEL])) {
      dropLabels();
    }
    for (int slot = FIRST_SEGMENT; slot < columns.length; slot++) {
      if (header.lacks(columns[slot]) && mayBeAbsent.contains(columns[slot].trim())) {
        absentColumns.add(columns[slot]);
        columns[slot] = null; // never set: null in every row (startRow)
      }
    }
  }

  private void dropLabels() {
    columns[LABEL] = null;
    labelled = false;
    positive = false;
  }

  /** Data rows started so far, valid or not. */
  long rows() {
    return rows;
  }

  void startRow() {
    rows++;
    badSlot = Integer.MAX_VALUE;
    weight = 1.0;
    // Absent segment values (JSON key missing or null, Parquet null) are the empty segment, as an
    // empty CSV field is; for a RowSink they are null, and so is every value of a column the file
    // lacks.
    Arrays.fill(segmentValues, rowSink == null ? "" : null);
  }

  void scoreText(String text) {
    Defect d = numbers.parse(text);
    if (d == null) {
      score = numbers.value() + 0.0;
    } else {
      reject(SCORE, d, text);
    }
  }

  void scoreNumber(double value) {
    if (Double.isFinite(value)) {
      score = value + 0.0;
    } else {
      reject(SCORE, Defect.NOT_FINITE, Double.toString(value));
    }
  }

  void labelText(String text) {
    label(labels.classify(text), text);
  }

  void labelBoolean(boolean value) {
    label(labels.classify(value), Boolean.toString(value));
  }

  void labelLong(long value) {
    int c = labels.classify(value);
    label(c, c < 0 ? Long.toString(value) : "");
  }

  void labelDouble(double value) {
    int c = labels.classify(value);
    label(c, c < 0 ? Double.toString(value) : "");
  }

  private void label(int labelClass, String raw) {
    switch (labelClass) {
      case LabelMatcher.POSITIVE:
        positive = true;
        break;
      case LabelMatcher.NEGATIVE:
        positive = false;
        break;
      case LabelMatcher.EMPTY:
        reject(LABEL, Defect.EMPTY, "");
        break;
      default:
        reject(LABEL, Defect.UNDECLARED, raw);
        break;
    }
  }

  void weightText(String text) {
    Defect d = numbers.parse(text);
    if (d != null) {
      reject(WEIGHT, d, text);
    } else if (numbers.value() < 0) {
      reject(WEIGHT, Defect.NEGATIVE, text);
    } else {
      weight = numbers.value();
    }
  }

  void weightNumber(double value) {
    if (!Double.isFinite(value)) {
      reject(WEIGHT, Defect.NOT_FINITE, Double.toString(value));
    } else if (value < 0) {
      reject(WEIGHT, Defect.NEGATIVE, Double.toString(value));
    } else {
      weight = value;
    }
  }

  /** Sets a segment value; surrounding whitespace is not part of a segment. */
  void segment(int slot, String value) {
    segmentValues[slot - FIRST_SEGMENT] = value.trim();
  }

  /**
   * A requested column has no value in this row: a missing JSON key, or a null. For a segment column
   * that is the empty segment; for score, label or weight it is a defect.
   */
  void absent(int slot, boolean isNull) {
    if (slot >= FIRST_SEGMENT) {
      segmentValues[slot - FIRST_SEGMENT] = rowSink == null ? "" : null;
    } else {
      reject(slot, isNull ? Defect.NULL : Defect.MISSING, "");
    }
  }

  /**
   * Records a bad value; the row will fail at {@link #finishRow}. Keeps the first bad value by slot.
   *
   * @param value the value as it appeared, for the message; empty when there is none
   */
  void reject(int slot, Defect defect, String value) {
    if (slot < badSlot) {
      badSlot = slot;
      badDefect = defect;
      badValue = value;
    }
  }

  /**
   * Ends the row: passes it to the sink, or fails, or (drop mode) counts it.
   *
   * @param location formats {@code position} for messages ({@code line 14}); called only for bad rows
   * @param position the row's line (CSV, JSON Lines) or row (Parquet), for messages only; a {@link
   *     RowSink} gets the data row number instead
   * @return whether the row reached the sink
   * @throws DataFormatException if the row is invalid and invalid rows are not dropped
   */
  boolean finishRow(LongFunction<String> location, long position) throws DataFormatException {
    if (badSlot == Integer.MAX_VALUE) {
      accepted++;
      RowSink toRows = rowSink;
      // Only a RowSink reads without labels (labelsRead is set otherwise).
      if (toRows != null && !labelled) {
        toRows.accept(score, RowSink.UNLABELLED, weight, segmentValues, rows);
        return true;
      }
      if (positive) {
        positives++;
      } else {
        negatives++;
      }
      ScoreSink toScores = sink;
      if (toRows != null) {
        toRows.accept(score, positive ? 1 : 0, weight, segmentValues, rows);
      } else if (toScores != null) {
        toScores.accept(score, positive, weight, segments.intern(segmentValues));
      }
      return true;
    }
    if (!dropInvalid) {
      throw invalid(location.apply(position));
    }
    drops.drop(reasons[Math.min(badSlot, FIRST_SEGMENT)][badDefect.ordinal()]);
    if (drops.wantsExample()) {
      drops.example(String.valueOf(invalid(location.apply(position)).getMessage()));
    }
    return false;
  }

  private DataFormatException invalid(String location) {
    String problem;
    switch (badDefect) {
      case UNDECLARED:
        problem = badDefect.text() + " (" + labels.describe() + ")";
        break;
      case NEGATIVE:
        problem = badDefect.text() + " (weights must be >= 0)";
        break;
      default:
        problem = badDefect.text();
        break;
    }
    return new DataFormatException(source, location, columns[badSlot], badValue, problem);
  }

  ReadSummary summary(ScoreFormat format) {
    return new ReadSummary(source, format, rows, accepted, positives, negatives, drops.counts(),
        drops.examples(), absentColumns, fileColumns);
  }
}

package dev.setpoint.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Validates the scored columns of a DataFrame once, at the edge, in one aggregation job: every invalid
 * value is counted, and the error names the column, how many rows are bad and one offending value
 * ({@code docs/definitions.md#input-errors}). It also learns what the engine needs to know up front: the
 * number of rows and whether any non-zero weight differs from 1 (then the curve is weighted, as {@link
 * dev.setpoint.curve.CurveBuilder} decides).
 *
 * <p>Also builds the typed expressions the engines read: {@link #score()} (double), {@link #positive()}
 * (boolean) and {@link #weight()} (double, 1 without a weight column).
 */
final class InputCheck {

  /** What the check learned about valid data. */
  record Summary(long rows, boolean weighted) {}

  private final ScoredColumns columns;
  private final Column score;
  private final Column positive;
  private final Column weight;
  private final Column badScore;
  private final Column badLabel;
  private final Column badWeight;

  InputCheck(Dataset<Row> df, ScoredColumns columns) {
    this.columns = columns;
    DataType scoreType = typeOf(df, columns.score());
    if (!(scoreType instanceof NumericType)) {
      throw new IllegalArgumentException("score column '" + columns.score() + "' must be numeric, was "
          + scoreType.simpleString());
    }
    Column s = col(columns.score()).cast("double");
    score = s;
    badScore = s.isNull().or(isnan(s)).or(s.equalTo(Double.POSITIVE_INFINITY))
        .or(s.equalTo(Double.NEGATIVE_INFINITY));

    DataType labelType = typeOf(df, columns.label());
    Column l = col(columns.label());
    if (labelType instanceof BooleanType) {
      positive = l;
      badLabel = l.isNull();
    } else if (labelType instanceof NumericType) {
      Column d = l.cast("double");
      positive = d.equalTo(1.0);
      badLabel = d.isNull().or(d.notEqual(0.0).and(d.notEqual(1.0))).or(isnan(d));
    } else if (labelType instanceof StringType) {
      Column text = lower(trim(l));
      positive = text.isin("1", "true");
      badLabel = l.isNull().or(not(text.isin("0", "1", "true", "false")));
    } else {
      throw new IllegalArgumentException("label column '" + columns.label() + "' must be boolean, "
          + "numeric (0/1) or text (0/1/true/false), was " + labelType.simpleString());
    }

    if (columns.weight().isPresent()) {
      String name = columns.weight().get();
      DataType weightType = typeOf(df, name);
      if (!(weightType instanceof NumericType)) {
        throw new IllegalArgumentException("weight column '" + name + "' must be numeric, was "
            + weightType.simpleString());
      }
      Column w = col(name).cast("double");
      weight = w;
      badWeight = w.isNull().or(isnan(w)).or(w.lt(0.0)).or(w.equalTo(Double.POSITIVE_INFINITY));
    } else {
      weight = lit(1.0);
      badWeight = lit(false);
    }
    for (String segment : columns.segments()) {
      typeOf(df, segment);
    }
  }

  private static DataType typeOf(Dataset<Row> df, String column) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(column)) {
        return f.dataType();
      }
    }
    throw new IllegalArgumentException("no column '" + column + "' in the DataFrame; it has "
        + String.join(", ", df.columns()));
  }

  Column score() {
    return score;
  }

  Column positive() {
    return positive;
  }

  Column weight() {
    return weight;
  }

  /**
   * Runs the check: one pass over the data.
   *
   * @throws IllegalArgumentException naming each bad column, its count of bad rows and an example
   */
  Summary run(Dataset<Row> df) {
    Column nonUnitWeight = weight.notEqual(0.0).and(weight.notEqual(1.0));
    List<Column> checks = new ArrayList<>(List.of(
        countOf(badScore), example(badScore, col(columns.score())),
        countOf(badLabel), example(badLabel, col(columns.label())),
        countOf(badWeight),
        example(badWeight, columns.weight().map(w -> col(w)).orElse(lit(1.0))),
        countOf(not(badScore.or(badLabel).or(badWeight)).and(nonUnitWeight))));
    // Segment values become one text key with NUL after each (SparkCurves#key): a value holding NUL
    // would be split into two and land in the wrong segment.
    for (String segment : columns.segments()) {
      Column withNul = col(segment).cast("string").contains("\u0000");
      checks.add(countOf(withNul));
      checks.add(example(withNul, col(segment)));
    }
    Row r = df.agg(count(lit(1)), checks.toArray(new Column[0])).first();
    long rows = r.getLong(0);
    List<String> problems = new ArrayList<>();
    problem(problems, r, 1, "score", columns.score(), "a finite number");
    problem(problems, r, 3, "label", columns.label(), "0, 1, true or false");
    columns.weight().ifPresent(w -> problem(problems, r, 5, "weight", w, "a finite number >= 0"));
    for (int i = 0; i < columns.segments().size(); i++) {
      problem(problems, r, 8 + 2 * i, "segment", columns.segments().get(i),
          "text without the NUL character (U+0000)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid input (" + String.format(Locale.ROOT, "%,d", rows)
          + " rows): " + String.join("; ", problems));
    }
    return new Summary(rows, r.getLong(7) > 0);
  }

  private static Column countOf(Column condition) {
    return coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
  }

  private static Column example(Column condition, Column value) {
    return first(when(condition, coalesce(value.cast("string"), lit("null"))), true);
  }

  private static void problem(List<String> problems, Row r, int at, String role, String column,
      String expected) {
    long bad = r.getLong(at);
    if (bad > 0) {
      problems.add(String.format(Locale.ROOT, "%s column '%s' must be %s, but %,d row%s %s, e.g. %s",
          role, column, expected, bad, bad == 1 ? "" : "s", bad == 1 ? "is not" : "are not",
          r.getString(at + 1)));
    }
  }
}

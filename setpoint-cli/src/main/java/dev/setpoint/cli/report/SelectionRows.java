package dev.setpoint.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.json.JsonNumbers;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.jspecify.annotations.Nullable;

/** One line (table) or one object (JSON) per selection, shared by {@code evaluate} and {@code choose}. */
public final class SelectionRows {

  private SelectionRows() {}

  /** The table header. */
  public static void header(PrintWriter out, String first) {
    header(out, first, false);
  }

  /** The table header, with a last column "threshold from" when {@code withOrigin}. */
  public static void header(PrintWriter out, String first, boolean withOrigin) {
    header(out, first, withOrigin, true);
  }

  /**
   * The table header; {@code withValue} false leaves the value column unnamed, for a table whose
   * rows have no value of their own (a fixed threshold, a guarantee).
   */
  public static void header(PrintWriter out, String first, boolean withOrigin, boolean withValue) {
    line(out, first, "threshold", "flagged", "TP", "FP", "precision", "recall",
        withValue ? "value" : "", withOrigin ? "  threshold from" : "");
  }

  /**
   * The value column of a selection made by {@code objective}: blank for {@code threshold=T}, whose
   * "value" would be T again (the threshold column shows it).
   */
  public static boolean hasValue(Objective objective) {
    return objective.measure() != Objective.Measure.THRESHOLD;
  }

  /**
   * One selection made by {@code objective} as a table line; infeasible ones say why on the same line.
   * The value is printed as the figure the objective's value is ({@link Numbers#value}), or left blank
   * when the objective has none of its own ({@link #hasValue}).
   */
  public static void row(PrintWriter out, String label, Objective objective, Selection selection) {
    row(out, label, objective, selection, "");
  }

  /** As above, with a last column {@code origin}: where the threshold comes from (empty for none). */
  public static void row(PrintWriter out, String label, Objective objective, Selection selection,
      String origin) {
    row(out, label, selection, hasValue(objective) ? v -> Numbers.value(objective, v) : null, origin);
  }

  /**
   * As above, for a selection made by something other than an {@link Objective}: {@code value} prints
   * its value ({@link Numbers#count} for a total cost, {@link Numbers#rate} for a recall).
   */
  public static void row(PrintWriter out, String label, Selection selection,
      @Nullable DoubleFunction<String> value) {
    row(out, label, selection, value, "");
  }

  /**
   * One selection as a table line.
   *
   * @param value prints the objective's value; {@code null} leaves the value column blank (a fixed
   *     threshold, a guarantee: the value would repeat a column already shown)
   * @param origin the last column, where the threshold comes from; empty for none
   */
  public static void row(PrintWriter out, String label, Selection selection,
      @Nullable DoubleFunction<String> value, String origin) {
    if (selection instanceof Selection.Feasible f) {
      Confusion c = f.point().confusion();
      line(out, label, Numbers.threshold(f.threshold()), Numbers.count(c.flagged()),
          Numbers.count(c.truePositives()), Numbers.count(c.falsePositives()),
          Numbers.rate(c.precision()), Numbers.rate(c.recall()),
          value == null ? "" : Double.isNaN(f.objectiveValue()) ? "-"
              : value.apply(f.objectiveValue()), origin.isEmpty() ? "" : "  " + origin);
      if (f.lowestTiedThreshold() < f.threshold()) {
        out.printf(Locale.ROOT, "  %-34s %s%n", "", "(same value down to threshold "
            + Numbers.threshold(f.lowestTiedThreshold()) + ")");
      }
    } else {
      out.printf(Locale.ROOT, "  %-34s infeasible: %s%n", label,
          ((Selection.Infeasible) selection).reason());
    }
  }

  /** One table line, without trailing blanks (a value column left empty, no origin column). */
  private static void line(PrintWriter out, Object... cells) {
    out.println(String.format(Locale.ROOT, "  %-34s %-22s %10s %9s %9s %9s %9s %12s%s", cells)
        .stripTrailing());
  }

  /** One selection as JSON fields on {@code node}; undefined values are null. */
  public static void json(ObjectNode node, Objective objective, Selection selection) {
    json(node, objective.syntax(), selection);
  }

  /** As above, for a selection made by something other than an {@link Objective}. */
  public static void json(ObjectNode node, String objective, Selection selection) {
    node.put("objective", objective);
    if (selection instanceof Selection.Feasible f) {
      feasibleJson(node, "objectiveValue", f);
    } else {
      Selection.Infeasible inf = (Selection.Infeasible) selection;
      node.put("feasible", false);
      node.put("reason", inf.reason());
      inf.nearest().ifPresent(p -> Json.point(node.putObject("nearest"), p));
    }
  }

  /**
   * A feasible selection's fields: {@code feasible}, its objective value under {@code valueName}, the
   * lowest tied threshold and the point.
   */
  public static void feasibleJson(ObjectNode node, String valueName, Selection.Feasible f) {
    node.put("feasible", true);
    Json.number(node, valueName, f.objectiveValue());
    Json.number(node, "lowestTiedThreshold", f.lowestTiedThreshold());
    Json.point(node, f.point());
  }

  /** JSON numbers as the CLI writes them. */
  public static final class Json {
    private Json() {}

    /** A point's threshold, confusion matrix and rates. */
    public static void point(ObjectNode node, OperatingPoint p) {
      Confusion c = p.confusion();
      number(node, "threshold", p.threshold());
      number(node, "tp", c.truePositives());
      number(node, "fp", c.falsePositives());
      number(node, "fn", c.falseNegatives());
      number(node, "tn", c.trueNegatives());
      number(node, "precision", c.precision());
      number(node, "recall", c.recall());
      number(node, "fpr", c.falsePositiveRate());
      number(node, "f1", c.f1());
      number(node, "flagRate", c.flagRate());
    }

    /** Writes a double by Setpoint's JSON number rule ({@link JsonNumbers}). */
    public static void number(ObjectNode node, String field, double value) {
      JsonNumbers.put(node, field, value);
    }
  }
}

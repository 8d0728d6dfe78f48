package dev.setpoint.cli.sketch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.cli.report.JsonOutput;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.ReadJson;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.cli.report.SelectionRows.Json;
import dev.setpoint.curve.Confusion;
import dev.setpoint.json.JsonNumbers;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import dev.setpoint.sketch.ScoreSketch.MetricBound;
import dev.setpoint.sketch.SketchSelection;
import dev.setpoint.sketch.SketchSelection.ExactBound;
import dev.setpoint.stats.Interval;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * The reports of {@code evaluate --sketch} and {@code choose --sketch}: the same numbers as from the
 * rows, each that is not exact followed by its proven bound ({@code docs/definitions.md#sketch-bounds}).
 * Bounds are printed rounded outward (the lower end down, the upper end up), so a printed bound still
 * holds.
 */
public final class SketchReport {

  private final PrintWriter out;

  /** A report written to {@code out}. */
  public SketchReport(PrintWriter out) {
    this.out = out;
  }

  /** The {@code evaluate} table: summary, AP and AUC with intervals, best F1, {@code --at}, objectives. */
  public void evaluationTable(SketchedData data, List<Double> at, List<Objective> objectives) {
    ScoreSketch s = data.sketch();
    header(data);
    double total = s.positives() + s.negatives();
    out.printf(Locale.ROOT, "  positives          %s (%s)%n", Numbers.count(s.positives()),
        Numbers.percent(s.positives(), total));
    out.printf(Locale.ROOT, "  negatives          %s%n", Numbers.count(s.negatives()));
    binsLine(s);
    MetricBound ap = s.averagePrecision();
    MetricBound auc = s.rocAuc();
    out.printf(Locale.ROOT, "  average precision  %s at the edges; exact AP in %s%n",
        Numbers.rate(ap.atEdges()), outward(ap.exact()));
    out.printf(Locale.ROOT, "  ROC AUC            %s at the edges; exact AUC in %s%n",
        Numbers.rate(auc.atEdges()), outward(auc.exact()));
    SketchSelection f1 = s.select(Objective.fBeta(1));
    if (f1.atEdge() instanceof Selection.Feasible f) {
      Confusion c = f.point().confusion();
      out.printf(Locale.ROOT, "  best F1            %s at threshold %s (exact there: precision %s, "
          + "recall %s)%n", Numbers.rate(f.objectiveValue()), Numbers.threshold(f.threshold()),
          Numbers.rate(c.precision()), Numbers.rate(c.recall()));
      out.printf(Locale.ROOT, "  %-18s %s%n", "", bound(f1));
    } else {
      out.printf(Locale.ROOT, "  best F1            undefined: %s%n",
          ((Selection.Infeasible) f1.atEdge()).reason());
    }
    if (!at.isEmpty()) {
      out.println();
      String row = "  %-26s %-21s %-21s %-21s %-17s %-17s %s%n";
      out.printf(Locale.ROOT, row, "threshold", "flagged", "TP", "FP", "precision", "recall", "FPR");
      for (double t : at) {
        ScoreSketch.Bounds b = s.bounds(t);
        Confusion lo = b.low();
        Confusion hi = b.high();
        out.printf(Locale.ROOT, row, Numbers.threshold(t) + (b.exact() ? " (exact)" : ""),
            counts(lo.flagged(), hi.flagged()), counts(lo.truePositives(), hi.truePositives()),
            counts(lo.falsePositives(), hi.falsePositives()), rates(b.precision(), b.exact()),
            rates(b.recall(), b.exact()), rates(b.falsePositiveRate(), b.exact()));
      }
      out.println("  (a range holds the exact value at a threshold between bin edges; the sketch "
          + "is exact at its edges)");
    }
    objectivesTable(s, objectives, "objective");
    out.flush();
  }

  /** The {@code choose} table: one block per objective, each with its bound. */
  public void choiceTable(SketchedData data, List<Objective> objectives) {
    header(data);
    ScoreSketch s = data.sketch();
    out.printf(Locale.ROOT, "  %s positives, %s negatives%n", Numbers.count(s.positives()),
        Numbers.count(s.negatives()));
    binsLine(s);
    for (Objective o : objectives) {
      out.println();
      out.println("objective " + o.syntax());
      SelectionRows.header(out, "");
      SketchSelection sel = s.select(o);
      SelectionRows.row(out, "(all rows, at a bin edge)", o, sel.atEdge());
      out.printf(Locale.ROOT, "  %-34s %s%n", "", bound(sel));
    }
    out.flush();
  }

  private void objectivesTable(ScoreSketch s, List<Objective> objectives, String first) {
    if (objectives.isEmpty()) {
      return;
    }
    out.println();
    SelectionRows.header(out, first);
    for (Objective o : objectives) {
      SketchSelection sel = s.select(o);
      SelectionRows.row(out, o.syntax(), o, sel.atEdge());
      out.printf(Locale.ROOT, "  %-34s %s%n", "", bound(sel));
    }
  }

  private void header(SketchedData data) {
    ScoreSketch s = data.sketch();
    if (data.read().isPresent()) {
      ReadSummary read = data.read().get();
      out.printf(Locale.ROOT, "%s (%s, sketch of %s)%n", read.source(),
          read.format().displayName(), s.binning());
      out.printf(Locale.ROOT, "  rows               %,d read, %,d used%s%n", read.rows(),
          read.accepted(), read.droppedRows() > 0
              ? String.format(Locale.ROOT, ", %,d dropped", read.droppedRows()) : "");
      read.dropped().forEach((reason, count) ->
          out.printf(Locale.ROOT, "    dropped: %,d × %s%n", count, reason));
    } else {
      out.printf(Locale.ROOT, "%s (sketch of %s)%n", data.source(), s.binning());
      data.merged().forEach(f -> out.printf(Locale.ROOT, "  merged             %s%n", f));
      out.printf(Locale.ROOT, "  rows               %,d%n", s.rows());
    }
  }

  private void binsLine(ScoreSketch s) {
    double[] largest = s.largestBin();
    Binning b = s.binning();
    out.printf(Locale.ROOT, "  bins used          %,d of %,d; the largest holds %s of the positives "
        + "and %s of the negatives%n", s.occupiedBins(), b.bins(),
        Numbers.percent(largest[0], 1), Numbers.percent(largest[1], 1));
    if (s.belowRange() > 0) {
      out.printf(Locale.ROOT, "  below the range    %s (scores from %s, below %s: counted as one more "
          + "bin)%n", Numbers.count(s.belowRange()), Numbers.threshold(s.lowest()),
          Numbers.threshold(b.low()));
    }
    if (s.highest() >= b.high()) {
      out.printf(Locale.ROOT, "  above the range    scores up to %s, at or above %s: in the last "
          + "bin, which starts at %s%n", Numbers.threshold(s.highest()), Numbers.threshold(b.high()),
          Numbers.threshold(b.edge(b.bins() - 1)));
    }
  }

  /**
   * The sentence stating what a sketch selection proves about the exact answer; also the note of the
   * policy {@code choose --sketch -o} writes.
   */
  public static String bound(SketchSelection sel) {
    String name = sel.objective().valueName();
    ExactBound exact = sel.exact();
    if (exact instanceof ExactBound.Feasible f) {
      Interval v = f.value();
      if (!v.isDefined()) {
        return "exact optimum: feasible too; its " + name + " is undefined";
      }
      if (v.width() == 0) {
        return "exact optimum: " + name + " " + Numbers.value(sel.objective(), v.lower())
            + " (proven: no threshold inside a bin does better)";
      }
      return "exact optimum: " + name + " in " + (Numbers.isCount(sel.objective())
          ? "[" + count(v.lower(), RoundingMode.FLOOR) + ", " + count(v.upper(), RoundingMode.CEILING)
              + "]"
          : outward(v));
    }
    if (exact instanceof ExactBound.MaybeFeasible m) {
      Interval v = m.value();
      if (!v.isDefined()) {
        return "no bin edge meets it, but a threshold inside a bin might: the exact engine may be "
            + "feasible, with its " + name + " undefined";
      }
      boolean count = Numbers.isCount(sel.objective());
      String limit = v.upper() == Double.POSITIVE_INFINITY
          ? name + " >= " + (count ? count(v.lower(), RoundingMode.FLOOR) : down(v.lower()))
          : name + " <= " + (count ? count(v.upper(), RoundingMode.CEILING) : up(v.upper()));
      return "no bin edge meets it, but a threshold inside a bin might: the exact engine may be "
          + "feasible, with " + limit;
    }
    return "no threshold inside any bin can meet it either: the exact engine is infeasible too "
        + "(proven)";
  }

  private static String counts(double low, double high) {
    return low == high ? Numbers.count(low) : Numbers.count(low) + " to " + Numbers.count(high);
  }

  private static String rates(Interval i, boolean exact) {
    if (!i.isDefined()) {
      return "-";
    }
    if (exact || i.width() == 0) {
      return Numbers.rate(i.lower());
    }
    return outward(i);
  }

  /** {@code [lo, hi]} with 4 decimals, as rates print, rounded outward. */
  static String outward(Interval i) {
    if (!i.isDefined()) {
      return "-";
    }
    return "[" + down(i.lower()) + ", " + up(i.upper()) + "]";
  }

  /** A bound on a count (a total cost or utility), rounded in {@code mode} to at most 3 decimals. */
  private static String count(double v, RoundingMode mode) {
    return Double.isFinite(v) ? Numbers.count(decimal(v, 3, mode).doubleValue()) : Double.toString(v);
  }

  private static String down(double v) {
    return round(v, RoundingMode.FLOOR);
  }

  private static String up(double v) {
    return round(v, RoundingMode.CEILING);
  }

  /**
   * 4 decimals, as rates print. A value within the bounds' float64 tolerance (ExactBound's Javadoc) of a
   * printed decimal is that decimal (3/5 computed as 0.59999999999999998 prints 0.6000, not 0.5999); any
   * other is rounded in {@code mode}.
   */
  private static String round(double v, RoundingMode mode) {
    return Double.isFinite(v) ? decimal(v, 4, mode).toPlainString() : Double.toString(v);
  }

  /**
   * A finite {@code v} to {@code scale} decimals: the nearest such decimal when {@code v} is within the
   * bounds' float64 tolerance of it, else {@code v} rounded in {@code mode}.
   */
  private static BigDecimal decimal(double v, int scale, RoundingMode mode) {
    BigDecimal d = new BigDecimal(v);
    BigDecimal nearest = d.setScale(scale, RoundingMode.HALF_EVEN);
    boolean close = Math.abs(nearest.doubleValue() - v) <= 1e-12 * Math.max(1, Math.abs(v));
    return close ? nearest : d.setScale(scale, mode);
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What both JSON reports start with: the source, and the weight of each class. */
  private static ObjectNode jsonRoot(SketchedData data) {
    ObjectNode root = JSON.createObjectNode();
    source(root, data);
    Json.number(root, "positives", data.sketch().positives());
    Json.number(root, "negatives", data.sketch().negatives());
    return root;
  }

  /** What both JSON reports end with: each objective's selection and bound; then writes the report. */
  private void writeJson(ObjectNode root, ScoreSketch s, List<Objective> objectives)
      throws IOException {
    ArrayNode chosen = root.putArray("objectives");
    objectives.forEach(o -> selection(chosen.addObject(), s.select(o)));
    JsonOutput.print(root, out);
  }

  /** The {@code evaluate --format json} report. */
  public void evaluationJson(SketchedData data, List<Double> at, List<Objective> objectives)
      throws IOException {
    ScoreSketch s = data.sketch();
    ObjectNode root = jsonRoot(data);
    metric(root.putObject("averagePrecision"), s.averagePrecision());
    metric(root.putObject("rocAuc"), s.rocAuc());
    selection(root.putObject("bestF1"), s.select(Objective.fBeta(1)));
    ArrayNode points = root.putArray("at");
    for (double t : at) {
      ScoreSketch.Bounds b = s.bounds(t);
      ObjectNode p = points.addObject();
      Json.number(p, "threshold", t);
      p.put("exact", b.exact());
      Json.point(p.putObject("fewestFlagged"), new dev.setpoint.curve.OperatingPoint(t, b.low()));
      Json.point(p.putObject("mostFlagged"), new dev.setpoint.curve.OperatingPoint(t, b.high()));
      interval(p, "precision", b.precision());
      interval(p, "recall", b.recall());
      interval(p, "fpr", b.falsePositiveRate());
    }
    writeJson(root, s, objectives);
  }

  /** The {@code choose --format json} report. */
  public void choiceJson(SketchedData data, List<Objective> objectives) throws IOException {
    ScoreSketch s = data.sketch();
    ObjectNode root = jsonRoot(data);
    writeJson(root, s, objectives);
  }

  private static void source(ObjectNode root, SketchedData data) {
    ScoreSketch s = data.sketch();
    root.put("source", data.source());
    data.read().ifPresent(read -> ReadJson.write(root, read));
    if (!data.merged().isEmpty()) {
      ArrayNode merged = root.putArray("merged");
      data.merged().forEach(f -> merged.add(f.toString()));
    }
    ObjectNode sketch = root.putObject("sketch");
    Binning b = s.binning();
    sketch.put("spacing", b.spacing().name().toLowerCase(Locale.ROOT));
    Json.number(sketch, "low", b.low());
    Json.number(sketch, "high", b.high());
    sketch.put("bins", b.bins());
    sketch.put("occupiedBins", s.occupiedBins());
    sketch.put("rows", s.rows());
    Json.number(sketch, "lowestScore", s.lowest());
    Json.number(sketch, "highestScore", s.highest());
    Json.number(sketch, "belowRange", s.belowRange());
    Json.number(sketch, "largestBinPositiveShare", s.largestBin()[0]);
    Json.number(sketch, "largestBinNegativeShare", s.largestBin()[1]);
  }

  private static void metric(ObjectNode node, MetricBound m) {
    Json.number(node, "atEdges", m.atEdges());
    interval(node, "exact", m.exact());
  }

  private static void selection(ObjectNode node, SketchSelection sel) {
    SelectionRows.json(node, sel.objective(), sel.atEdge());
    ObjectNode exact = node.putObject("exactBound");
    exact.put("valueName", sel.objective().valueName());
    if (sel.exact() instanceof ExactBound.Feasible f) {
      exact.put("kind", "feasible");
      interval(exact, "value", f.value());
    } else if (sel.exact() instanceof ExactBound.MaybeFeasible m) {
      exact.put("kind", "maybeFeasible");
      interval(exact, "value", m.value());
    } else {
      exact.put("kind", "infeasible");
    }
    exact.put("statement", bound(sel));
  }

  /** An interval as {@code [lower, upper]}; {@code [null, null]} when undefined. */
  private static void interval(ObjectNode node, String field, Interval i) {
    ArrayNode a = node.putArray(field);
    JsonNumbers.add(a, i.lower());
    JsonNumbers.add(a, i.upper());
  }
}

package dev.setpoint.cli.evaluate;

import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Selection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable report: a summary block, then the confusion matrix at each requested threshold,
 * then one line per segment. Rates are shown to 4 decimals; thresholds in full (shortest exact
 * representation) so they can be copied into a policy; undefined values as {@code -}.
 */
final class TableReport {

  private final PrintWriter out;

  TableReport(PrintWriter out) {
    this.out = out;
  }

  void print(Evaluation e) {
    ReadSummary read = e.read();
    CurveSummary all = e.overall();
    out.printf(Locale.ROOT, "%s (%s)%n", read.source(), read.format().displayName());
    out.printf(Locale.ROOT, "  rows               %,d read, %,d used%s%n", read.rows(), read.accepted(),
        read.droppedRows() > 0 ? String.format(Locale.ROOT, ", %,d dropped", read.droppedRows()) : "");
    read.dropped().forEach((reason, count) ->
        out.printf(Locale.ROOT, "    dropped: %,d × %s%n", count, reason));
    double total = all.positives() + all.negatives();
    out.printf(Locale.ROOT, "  positives          %s (%s)%s%n", Numbers.count(all.positives()),
        Numbers.percent(all.positives(), total), all.weighted() ? "  [weighted]" : "");
    out.printf(Locale.ROOT, "  negatives          %s%n", Numbers.count(all.negatives()));
    out.printf(Locale.ROOT, "  distinct scores    %,d%n", all.points());
    out.printf(Locale.ROOT, "  average precision  %s%n", Numbers.rate(all.averagePrecision()));
    out.printf(Locale.ROOT, "  ROC AUC            %s%n", Numbers.rate(all.rocAuc()));
    out.printf(Locale.ROOT, "  best F1            %s%n", bestF1(all.bestF1()));
    if (!all.at().isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "  %-12s %10s %10s %10s %10s %10s %9s %9s %9s %9s%n", "threshold",
          "flagged", "TP", "FP", "FN", "TN", "precision", "recall", "FPR", "F1");
      for (OperatingPoint p : all.at()) {
        Confusion c = p.confusion();
        out.printf(Locale.ROOT, "  %-12s %10s %10s %10s %10s %10s %9s %9s %9s %9s%n",
            Numbers.threshold(p.threshold()), Numbers.count(c.flagged()),
            Numbers.count(c.truePositives()), Numbers.count(c.falsePositives()),
            Numbers.count(c.falseNegatives()), Numbers.count(c.trueNegatives()),
            Numbers.rate(c.precision()), Numbers.rate(c.recall()),
            Numbers.rate(c.falsePositiveRate()), Numbers.rate(c.f1()));
      }
    }
    if (!all.objectives().isEmpty()) {
      out.println();
      SelectionRows.header(out, "objective");
      all.objectives().forEach((o, sel) -> SelectionRows.row(out, o.syntax(), o, sel));
    }
    if (!e.segments().isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "  %-24s %10s %10s %9s %9s %9s  %s%n",
          String.join("/", e.segmentColumns()), "positives", "negatives", "AP", "ROC AUC", "best F1",
          "at threshold");
      for (Map.Entry<SegmentKey, CurveSummary> s : e.segments().entrySet()) {
        CurveSummary c = s.getValue();
        String f1 = "-";
        String at = "-";
        if (c.bestF1() instanceof Selection.Feasible f) {
          f1 = Numbers.rate(f.objectiveValue());
          at = Numbers.threshold(f.threshold());
        }
        out.printf(Locale.ROOT, "  %-24s %10s %10s %9s %9s %9s  %s%n", s.getKey().label(),
            Numbers.count(c.positives()), Numbers.count(c.negatives()),
            Numbers.rate(c.averagePrecision()), Numbers.rate(c.rocAuc()), f1, at);
      }
    }
    out.flush();
  }

  private static String bestF1(Selection selection) {
    if (selection instanceof Selection.Feasible f) {
      Confusion c = f.point().confusion();
      String plateau = f.lowestTiedThreshold() < f.threshold()
          ? ", same F1 down to " + Numbers.threshold(f.lowestTiedThreshold()) : "";
      return String.format(Locale.ROOT, "%s at threshold %s (precision %s, recall %s%s)",
          Numbers.rate(f.objectiveValue()), Numbers.threshold(f.threshold()),
          Numbers.rate(c.precision()), Numbers.rate(c.recall()),
          plateau);
    }
    return "undefined: " + ((Selection.Infeasible) selection).reason();
  }
}

package dev.setpoint.cli.evaluate;

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
    out.printf(Locale.ROOT, "%s (%s)%n", read.source(), read.format().name().toLowerCase(Locale.ROOT));
    out.printf(Locale.ROOT, "  rows               %,d read, %,d used%s%n", read.rows(), read.accepted(),
        read.droppedRows() > 0 ? String.format(Locale.ROOT, ", %,d dropped", read.droppedRows()) : "");
    read.dropped().forEach((reason, count) ->
        out.printf(Locale.ROOT, "    dropped: %,d × %s%n", count, reason));
    double total = all.positives() + all.negatives();
    out.printf(Locale.ROOT, "  positives          %s (%.2f %%)%s%n", count(all.positives()),
        100 * all.positives() / total, all.weighted() ? "  [weighted]" : "");
    out.printf(Locale.ROOT, "  negatives          %s%n", count(all.negatives()));
    out.printf(Locale.ROOT, "  distinct scores    %,d%n", all.points());
    out.printf(Locale.ROOT, "  average precision  %s%n", rate(all.averagePrecision()));
    out.printf(Locale.ROOT, "  ROC AUC            %s%n", rate(all.rocAuc()));
    out.printf(Locale.ROOT, "  best F1            %s%n", bestF1(all.bestF1()));
    if (!all.at().isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "  %-12s %10s %10s %10s %10s %10s %9s %9s %9s %9s%n", "threshold",
          "flagged", "TP", "FP", "FN", "TN", "precision", "recall", "FPR", "F1");
      for (OperatingPoint p : all.at()) {
        Confusion c = p.confusion();
        out.printf(Locale.ROOT, "  %-12s %10s %10s %10s %10s %10s %9s %9s %9s %9s%n",
            threshold(p.threshold()), count(c.flagged()), count(c.truePositives()),
            count(c.falsePositives()), count(c.falseNegatives()), count(c.trueNegatives()),
            rate(c.precision()), rate(c.recall()), rate(c.falsePositiveRate()), rate(c.f1()));
      }
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
          f1 = rate(f.objectiveValue());
          at = threshold(f.threshold());
        }
        out.printf(Locale.ROOT, "  %-24s %10s %10s %9s %9s %9s  %s%n", s.getKey().label(),
            count(c.positives()), count(c.negatives()), rate(c.averagePrecision()),
            rate(c.rocAuc()), f1, at);
      }
    }
    out.flush();
  }

  private static String bestF1(Selection selection) {
    if (selection instanceof Selection.Feasible f) {
      Confusion c = f.point().confusion();
      String plateau = f.lowestTiedThreshold() < f.threshold()
          ? ", same F1 down to " + threshold(f.lowestTiedThreshold()) : "";
      return String.format(Locale.ROOT, "%s at threshold %s (precision %s, recall %s%s)",
          rate(f.objectiveValue()), threshold(f.threshold()), rate(c.precision()), rate(c.recall()),
          plateau);
    }
    return "undefined: " + ((Selection.Infeasible) selection).reason();
  }

  /** Rates to 4 decimals; undefined (NaN) as "-". */
  static String rate(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** Integral counts with thousands separators; fractional (weighted) sums to 3 decimals. */
  static String count(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return String.format(Locale.ROOT, "%,.3f", value);
  }

  /** Six significant digits without trailing zeros, for chart legends: {@code 0.0882906}, {@code 0.1}. */
  static String brief(double value) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros()
        .toPlainString();
  }

  /** The shortest decimal that reads back as the same double. */
  static String threshold(double value) {
    return Double.toString(value);
  }
}

package dev.setpoint.cli.plot;

import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The metrics against the threshold, as R cutpointr's {@code plot_metric}: precision, recall, F1 and
 * flag rate (docs/definitions.md) over the threshold t on the x axis, the total cost of each cost
 * objective on a second axis at the right, and a dashed vertical line at each chosen threshold.
 *
 * <p>Each metric is a step function of t: for t in (s_{i+1}, s_i] the flagged rows are those scoring
 * {@code >= s_i}, so the value is curve point i's. It is drawn as such steps, decimated like the curves
 * ({@link CurvePlot}). Precision is undefined above the highest score (nothing flagged) and is not drawn
 * there.
 */
final class MetricPlot {

  private static final Color PRECISION = new Color(0x1f, 0x77, 0xb4);
  // Not the marks' colours (CurvePlot), so a chosen threshold's line is never mistaken for a metric.
  private static final Color RECALL = new Color(0xbc, 0xbd, 0x22);
  private static final Color F1 = new Color(0x22, 0x22, 0x22);
  private static final Color FLAG_RATE = new Color(0x7f, 0x7f, 0x7f);
  private static final Color COST = new Color(0x17, 0xbe, 0xcf);
  private static final double STEPS = 2000;

  private MetricPlot() {}

  /**
   * The series the chart draws: its name, the step function's points, and the axis (0 for rates, 1 for
   * costs). Package-visible so tests can check what is drawn without reading pixels.
   */
  record Line(String name, double[] t, double[] value, int axis) {}

  /** The metric lines of {@code curve}: precision, recall, F1, flag rate, then each cost objective's. */
  static List<Line> lines(Curve curve, List<Objective> objectives) {
    List<Line> lines = new ArrayList<>();
    lines.add(line(curve, "precision", i -> curve.confusion(i).precision(), 0));
    lines.add(line(curve, "recall", i -> curve.confusion(i).recall(), 0));
    lines.add(line(curve, "F1", i -> curve.confusion(i).f1(), 0));
    lines.add(line(curve, "flag rate", i -> curve.confusion(i).flagRate(), 0));
    for (Objective o : objectives) {
      // A cost on the data's own counts; at a deployment prevalence it would be on other counts.
      if (o.measure() == Objective.Measure.TOTAL_COST && o.deploymentPrevalence().isEmpty()) {
        lines.add(line(curve, o.syntax() + ": total cost (right axis)",
            i -> o.at(curve, curve.threshold(i)).objectiveValue(), 1));
      }
    }
    return lines;
  }

  /** Steps: at each curve point after the first, the previous value up to it, then its own. */
  private static Line line(Curve curve, String name, IntToDoubleFunction metric, int axis) {
    int k = curve.size();
    double[] t = new double[2 * k - 1];
    double[] v = new double[2 * k - 1];
    int n = 0;
    double previous = Double.NaN;
    for (int i = 0; i < k; i++) {
      double value = metric.applyAsDouble(i);
      if (i > 0) {
        t[n] = curve.threshold(i);
        v[n++] = previous;
      }
      t[n] = curve.threshold(i);
      v[n++] = value;
      previous = value;
    }
    return new Line(name, t, v, axis);
  }

  static XYChart chart(Curve curve, String title, List<Marks.Mark> marks,
      List<Objective> objectives) {
    List<Line> lines = lines(curve, objectives);
    XYChart chart = CurvePlot.chart("Metrics by threshold: " + title,
        "Threshold t  (flagged: score >= t; fewer rows are flagged as t rises to the right)",
        "Rate", lines.size(), marks.size());
    double lo = curve.threshold(curve.size() - 1);
    double hi = curve.threshold(0);
    for (Marks.Mark m : marks) {
      if (Double.isFinite(m.threshold())) { // a threshold beyond the scores still gets its line
        lo = Math.min(lo, m.threshold());
        hi = Math.max(hi, m.threshold());
      }
    }
    if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
    double pad = (hi - lo) * 0.01;
    chart.getStyler().setXAxisMin(lo - pad);
    chart.getStyler().setXAxisMax(hi + pad);
    chart.getStyler().setXAxisDecimalPattern(null);
    // the rates' axis is [0, 1]; a cost axis scales to its data
    chart.getStyler().setYAxisMin(null);
    chart.getStyler().setYAxisMax(null);
    chart.getStyler().setYAxisMin(0, -0.02);
    chart.getStyler().setYAxisMax(0, 1.02);
    Color[] colors = {PRECISION, RECALL, F1, FLAG_RATE};
    int rate = 0;
    boolean costs = false;
    for (Line line : lines) {
      Color color = line.axis() == 0 ? colors[rate++ % colors.length] : COST;
      double[][] xy = CurvePlot.decimate(line.t(), line.value(), (hi - lo) / STEPS,
          line.axis() == 0 ? 1 / STEPS : range(line.value()) / STEPS);
      if (xy[0].length == 0) {
        continue;
      }
      XYSeries series = CurvePlot.line(chart, line.name(), xy, color, 2f, false);
      if (line.axis() == 1) {
        series.setYAxisGroup(1);
        costs = true;
      }
    }
    if (costs) {
      chart.setYAxisGroupTitle(1, "Total cost");
      chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    for (int i = 0; i < marks.size(); i++) {
      Marks.Mark m = marks.get(i);
      double t = m.threshold();
      if (!Double.isFinite(t)) {
        continue; // flags nothing: no place on this axis
      }
      XYSeries series = CurvePlot.line(chart, m.label(), new double[][] {{t, t}, {0, 1}},
          CurvePlot.markColor(i), 1.6f, true);
      series.setYAxisGroup(0);
    }
    return chart;
  }

  private static double range(double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return hi > lo ? hi - lo : 1;
  }
}

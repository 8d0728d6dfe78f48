package dev.setpoint.cli.plot;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.Curve.PrCurve;
import dev.setpoint.curve.Curve.RocCurve;
import dev.setpoint.select.Objective;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a PR, ROC or metric-against-threshold chart with XChart: the curve, the no-skill reference
 * (prevalence for PR, the diagonal for ROC), and the chosen operating points marked and named in the
 * legend below the plot (so no label covers data and no two labels collide; see {@link Marks}).
 *
 * <p>A curve can have millions of points but a chart is ~900 pixels wide, so the drawn polyline keeps a
 * point only when it moves at least 1/2000 of an axis from the last kept one (first and last always
 * kept). The marked points are drawn exactly.
 */
public final class CurvePlot {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 800;
  /** Height of the plot, title and axes without the legend. */
  private static final int BASE = 660;
  /** Legend height per line: a line (or reference) takes one, a mark two (what, then its rates). */
  private static final int LEGEND_LINE = 18;
  private static final double MIN_STEP = 1.0 / 2000;
  private static final Color CURVE = new Color(0x1f, 0x77, 0xb4);
  private static final Color REFERENCE = new Color(0x99, 0x99, 0x99);
  private static final Color[] MARKS = {
    new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c), new Color(0xff, 0x7f, 0x0e),
    new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2)
  };
  private static final Marker[] SHAPES = {
    SeriesMarkers.DIAMOND, SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS
  };

  private CurvePlot() {}

  /**
   * Writes the chart.
   *
   * @param curve the curve, with both classes present
   * @param title the data set's name, shown in the title
   * @param marks points to mark, in legend order
   * @param objectives the objectives asked for: a metric chart also draws the total cost of each
   *     cost objective among them ({@code cost:…}, not at a deployment prevalence)
   * @param spec what to draw and where
   */
  public static void write(Curve curve, String title, Marks marks, List<Objective> objectives,
      PlotSpec spec) throws IOException {
    XYChart chart = switch (spec.kind()) {
      case PR -> prChart(curve, title, marks.marks());
      case ROC -> rocChart(curve, title, marks.marks());
      case METRICS -> MetricPlot.chart(curve, title, marks.marks(), objectives);
    };
    try (OutputStream out = Files.newOutputStream(spec.file())) {
      ChartEncoder.saveChart(chart, out, spec.format() == PlotSpec.Format.PNG ? "png" : "svg");
    }
  }

  private static XYChart prChart(Curve curve, String title, List<Marks.Mark> marks) {
    XYChart chart = chart(String.format(Locale.ROOT, "Precision-recall: %s (AP %.4f)", title,
        curve.averagePrecision()), "Recall  (flagged: score >= t; t falls from left to right)",
        "Precision", 2, marks.size());
    PrCurve pr = curve.prCurve();
    double[][] xy = decimate(pr.recall(), pr.precision());
    line(chart, "PR curve (" + String.format(Locale.ROOT, "%,d", curve.size()) + " points)", xy,
        CURVE, 2.2f, false);
    double prevalence = curve.positives() / (curve.positives() + curve.negatives());
    line(chart, String.format(Locale.ROOT, "no skill (prevalence %.4f)", prevalence),
        new double[][] {{0, 1}, {prevalence, prevalence}}, REFERENCE, 1.2f, true);
    mark(chart, marks, c -> new double[] {c.recall(), c.precision()});
    return chart;
  }

  private static XYChart rocChart(Curve curve, String title, List<Marks.Mark> marks) {
    XYChart chart = chart(String.format(Locale.ROOT, "ROC: %s (AUC %.4f)", title, curve.rocAuc()),
        "False positive rate  (flagged: score >= t; t falls from left to right)",
        "True positive rate (recall)", 2, marks.size());
    RocCurve roc = curve.rocCurve();
    double[][] xy = decimate(roc.falsePositiveRate(), roc.truePositiveRate());
    line(chart, "ROC curve (" + String.format(Locale.ROOT, "%,d", curve.size()) + " points)", xy,
        CURVE, 2.2f, false);
    line(chart, "no skill", new double[][] {{0, 1}, {0, 1}}, REFERENCE, 1.2f, true);
    mark(chart, marks, c -> new double[] {c.falsePositiveRate(), c.recall()});
    return chart;
  }

  /**
   * A white chart with the legend below the plot, at least {@value #HEIGHT} pixels high and taller
   * when the legend needs it, so a long legend never squeezes the plot.
   */
  static XYChart chart(String title, String xTitle, String yTitle, int lines, int marks) {
    XYChart chart = new XYChartBuilder().width(WIDTH)
        .height(Math.max(HEIGHT, BASE + LEGEND_LINE * (lines + 2 * marks) + 40)).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xe5, 0xe5, 0xe5));
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setMarkerSize(11);
    chart.getStyler().setXAxisMin(-0.02);
    chart.getStyler().setXAxisMax(1.02);
    chart.getStyler().setYAxisMin(-0.02);
    chart.getStyler().setYAxisMax(1.02);
    chart.getStyler().setXAxisDecimalPattern("0.0");
    chart.getStyler().setYAxisDecimalPattern("0.0");
    return chart;
  }

  static XYSeries line(XYChart chart, String name, double[][] xy, Color color, float width,
      boolean dashed) {
    XYSeries series = chart.addSeries(name, xy[0], xy[1]);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineStyle(dashed
        ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 5f}, 0f)
        : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    return series;
  }

  /** The colour of the i-th mark; the same on every chart of one command, so legends agree. */
  static Color markColor(int i) {
    return MARKS[i % MARKS.length];
  }

  private static void mark(XYChart chart, List<Marks.Mark> marks,
      java.util.function.Function<Confusion, double[]> coordinates) {
    for (int i = 0; i < marks.size(); i++) {
      Marks.Mark m = marks.get(i);
      double[] xy = coordinates.apply(m.point().confusion());
      if (Double.isNaN(xy[0]) || Double.isNaN(xy[1])) {
        continue; // undefined at this threshold (nothing flagged): nothing to draw
      }
      XYSeries series = chart.addSeries(m.label(), new double[] {xy[0]}, new double[] {xy[1]});
      series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      series.setMarker(SHAPES[i % SHAPES.length]);
      series.setMarkerColor(markColor(i));
    }
  }

  /** Keeps points that move at least {@link #MIN_STEP} on either axis; NaN points are skipped. */
  static double[][] decimate(double[] x, double[] y) {
    return decimate(x, y, MIN_STEP, MIN_STEP);
  }

  /**
   * Keeps points that move at least {@code xStep} along x or {@code yStep} along y from the last kept
   * one; NaN points are skipped.
   */
  static double[][] decimate(double[] x, double[] y, double xStep, double yStep) {
    double[] kx = new double[x.length];
    double[] ky = new double[y.length];
    int n = 0;
    int last = -1;
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        continue;
      }
      boolean keep = n == 0 || i == x.length - 1
          || Math.abs(x[i] - kx[n - 1]) >= xStep || Math.abs(y[i] - ky[n - 1]) >= yStep;
      last = i;
      if (keep) {
        kx[n] = x[i];
        ky[n] = y[i];
        n++;
      }
    }
    if (last >= 0 && (kx[n - 1] != x[last] || ky[n - 1] != y[last])) {
      kx[n] = x[last];
      ky[n] = y[last];
      n++;
    }
    return new double[][] {java.util.Arrays.copyOf(kx, n), java.util.Arrays.copyOf(ky, n)};
  }
}

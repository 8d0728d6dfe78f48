package dev.setpoint.cli.calibrate;

import dev.setpoint.calibrate.ReliabilityTable;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The reliability diagram: observed positive rate against mean predicted probability per bin, before
 * and after calibration, with the diagonal of perfect calibration. Empty bins are not drawn. {@code
 * calibrate --plot} is the only command that draws one.
 */
final class ReliabilityPlot {

  private ReliabilityPlot() {}

  /**
   * Writes the diagram as PNG or SVG (from the file name).
   *
   * @param before the raw scores' table, or null when raw scores are not probabilities
   */
  static void write(String title, @Nullable ReliabilityTable before, ReliabilityTable after,
      String method, Path file) throws IOException {
    String name = file.getFileName() == null ? "" : file.getFileName().toString()
        .toLowerCase(Locale.ROOT);
    String format = name.endsWith(".svg") ? "svg" : name.endsWith(".png") ? "png" : null;
    if (format == null) {
      throw new IOException(file + ": the plot file name must end in .png or .svg");
    }
    XYChart chart = new XYChartBuilder().width(760).height(720)
        .title("Reliability: " + title).xAxisTitle("Mean predicted probability")
        .yAxisTitle("Observed positive rate").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setMarkerSize(9);
    XYSeries diagonal = chart.addSeries("perfectly calibrated", new double[] {0, 1},
        new double[] {0, 1});
    diagonal.setMarker(SeriesMarkers.NONE);
    diagonal.setLineColor(Color.GRAY);
    if (before != null) {
      add(chart, String.format(Locale.ROOT, "raw scores (ECE %.4f)", before.expectedCalibrationError()),
          before, new Color(0xd6, 0x27, 0x28));
    }
    add(chart, String.format(Locale.ROOT, "%s (ECE %.4f)", method, after.expectedCalibrationError()),
        after, new Color(0x1f, 0x77, 0xb4));
    try (OutputStream out = Files.newOutputStream(file)) {
      ChartEncoder.saveChart(chart, out, format);
    }
  }

  private static void add(XYChart chart, String name, ReliabilityTable t, Color color) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (ReliabilityTable.Bin b : t.bins()) {
      if (!b.isEmpty()) {
        x.add(b.meanPredicted());
        y.add(b.observedRate());
      }
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setLineColor(color);
    s.setMarkerColor(color);
  }
}

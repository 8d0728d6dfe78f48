package dev.setpoint.cli;

import dev.setpoint.curve.Curve;
import java.util.List;

/** The library's own curve of a {@code score,label} CSV's lines (header first), read without the CLI. */
final class ExampleCurve {

  private ExampleCurve() {}

  static Curve of(List<String> lines) {
    double[] scores = new double[lines.size() - 1];
    boolean[] labels = new boolean[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",");
      scores[i - 1] = Double.parseDouble(fields[0]);
      labels[i - 1] = fields[1].equals("1");
    }
    return Curve.of(scores, labels);
  }
}

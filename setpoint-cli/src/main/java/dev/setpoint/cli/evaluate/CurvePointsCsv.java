package dev.setpoint.cli.evaluate;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every curve point ({@code --curve out.csv}): one row per distinct score, descending, with the
 * confusion matrix and rates under {@code score >= threshold}. Undefined rates are empty fields. Every
 * field is a number, so no quoting is ever needed.
 */
final class CurvePointsCsv {

  static final String HEADER = "threshold,tp,fp,fn,tn,precision,recall,fpr,f1,flag_rate";

  private CurvePointsCsv() {}

  static void write(Curve curve, Path file) throws IOException {
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      out.write(HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(160);
      for (int i = 0; i < curve.size(); i++) {
        Confusion c = curve.confusion(i);
        line.setLength(0);
        line.append(curve.threshold(i));
        count(line, c.truePositives());
        count(line, c.falsePositives());
        count(line, c.falseNegatives());
        count(line, c.trueNegatives());
        rate(line, c.precision());
        rate(line, c.recall());
        rate(line, c.falsePositiveRate());
        rate(line, c.f1());
        rate(line, c.flagRate());
        line.append('\n');
        out.append(line);
      }
    }
  }

  private static void count(StringBuilder line, double value) {
    line.append(',');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      line.append((long) value);
    } else {
      line.append(value);
    }
  }

  private static void rate(StringBuilder line, double value) {
    line.append(',');
    if (!Double.isNaN(value)) {
      line.append(value);
    }
  }
}

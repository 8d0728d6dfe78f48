package dev.setpoint.cli.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Selection;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The machine-readable report ({@code --format json}). Numbers are full precision; undefined values are
 * {@code null} ({@code docs/definitions.md#undefined-values}); thresholds are exact doubles.
 */
final class JsonReport {

  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void write(Evaluation e, Writer out) throws IOException {
    ObjectNode root = mapper.createObjectNode();
    ReadSummary read = e.read();
    root.put("source", read.source());
    root.put("format", read.format().name().toLowerCase(Locale.ROOT));
    ObjectNode rows = root.putObject("rows");
    rows.put("read", read.rows());
    rows.put("used", read.accepted());
    rows.put("dropped", read.droppedRows());
    ObjectNode reasons = rows.putObject("droppedByReason");
    read.dropped().forEach(reasons::put);
    ArrayNode examples = rows.putArray("droppedExamples");
    read.examples().forEach(examples::add);
    summary(root, e.overall());
    if (!e.segments().isEmpty()) {
      ArrayNode columns = root.putArray("segmentColumns");
      e.segmentColumns().forEach(columns::add);
      ArrayNode segments = root.putArray("segments");
      e.segments().forEach((key, s) -> {
        ObjectNode node = segments.addObject();
        ArrayNode values = node.putArray("segment");
        key.values().forEach(values::add);
        summary(node, s);
      });
    }
    mapper.writeValue(out, root);
    out.write(System.lineSeparator());
    out.flush();
  }

  private static void summary(ObjectNode node, CurveSummary s) {
    number(node, "positives", s.positives());
    number(node, "negatives", s.negatives());
    node.put("weighted", s.weighted());
    node.put("distinctScores", s.points());
    number(node, "averagePrecision", s.averagePrecision());
    number(node, "rocAuc", s.rocAuc());
    s.undefined().ifPresent(reason -> node.put("undefinedReason", reason));
    ObjectNode best = node.putObject("bestF1");
    if (s.bestF1() instanceof Selection.Feasible f) {
      best.put("feasible", true);
      number(best, "f1", f.objectiveValue());
      number(best, "lowestTiedThreshold", f.lowestTiedThreshold());
      point(best, f.point());
    } else {
      best.put("feasible", false);
      best.put("reason", ((Selection.Infeasible) s.bestF1()).reason());
    }
    ArrayNode at = node.putArray("at");
    s.at().forEach(p -> point(at.addObject(), p));
  }

  private static void point(ObjectNode node, OperatingPoint p) {
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

  /** Writes a double, as an integer when it is one, and as null when undefined (NaN). */
  static void number(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      node.put(field, (long) value);
    } else {
      node.put(field, value);
    }
  }
}

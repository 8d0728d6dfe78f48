package dev.setpoint.cli.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.cli.report.JsonOutput;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.cli.report.SelectionRows.Json;
import dev.setpoint.cli.report.ReadJson;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Selection;
import java.io.IOException;
import java.io.Writer;

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
    ReadJson.write(root, read);
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
    JsonOutput.print(root, out);
  }

  private static void summary(ObjectNode node, CurveSummary s) {
    Json.number(node, "positives", s.positives());
    Json.number(node, "negatives", s.negatives());
    node.put("weighted", s.weighted());
    node.put("distinctScores", s.points());
    Json.number(node, "averagePrecision", s.averagePrecision());
    Json.number(node, "rocAuc", s.rocAuc());
    s.undefined().ifPresent(reason -> node.put("undefinedReason", reason));
    ObjectNode best = node.putObject("bestF1");
    if (s.bestF1() instanceof Selection.Feasible f) {
      best.put("feasible", true);
      Json.number(best, "f1", f.objectiveValue());
      Json.number(best, "lowestTiedThreshold", f.lowestTiedThreshold());
      Json.point(best, f.point());
    } else {
      best.put("feasible", false);
      best.put("reason", ((Selection.Infeasible) s.bestF1()).reason());
    }
    ArrayNode at = node.putArray("at");
    s.at().forEach(p -> Json.point(at.addObject(), p));
    if (!s.objectives().isEmpty()) {
      ArrayNode objectives = node.putArray("objectives");
      s.objectives().forEach((o, sel) -> SelectionRows.json(objectives.addObject(), o, sel));
    }
  }
}

package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.json.JsonNumbers;
import dev.setpoint.select.Objective;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@code GET /v1/explorer/datasets/{id}/segments?objective=…}: the objective's choice per
 * segment with the core's fallback rule ({@link SegmentedSelection}, {@code
 * docs/definitions.md#segment-fallback}) — each segment's own selection, the one it will use, whose that
 * is, and why it fell back — as {@code setpoint choose --segment} reports it.
 */
final class SegmentReport {

  private SegmentReport() {}

  static ObjectNode of(Dataset d, Objective objective, double minPositives, double minFlags) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("objective", objective.syntax());
    JsonNumbers.put(out, "minPositives", minPositives);
    JsonNumbers.put(out, "minFlags", minFlags);
    ArrayNode columns = out.putArray("segmentColumns");
    d.segmentColumns().forEach(columns::add);
    ArrayNode segments = out.putArray("segments");
    List<SegmentedSelection.Choice> choices = new SegmentedSelection(objective, minPositives, minFlags)
        .choose(d.overall(), d.segments(), d.segmentColumns().size());
    for (SegmentedSelection.Choice c : choices) {
      Curve own = d.curve(c.segment()).orElseThrow();
      ObjectNode s = segments.addObject();
      values(s.putArray("segment"), c.segment());
      s.put("label", c.segment().label());
      s.put("rows", d.rows(c.segment()));
      JsonNumbers.put(s, "positives", own.positives());
      JsonNumbers.put(s, "negatives", own.negatives());
      List<Double> ignored = new ArrayList<>();
      Markers.selection(s.putObject("own"), own, c.own(), ignored);
      Markers.selection(s.putObject("effective"), own, c.effective(), ignored);
      values(s.putArray("source"), c.source());
      s.put("fallback", c.reason().isPresent());
      if (c.reason().isPresent()) {
        s.put("reason", c.reason().get());
      }
      if (c.effective() instanceof Selection.Feasible f) {
        JsonNumbers.put(s, "threshold", f.threshold());
      }
    }
    return out;
  }

  private static void values(ArrayNode array, SegmentKey key) {
    key.values().forEach(array::add);
  }
}

package dev.setpoint.cli.choose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.report.JsonOutput;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.cli.report.SelectionRows.Json;
import dev.setpoint.select.Bands;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.Intervals;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code setpoint choose --format json}: the report as one JSON document. */
final class ChooseJson {

  void write(ChooseReport report, PrintWriter out) throws IOException {
    ScoredData data = report.data();
    Bands.Result banded = report.banded();
    ChooseReport.Asked asked = report.asked();
    Selection exampleCost = report.exampleCost();
    ChooseReport.Certification guaranteed = report.guaranteed();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("source", data.read().source());
    root.put("rowsUsed", data.read().accepted());
    root.put("rowsDropped", data.read().droppedRows());
    Json.number(root, "positives", data.overall().positives());
    Json.number(root, "negatives", data.overall().negatives());
    ArrayNode columns = root.putArray("segmentColumns");
    data.segmentColumns().forEach(columns::add);
    ArrayNode objectivesNode = root.putArray("objectives");
    for (ChooseReport.Result r : report.results()) {
      ObjectNode o = objectivesNode.addObject();
      o.put("objective", r.objective().syntax());
      r.objective().deploymentPrevalence().ifPresent(
          prevalence -> Json.number(o, "countsReweightedToPrevalence", prevalence));
      ArrayNode segments = o.putArray("segments");
      for (SegmentedSelection.Choice c : r.choices()) {
        ObjectNode s = segments.addObject();
        ArrayNode key = s.putArray("segment");
        c.segment().values().forEach(key::add);
        ArrayNode source = s.putArray("source");
        c.source().values().forEach(source::add);
        s.put("thresholdFrom", c.origin().name().toLowerCase(Locale.ROOT));
        c.reason().ifPresent(why -> s.put("fallbackReason", why));
        ChooseReport.notReweighted(r.objective(), data, c).ifPresent(why -> s.put("countsNotReweighted", why));
        ObjectNode selection = s.putObject("selection");
        SelectionRows.json(selection, r.objective(), c.effective());
        if (asked.confidence() != null && c.effective() instanceof Selection.Feasible f) {
          try {
            ObjectNode iv = selection.putObject("intervals");
            iv.put("method", asked.intervalMethod().name().toLowerCase(Locale.ROOT));
            Json.number(iv, "confidence", asked.confidence());
            interval(iv, "precision", Intervals.precision(f.point().confusion(),
                asked.intervalMethod(), asked.confidence()));
            interval(iv, "recall", Intervals.recall(f.point().confusion(), asked.intervalMethod(),
                asked.confidence()));
          } catch (IllegalArgumentException e) {
            selection.put("intervalsUnavailable", e.getMessage());
          }
        }
        if (c.reason().isPresent()) {
          SelectionRows.json(s.putObject("ownSelection"), r.objective(), c.own());
        }
      }
    }
    if (banded instanceof Bands.Chosen b) {
      ObjectNode node = root.putObject("bands");
      bandsJson(node, b);
      if (!report.perSegment().isEmpty()) {
        ArrayNode segments = node.putArray("segments");
        for (ChooseReport.SegmentBands s : report.perSegment()) {
          ObjectNode sn = segments.addObject();
          ArrayNode key = sn.putArray("segment");
          s.segment().values().forEach(key::add);
          sn.put("thresholdFrom", s.in().reason().isPresent() ? "default" : "own");
          s.in().reason().ifPresent(why -> sn.put("fallbackReason", why));
          bandsJson(sn, s.in().bands());
        }
      }
    } else if (banded instanceof Bands.Impossible imp) {
      root.putObject("bands").put("feasible", false).put("reason", imp.reason());
    }
    if (!report.bootstraps().isEmpty()) {
      ArrayNode boots = root.putArray("bootstrap");
      for (BootstrapResult b : report.bootstraps()) {
        ObjectNode node = boots.addObject();
        node.put("objective", b.objective().syntax());
        node.put("replicates", b.replicates());
        node.put("seed", b.seed());
        node.put("infeasible", b.infeasible());
        Json.number(node, "confidence", asked.level());
        for (BootstrapResult.Statistic st : BootstrapResult.Statistic.values()) {
          interval(node, st.name().toLowerCase(Locale.ROOT), b.interval(st, asked.level()));
        }
      }
    }
    if (exampleCost != null) {
      ObjectNode node = root.putObject("exampleCosts");
      node.put("missCost", asked.missCost());
      node.put("flagCost", asked.flagCost());
      ObjectNode sel = node.putObject("selection");
      if (exampleCost instanceof Selection.Feasible f) {
        SelectionRows.feasibleJson(sel, "totalCost", f);
      } else {
        sel.put("feasible", false).put("reason", ((Selection.Infeasible) exampleCost).reason());
      }
    }
    if (guaranteed != null) {
      Guarantee g = guaranteed.guarantee();
      ObjectNode node = root.putObject("guaranteed");
      node.put("metric", g.metric());
      node.put("method", g.method());
      Json.number(node, g instanceof GuaranteedRecall ? "minRecall" : "minPrecision", g.target());
      Json.number(node, "delta", asked.delta());
      if (asked.validation() != null) {
        node.put("validation", asked.validation().toString());
      }
      SelectionRows.json(node.putObject("selection"), ChooseReport.guaranteeObjective(g),
          guaranteed.selection());
    }
    JsonOutput.print(root, out);
  }

  private static void interval(ObjectNode node, String field, Interval i) {
    ArrayNode a = node.putArray(field);
    if (i.isDefined()) {
      a.add(i.lower()).add(i.upper());
    } else {
      a.addNull().addNull();
    }
  }

  /** The chosen bands' thresholds, the rows of each band and the recall caught, overall or in a segment. */
  private static void bandsJson(ObjectNode node, Bands.Chosen bands) {
    Json.number(node, "blockThreshold", bands.block());
    Json.number(node, "reviewThreshold", bands.review());
    bandJson(node.putObject("block"), bands.blocked());
    bandJson(node.putObject("review"), bands.reviewed());
    bandJson(node.putObject("allow"), bands.allowed());
    Json.number(node, "caughtRecall", bands.caughtRecall());
  }

  private static void bandJson(ObjectNode node, Bands.Band band) {
    Json.number(node, "rows", band.weight());
    Json.number(node, "positives", band.positives());
    Json.number(node, "negatives", band.negatives());
    Json.number(node, "precision", band.precision());
  }
}

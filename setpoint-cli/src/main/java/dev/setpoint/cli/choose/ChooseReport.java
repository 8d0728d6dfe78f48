package dev.setpoint.cli.choose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.report.JsonOutput;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.cli.report.SelectionRows.Json;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.AtPrevalence;
import dev.setpoint.select.Bands;
import dev.setpoint.select.Objective;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.stats.Intervals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * What {@code setpoint choose} found, and its two renderings: {@link #table} for people and {@link
 * #json} for programs. {@link ChooseCommand} reads the options and the data and chooses; this prints.
 *
 * @param data the rows read
 * @param results each objective's choice per segment
 * @param banded the block and review bands on all rows; null when not asked for
 * @param perSegment with --segment, each segment's bands on its own rows
 * @param bootstraps each objective's bootstrap; empty when not asked for
 * @param guaranteed the guarantee's certification; null when not asked for
 * @param exampleCost the least total cost with per-example costs; null when not asked for
 * @param asked the options the report repeats
 */
record ChooseReport(ScoredData data, List<ChooseReport.Result> results, Bands.Result banded,
    List<ChooseReport.SegmentBands> perSegment, List<BootstrapResult> bootstraps,
    ChooseReport.Certification guaranteed, Selection exampleCost, ChooseReport.Asked asked) {

  /**
   * The options the report repeats or needs to print: the interval asked for ({@code confidence} null
   * when none), the per-example costs, the guarantee's risk, the bands asked for, the validation file
   * and how the guarantee was certified.
   */
  record Asked(Double confidence, IntervalMethod intervalMethod, String missCost, String flagCost,
      double delta, Double blockPrecision, String reviewCapacity, Path validation,
      String guaranteeHow) {

    /** The confidence level of intervals: --confidence, else 0.95. */
    double level() {
      return level(confidence);
    }

    /** The confidence level of intervals for {@code --confidence} (null when not given): 0.95. */
    static double level(Double confidence) {
      return confidence == null ? 0.95 : confidence;
    }
  }

  /** What an objective chose, per segment. */
  record Result(Objective objective, List<SegmentedSelection.Choice> choices) {}

  /** A guarantee and what it chose on FILE. */
  record Certification(Guarantee guarantee, Selection selection) {}

  /** A segment's bands, on its own rows. */
  record SegmentBands(SegmentKey segment, Bands.InSegment in) {}

  /** {@code guaranteed precision>=0.9 at delta=0.05}, the objective as reports and policies name it. */
  static String guaranteeObjective(Guarantee g) {
    return "guaranteed " + g.metric() + ">=" + Numbers.brief(g.target()) + " at delta="
        + Numbers.brief(g.delta());
  }

  /**
   * With --segment and bands: every segment's bands, in key order, as the policy written with -o
   * gets them; empty otherwise (or when the bands are impossible on all rows).
   */
  static List<SegmentBands> segmentBands(ScoredData data, Bands bands, Bands.Result overall) {
    List<SegmentBands> out = new ArrayList<>();
    if (bands == null || !(overall instanceof Bands.Chosen defaults)) {
      return out;
    }
    int width = data.segmentColumns().size();
    data.segments().entrySet().stream()
        .filter(e -> e.getKey().values().size() == width && width > 0)
        .sorted(Map.Entry.comparingByKey(SegmentKey.ORDER))
        .forEach(e -> out.add(new SegmentBands(e.getKey(), Bands.inSegment(e.getKey(),
            e.getValue(), bands.choose(e.getValue()), defaults))));
    return out;
  }

  /** The report as aligned tables. */
  void table(PrintWriter out) {
    ReadSummary read = data.read();
    out.printf(Locale.ROOT, "%s: %,d rows used, %s positives, %s negatives%s%n", read.source(),
        read.accepted(), Numbers.count(data.overall().positives()),
        Numbers.count(data.overall().negatives()),
        read.droppedRows() > 0 ? String.format(Locale.ROOT, ", %,d dropped", read.droppedRows())
            : "");
    for (Result r : results) {
      out.println();
      out.println("objective " + r.objective().syntax());
      if (r.objective() instanceof AtPrevalence a) {
        out.println("  (counts are expected counts reweighted to prevalence " + Numbers.brief(
            a.prevalence()) + ", per as many rows as the data has: docs/definitions.md#deployment-prevalence)");
      }
      boolean segmented = !data.segmentColumns().isEmpty();
      SelectionRows.header(out, segmented ? "segment" : "", segmented,
          SelectionRows.hasValue(r.objective()));
      for (SegmentedSelection.Choice c : r.choices()) {
        String label = c.segment() == SegmentKey.NONE ? "(default: all rows)" : c.segment().label();
        SelectionRows.row(out, label, r.objective(), c.effective(),
            segmented ? c.originLabel() : "");
        notReweighted(r.objective(), data, c).ifPresent(why -> out.printf(Locale.ROOT,
            "  %-34s %s%n", "", "(" + why + ")"));
        intervals(out, c.effective());
        c.reason().ifPresent(why -> out.printf(Locale.ROOT, "  %-34s fell back: %s%n", "", why));
      }
    }
    for (BootstrapResult b : bootstraps) {
      out.println();
      out.printf(Locale.ROOT, "bootstrap of %s: %,d stratified resamples (seed %d), %,d infeasible; "
          + "%s percentile intervals%n", b.objective().syntax(), b.replicates(), b.seed(),
          b.infeasible(), Numbers.level(asked.level()));
      for (BootstrapResult.Statistic st : List.of(BootstrapResult.Statistic.THRESHOLD,
          BootstrapResult.Statistic.PRECISION, BootstrapResult.Statistic.RECALL)) {
        Interval i = b.interval(st, asked.level());
        DoubleFunction<String> figure = st == BootstrapResult.Statistic.THRESHOLD
            ? Numbers::threshold : Numbers::rate;
        out.printf(Locale.ROOT, "  %-12s %s%n", st.name().toLowerCase(Locale.ROOT),
            i.isDefined() ? "[" + figure.apply(i.lower()) + ", " + figure.apply(i.upper()) + "]"
                : "undefined");
      }
    }
    if (exampleCost != null) {
      out.println();
      out.println("least total cost with per-example costs: miss " + asked.missCost() + ", flag "
          + asked.flagCost());
      SelectionRows.header(out, "");
      SelectionRows.row(out, "", exampleCost, Numbers::count);
      intervals(out, exampleCost);
    }
    if (guaranteed != null) {
      out.println();
      Guarantee g = guaranteed.guarantee();
      out.println("guaranteed: P(" + g.metric() + " >= " + Numbers.brief(g.target()) + ") >= "
          + Numbers.brief(1 - asked.delta()) + " (" + asked.guaranteeHow() + ")");
      SelectionRows.header(out, "", false, false);
      SelectionRows.row(out, "", guaranteed.selection(), null, "");
    }
    if (banded != null) {
      out.println();
      out.println("bands: block precision >= " + Numbers.brief(asked.blockPrecision()) + ", review "
          + asked.reviewCapacity());
      if (banded instanceof Bands.Chosen b) {
        out.printf(Locale.ROOT, "  %-8s %-44s %10s %10s %10s %9s%n", "band", "scores", "rows",
            "positives", "negatives", "precision");
        band(out, "block", ">= " + Numbers.threshold(b.block()), b.blocked());
        band(out, "review", "[" + Numbers.threshold(b.review()) + ", "
            + Numbers.threshold(b.block()) + ")", b.reviewed());
        band(out, "allow", "< " + Numbers.threshold(b.review()), b.allowed());
        out.printf(Locale.ROOT, "  positives caught by block + review: %s of %s (recall %s)%n",
            Numbers.count(b.blocked().positives() + b.reviewed().positives()),
            Numbers.count(data.overall().positives()), Numbers.rate(b.caughtRecall()));
        if (!perSegment.isEmpty()) {
          out.println();
          out.println("  per segment, each on its own rows:");
          out.println(String.format(Locale.ROOT, SEGMENT_BANDS, "segment", "block >=", "review >=",
              "blocked", "precision", "reviewed", "precision", "recall", "thresholds from")
              .stripTrailing());
          for (SegmentBands s : perSegment) {
            Bands.Chosen c = s.in().bands();
            out.println(String.format(Locale.ROOT, SEGMENT_BANDS, s.segment().label(),
                Numbers.threshold(c.block()), Numbers.threshold(c.review()),
                Numbers.count(c.blocked().weight()), Numbers.rate(c.blocked().precision()),
                Numbers.count(c.reviewed().weight()), Numbers.rate(c.reviewed().precision()),
                Numbers.rate(c.caughtRecall()), s.in().reason().isPresent() ? "default" : "own"));
            s.in().reason().ifPresent(why -> out.printf(Locale.ROOT, "  %-34s fell back: %s%n", "",
                why));
          }
        }
      } else {
        out.println("  impossible: " + ((Bands.Impossible) banded).reason());
      }
    }
  }

  private static void band(PrintWriter out, String name, String range, Bands.Band band) {
    out.printf(Locale.ROOT, "  %-8s %-44s %10s %10s %10s %9s%n", name, range,
        Numbers.count(band.weight()), Numbers.count(band.positives()),
        Numbers.count(band.negatives()), Numbers.rate(band.precision()));
  }

  private static final String SEGMENT_BANDS = "  %-34s %-22s %-22s %9s %9s %9s %9s %9s  %s";

  /** The report as one JSON document. */
  void json(PrintWriter out) throws IOException {
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
    for (Result r : results) {
      ObjectNode o = objectivesNode.addObject();
      o.put("objective", r.objective().syntax());
      if (r.objective() instanceof AtPrevalence a) {
        Json.number(o, "countsReweightedToPrevalence", a.prevalence());
      }
      ArrayNode segments = o.putArray("segments");
      for (SegmentedSelection.Choice c : r.choices()) {
        ObjectNode s = segments.addObject();
        ArrayNode key = s.putArray("segment");
        c.segment().values().forEach(key::add);
        ArrayNode source = s.putArray("source");
        c.source().values().forEach(source::add);
        s.put("thresholdFrom", c.origin().name().toLowerCase(Locale.ROOT));
        c.reason().ifPresent(why -> s.put("fallbackReason", why));
        notReweighted(r.objective(), data, c).ifPresent(why -> s.put("countsNotReweighted", why));
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
      Json.number(node, "blockThreshold", b.block());
      Json.number(node, "reviewThreshold", b.review());
      bandJson(node.putObject("block"), b.blocked());
      bandJson(node.putObject("review"), b.reviewed());
      bandJson(node.putObject("allow"), b.allowed());
      Json.number(node, "caughtRecall", b.caughtRecall());
      if (!perSegment.isEmpty()) {
        ArrayNode segments = node.putArray("segments");
        for (SegmentBands s : perSegment) {
          ObjectNode sn = segments.addObject();
          ArrayNode key = sn.putArray("segment");
          s.segment().values().forEach(key::add);
          sn.put("thresholdFrom", s.in().reason().isPresent() ? "default" : "own");
          s.in().reason().ifPresent(why -> sn.put("fallbackReason", why));
          Bands.Chosen c = s.in().bands();
          Json.number(sn, "blockThreshold", c.block());
          Json.number(sn, "reviewThreshold", c.review());
          bandJson(sn.putObject("block"), c.blocked());
          bandJson(sn.putObject("review"), c.reviewed());
          bandJson(sn.putObject("allow"), c.allowed());
          Json.number(sn, "caughtRecall", c.caughtRecall());
        }
      }
    } else if (banded instanceof Bands.Impossible imp) {
      root.putObject("bands").put("feasible", false).put("reason", imp.reason());
    }
    if (!bootstraps.isEmpty()) {
      ArrayNode boots = root.putArray("bootstrap");
      for (BootstrapResult b : bootstraps) {
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
        sel.put("feasible", true);
        Json.number(sel, "totalCost", f.objectiveValue());
        Json.number(sel, "lowestTiedThreshold", f.lowestTiedThreshold());
        Json.point(sel, f.point());
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
      SelectionRows.json(node.putObject("selection"), guaranteeObjective(g),
          guaranteed.selection());
    }
    JsonOutput.print(root, out);
  }

  private void intervals(PrintWriter out, Selection selection) {
    if (asked.confidence() == null || !(selection instanceof Selection.Feasible f)) {
      return;
    }
    try {
      Interval p = Intervals.precision(f.point().confusion(), asked.intervalMethod(),
          asked.confidence());
      Interval r = Intervals.recall(f.point().confusion(), asked.intervalMethod(),
          asked.confidence());
      out.printf(Locale.ROOT, "  %-34s %s %s: precision %s, recall %s%n", "",
          Numbers.level(asked.confidence()), asked.intervalMethod().name().toLowerCase(Locale.ROOT)
              .replace('_', '-'), range(p), range(r));
    } catch (IllegalArgumentException e) {
      out.printf(Locale.ROOT, "  %-34s no interval: %s%n", "", e.getMessage());
    }
  }

  private static String range(Interval i) {
    return i.isDefined() ? "[" + Numbers.rate(i.lower()) + ", " + Numbers.rate(i.upper()) + "]"
        : "undefined";
  }

  /**
   * Why a segment's counts under a deployment prevalence are the sample's: it lacks positives or
   * negatives, so they cannot be reweighted ({@code AtPrevalence#at}); empty otherwise.
   */
  private static Optional<String> notReweighted(Objective objective, ScoredData data,
      SegmentedSelection.Choice c) {
    if (!(objective instanceof AtPrevalence) || c.segment() == SegmentKey.NONE
        || !(c.effective() instanceof Selection.Feasible)) {
      return Optional.empty();
    }
    Curve curve = data.segments().get(c.segment());
    if (curve.positives() > 0 && curve.negatives() > 0) {
      return Optional.empty();
    }
    return Optional.of("sample counts, not reweighted: this segment has no "
        + (curve.positives() > 0 ? "negatives" : "positives"));
  }

  private static void interval(ObjectNode node, String field, Interval i) {
    ArrayNode a = node.putArray(field);
    if (i.isDefined()) {
      a.add(i.lower()).add(i.upper());
    } else {
      a.addNull().addNull();
    }
  }

  private static void bandJson(ObjectNode node, Bands.Band band) {
    Json.number(node, "rows", band.weight());
    Json.number(node, "positives", band.positives());
    Json.number(node, "negatives", band.negatives());
    Json.number(node, "precision", band.precision());
  }
}

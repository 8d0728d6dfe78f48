package dev.setpoint.cli.choose;

import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.plot.CurvePlot;
import dev.setpoint.cli.plot.Marks;
import dev.setpoint.cli.plot.PlotSpec;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.select.Objective;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code choose --plot}: the charts of a choice. The default (all rows) goes to the file named; with
 * {@code --segment}, each segment gets its own file beside it ({@link PlotSpec#forSegment}: {@code
 * pr.png} → {@code pr-DE_premium.png}), drawn on the segment's own rows.
 *
 * <p>Each chart marks what the report printed for that segment: every objective's threshold — for a
 * segment that fell back, the inherited threshold, marked at the segment's own operating point there
 * and labelled with where it came from — and on the default's chart also the per-example-cost,
 * guaranteed and band thresholds.
 */
final class ChoicePlots {

  private final ScoredData data;
  private final Map<SegmentKey, Marks.Builder> marks = new LinkedHashMap<>();

  ChoicePlots(ScoredData data) {
    this.data = data;
    marks.put(SegmentKey.NONE, Marks.builder());
  }

  /** Marks an objective's effective threshold on each segment's chart. */
  ChoicePlots objective(Objective objective, List<SegmentedSelection.Choice> choices) {
    for (SegmentedSelection.Choice c : choices) {
      Marks.Builder chart = marks.computeIfAbsent(c.segment(), k -> Marks.builder());
      if (c.effective() instanceof Selection.Feasible f) {
        String what = objective.syntax();
        if (!c.source().equals(c.segment())) {
          what += " (inherited from " + (c.source().equals(SegmentKey.NONE) ? "the default"
              : c.source().label()) + ")";
        }
        Curve curve = curve(c.segment());
        chart.add(what, curve.at(f.threshold()));
      }
    }
    return this;
  }

  /** Marks a threshold chosen on all rows (per-example costs, a guarantee, a band). */
  ChoicePlots overall(String what, double threshold) {
    // The default's chart is made first, by the constructor.
    Objects.requireNonNull(marks.get(SegmentKey.NONE)).add(what, data.overall().at(threshold));
    return this;
  }

  /** The marks of each chart: the default's first, then the segments' in the report's order. */
  Map<SegmentKey, Marks> marks() {
    Map<SegmentKey, Marks> built = new LinkedHashMap<>();
    marks.forEach((key, builder) -> built.put(key, builder.build()));
    return built;
  }

  /**
   * Writes every chart. A segment with one class has no PR or ROC curve: it gets no file, and a line on
   * {@code err} says so.
   */
  void write(List<PlotSpec> specs, List<Objective> objectives, PrintWriter err) throws IOException {
    Map<SegmentKey, Marks> all = marks();
    for (PlotSpec spec : specs) {
      Set<String> files = new HashSet<>();
      for (Map.Entry<SegmentKey, Marks> e : all.entrySet()) {
        SegmentKey key = e.getKey();
        Curve curve = curve(key);
        String name = key.equals(SegmentKey.NONE) ? data.name() : data.name() + ", "
            + String.join("/", data.segmentColumns()) + " = " + key.label();
        if (!(curve.positives() > 0 && curve.negatives() > 0)) {
          err.printf(Locale.ROOT, "no %s for segment %s: it has only %s%n", spec.kind().title(),
              key.label(), curve.positives() > 0 ? "positives" : "negatives");
          continue;
        }
        PlotSpec target = key.equals(SegmentKey.NONE) ? spec : spec.forSegment(key.label());
        for (int n = 2; !files.add(target.file().toString()); n++) {
          target = spec.forSegment(key.label() + "-" + n); // two labels that read the same in a name
        }
        CurvePlot.write(curve, name, e.getValue(), objectives, target);
        err.printf(Locale.ROOT, "wrote %s%s to %s%n", spec.kind().title(),
            key.equals(SegmentKey.NONE) ? "" : " of segment " + key.label(), target.file());
      }
    }
    err.flush();
  }

  private Curve curve(SegmentKey key) {
    // Every chart's key but the default's is a segment of the data (the choices' segments).
    return key.equals(SegmentKey.NONE) ? data.overall()
        : Objects.requireNonNull(data.segments().get(key), key::label);
  }
}

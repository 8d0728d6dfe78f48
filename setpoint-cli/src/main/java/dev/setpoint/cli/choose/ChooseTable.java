package dev.setpoint.cli.choose;

import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Bands;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.Intervals;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * {@code setpoint choose}'s report for people: the rows read, then each objective's choice per
 * segment (with intervals and fallbacks), the bootstrap, per-example costs, the guarantee and the
 * bands, as aligned tables.
 */
final class ChooseTable {

  private static final String SEGMENT_BANDS = "  %-34s %-22s %-22s %9s %9s %9s %9s %9s  %s";

  private final PrintWriter out;

  ChooseTable(PrintWriter out) {
    this.out = out;
  }

  void print(ChooseReport report) {
    ScoredData data = report.data();
    Bands.Result banded = report.banded();
    ChooseReport.Asked asked = report.asked();
    Selection exampleCost = report.exampleCost();
    ChooseReport.Certification guaranteed = report.guaranteed();
    ReadSummary read = data.read();
    out.printf(Locale.ROOT, "%s: %,d rows used, %s positives, %s negatives%s%n", read.source(),
        read.accepted(), Numbers.count(data.overall().positives()),
        Numbers.count(data.overall().negatives()),
        read.droppedRows() > 0 ? String.format(Locale.ROOT, ", %,d dropped", read.droppedRows())
            : "");
    for (ChooseReport.Result r : report.results()) {
      out.println();
      out.println("objective " + r.objective().syntax());
      r.objective().deploymentPrevalence().ifPresent(prevalence -> out.println("  (counts are "
          + "expected counts reweighted to prevalence " + Numbers.brief(prevalence) + ", per as many "
          + "rows as the data has: docs/definitions.md#deployment-prevalence)"));
      boolean segmented = !data.segmentColumns().isEmpty();
      SelectionRows.header(out, segmented ? "segment" : "", segmented,
          SelectionRows.hasValue(r.objective()));
      for (SegmentedSelection.Choice c : r.choices()) {
        String label = c.segment() == SegmentKey.NONE ? "(default: all rows)" : c.segment().label();
        SelectionRows.row(out, label, r.objective(), c.effective(),
            segmented ? c.originLabel() : "");
        ChooseReport.notReweighted(r.objective(), data, c).ifPresent(why -> out.printf(Locale.ROOT,
            "  %-34s %s%n", "", "(" + why + ")"));
        intervals(asked, c.effective());
        c.reason().ifPresent(why -> out.printf(Locale.ROOT, "  %-34s fell back: %s%n", "", why));
      }
    }
    for (BootstrapResult b : report.bootstraps()) {
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
      intervals(asked, exampleCost);
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
      // Bands are chosen only when asked for, with their block precision.
      out.println("bands: block precision >= "
          + Numbers.brief(Objects.requireNonNull(asked.blockPrecision())) + ", review "
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
        if (!report.perSegment().isEmpty()) {
          out.println();
          out.println("  per segment, each on its own rows:");
          out.println(String.format(Locale.ROOT, SEGMENT_BANDS, "segment", "block >=", "review >=",
              "blocked", "precision", "reviewed", "precision", "recall", "thresholds from")
              .stripTrailing());
          for (ChooseReport.SegmentBands s : report.perSegment()) {
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

  private void intervals(ChooseReport.Asked asked, Selection selection) {
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
}

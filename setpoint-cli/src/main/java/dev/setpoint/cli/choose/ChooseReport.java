package dev.setpoint.cli.choose;

import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.select.Bands;
import dev.setpoint.select.Objective;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.IntervalMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code setpoint choose} found: {@link ChooseCommand} chooses it, {@link ChooseTable} renders it
 * for people and {@link ChooseJson} for programs.
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
record ChooseReport(ScoredData data, List<ChooseReport.Result> results,
    Bands.@Nullable Result banded, List<ChooseReport.SegmentBands> perSegment,
    List<BootstrapResult> bootstraps, ChooseReport.@Nullable Certification guaranteed,
    @Nullable Selection exampleCost, ChooseReport.Asked asked) {

  /**
   * The options the report repeats or needs to print: the interval asked for ({@code confidence} null
   * when none), the per-example costs, the guarantee's risk, the bands asked for, the validation file
   * and how the guarantee was certified.
   */
  record Asked(@Nullable Double confidence, IntervalMethod intervalMethod,
      @Nullable String missCost, @Nullable String flagCost, double delta,
      @Nullable Double blockPrecision, @Nullable String reviewCapacity, @Nullable Path validation,
      String guaranteeHow) {

    /** The confidence level of intervals: --confidence, else 0.95. */
    double level() {
      return level(confidence);
    }

    /** The confidence level of intervals for {@code --confidence} (null when not given): 0.95. */
    static double level(@Nullable Double confidence) {
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
  static List<SegmentBands> segmentBands(ScoredData data, @Nullable Bands bands,
      Bands.@Nullable Result overall) {
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

  /**
   * Why a segment's counts under a deployment prevalence are the sample's: it lacks positives or
   * negatives, so they cannot be reweighted ({@link Objective#at}); empty otherwise.
   */
  static Optional<String> notReweighted(Objective objective, ScoredData data,
      SegmentedSelection.Choice c) {
    if (objective.deploymentPrevalence().isEmpty() || c.segment() == SegmentKey.NONE
        || !(c.effective() instanceof Selection.Feasible)) {
      return Optional.empty();
    }
    Curve curve = Objects.requireNonNull(data.segments().get(c.segment()), c.segment()::label);
    if (curve.positives() > 0 && curve.negatives() > 0) {
      return Optional.empty();
    }
    return Optional.of("sample counts, not reweighted: this segment has no "
        + (curve.positives() > 0 ? "negatives" : "positives"));
  }
}

package dev.setpoint.cli.choose;

import dev.setpoint.cli.sketch.SketchReport;
import dev.setpoint.cli.sketch.SketchedData;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.data.Sha256;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.policy.Policy;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Objective;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.sketch.ScoreSketch;
import dev.setpoint.sketch.SketchSelection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy {@code choose --sketch -o} writes: one segment, flagged at or above the bin edge the
 * objective chose and allowed below — the document {@code choose -o} writes, built by the same {@link
 * ChosenPolicy}. A bin edge is where the sketch's counts are exact, so the expected counts in the
 * provenance are the rows' own counts at that threshold; the note says the data was sketched and gives
 * the proven bound on the exact engine's optimum ({@code docs/definitions.md#sketch-bounds}).
 *
 * <p>Provenance {@code data}: the file and its SHA-256 for {@code --sketch}; for {@code --merge}, the
 * merge's title and the SHA-256 of the merged sketch's bytes (the rows themselves were never seen).
 * Its score range is the lowest and highest score the sketch saw, not the bin edges.
 */
final class SketchPolicy {

  private SketchPolicy() {}

  /**
   * The policy of {@code objective} on the sketch.
   *
   * @param fileSha256 the streamed file's SHA-256 ({@code --sketch}); empty for {@code --merge}
   * @throws DataFormatException if the objective is infeasible at every bin edge (the message says
   *     why)
   */
  static Policy of(SketchedData data, Objective objective, ChosenPolicy.Settings settings,
      Optional<String> fileSha256) throws DataFormatException {
    ScoreSketch sketch = data.sketch();
    SketchSelection selection = sketch.select(objective);
    String sha256 = fileSha256.orElseGet(() -> Sha256.hex(sketch.toBytes()));
    long rows = data.read().map(ReadSummary::accepted).orElse(sketch.rows());
    ChosenPolicy chosen = new ChosenPolicy(settings, new ChosenPolicy.Data(data.source(), sha256,
        rows, sketch.curve(), List.of(), Map.of(), Map.of(), scores(sketch)));
    String note = "summarised by a score sketch (" + sketch.binning() + "): the threshold is a bin "
        + "edge, where the counts are exact; " + SketchReport.bound(selection);
    return chosen.single(objective.syntax(), List.of(new SegmentedSelection.Choice(SegmentKey.NONE,
        selection.atEdge(), selection.atEdge(), SegmentKey.NONE, Optional.empty())),
        Optional.of(note));
  }

  /** The lowest and highest score the sketch saw. */
  static Optional<ModelRef.ScoreRange> scores(ScoreSketch sketch) {
    return sketch.rows() == 0 ? Optional.empty()
        : Optional.of(new ModelRef.ScoreRange(sketch.lowest(), sketch.highest()));
  }
}

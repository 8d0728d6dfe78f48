package dev.setpoint.spark;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.Policy;
import dev.setpoint.select.Objective;
import dev.setpoint.select.SegmentedSelection;
import java.util.List;
import java.util.Objects;

/**
 * The operating points an objective chose on a DataFrame: the default's (all rows) first, then one per
 * segment key, each with its own selection, the one it uses, and why it fell back if it did
 * ({@link SegmentedSelection}, {@code docs/definitions.md#segment-fallback}).
 *
 * @param objective the objective
 * @param curves the exact curves the choices were made on
 * @param choices the default's choice ({@link dev.setpoint.data.SegmentKey#NONE}), then each segment's
 */
public record SparkChoice(Objective objective, ScoredCurves curves,
    List<SegmentedSelection.Choice> choices) {

  /** Copies the choices. */
  public SparkChoice {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(curves, "curves");
    choices = List.copyOf(choices);
  }

  /**
   * The choices as a policy document, the same one {@code setpoint choose -o} writes: one segment per
   * segment key, then the default; bands from the chosen thresholds; provenance with the objective, the
   * data, expected counts and intervals. Write it with {@link
   * dev.setpoint.policy.PolicyDocuments#write(Policy, java.nio.file.Path)}; {@code setpoint decide} and
   * {@code setpoint serve} read it.
   *
   * <p>The data's {@code sha256} is {@link ScoredCurves#fingerprint()}: a DataFrame has no file bytes,
   * so the fingerprint is that of the exact curves, which does not depend on row order or partitioning.
   *
   * @param settings the policy's name, model, action, interval method, author, time and tool
   * @param source what the data was, as the user would name it (a table, a path), for provenance
   * @throws DataFormatException if a segment's effective selection is infeasible (the message says
   *     which and why)
   */
  public Policy policy(ChosenPolicy.Settings settings, String source) throws DataFormatException {
    ChosenPolicy chosen = new ChosenPolicy(settings, new ChosenPolicy.Data(source,
        curves.fingerprint(), curves.rows(), curves.overall(), curves.segmentColumns(),
        curves.segments(), curves.segmentRows()));
    return chosen.single(objective.syntax(), choices);
  }
}

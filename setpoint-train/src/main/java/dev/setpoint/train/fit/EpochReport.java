package dev.setpoint.train.fit;

import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.List;
import java.util.Objects;

/**
 * What one epoch did, for progress lines and the training history.
 *
 * @param epoch 1-based
 * @param trainingLoss the mean over the epoch's batches of the loss plus the L2 penalty
 * @param validation the exact validation result after the epoch
 * @param best whether this epoch is the best so far (its parameters are kept)
 * @param multipliers the method's multipliers after the epoch; empty for a method without any
 */
public record EpochReport(int epoch, double trainingLoss, ValidationScore validation, boolean best,
    List<Multiplier> multipliers) {

  /** Copies the multipliers. */
  public EpochReport {
    multipliers = List.copyOf(multipliers);
  }

  /**
   * A Lagrange multiplier's value, for progress lines, epoch reports and model provenance.
   *
   * @param name {@code lambda}
   * @param value finite
   */
  public record Multiplier(String name, double value) {

    /** Validates the value. */
    public Multiplier {
      Objects.requireNonNull(name, "name");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("multiplier " + name + " must be finite, was " + value);
      }
    }
  }

  /**
   * One epoch's exact validation result: the objective's value (recall at precision ≥ p, or precision at
   * recall ≥ r) over the curve of the validation logits (every distinct logit is a threshold, flag iff
   * {@code z >= t}, ties never split; {@code docs/definitions.md#decision-rule}, {@code #curve-points})
   * and average precision as the tie-break, since recall moves in steps of 1/P.
   *
   * <p>Ordering ({@link #betterThan}): a feasible result beats an infeasible one (whose value is NaN:
   * undefined precision never meets a constraint, {@code docs/definitions.md#undefined-values}); among
   * equal values, or two infeasible ones, the higher AP wins.
   *
   * @param value the objective's value, NaN when no threshold meets the constraint
   * @param averagePrecision validation AP ({@code docs/definitions.md#average-precision})
   */
  public record ValidationScore(double value, double averagePrecision) {

    /** Measures logits against labels. O(n log n). */
    static ValidationScore measure(Objective objective, double[] logits, boolean[] labels) {
      Curve curve = Curve.of(logits, labels);
      Selection s = objective.select(curve);
      double value = s instanceof Selection.Feasible f ? f.objectiveValue() : Double.NaN;
      return new ValidationScore(value, curve.averagePrecision());
    }

    /** Whether this result is strictly better than {@code other}. */
    public boolean betterThan(ValidationScore other) {
      boolean feasible = !Double.isNaN(value);
      boolean otherFeasible = !Double.isNaN(other.value);
      if (feasible != otherFeasible) {
        return feasible;
      }
      if (feasible && value != other.value) {
        return value > other.value;
      }
      return averagePrecision > other.averagePrecision;
    }
  }
}

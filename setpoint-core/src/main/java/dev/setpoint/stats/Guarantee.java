package dev.setpoint.stats;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.Selection;

/**
 * A threshold chosen on calibration rows with a stated probability of keeping a promise about the
 * population: {@link GuaranteedPrecision} ({@code P(precision ≥ p) ≥ 1 − δ}) or {@link
 * GuaranteedRecall} ({@code P(recall ≥ r) ≥ 1 − δ}); {@code docs/definitions.md#guaranteed-selection}.
 */
public sealed interface Guarantee permits GuaranteedPrecision, GuaranteedRecall {

  /** δ, the probability the guarantee may fail, in (0, 1). */
  double delta();

  /** The guaranteed rate's name: {@code precision} or {@code recall}. */
  String metric();

  /** The rate's guaranteed floor: p or r. */
  double target();

  /** How the threshold is certified, as a policy's provenance records it ({@code learn-then-test}, …). */
  String method();

  /**
   * Chooses the threshold on {@code calibration}; {@code validation} (disjoint rows) fixes the candidate
   * thresholds where the method needs that (precision), and is not used otherwise.
   *
   * @throws IllegalArgumentException if the calibration curve is weighted
   */
  Selection select(Curve validation, Curve calibration);

  /**
   * The one-sided {@code 1 − δ} Clopper-Pearson lower bound on the guaranteed rate from calibration
   * counts at the chosen threshold ({@code docs/definitions.md#binomial-intervals}).
   *
   * @throws IllegalArgumentException if the counts are not whole numbers
   */
  double lowerBound(Confusion calibration);
}

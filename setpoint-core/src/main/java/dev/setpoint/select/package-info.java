/**
 * Choosing an operating point on a {@link dev.setpoint.curve.Curve} for a stated objective.
 *
 * <p>Every selection is a {@link dev.setpoint.select.Selection}: {@code Feasible} with the threshold, the
 * lowest threshold with the same objective value (the plateau) and the confusion matrix; or {@code
 * Infeasible} with the reason. Among thresholds with equal objective value the <em>highest</em> wins
 * (fewest flags); see {@code docs/definitions.md#selection-ties}.
 */
@NullMarked
package dev.setpoint.select;

import org.jspecify.annotations.NullMarked;

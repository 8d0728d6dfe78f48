/**
 * How sure we are: confidence intervals for precision and recall at a threshold, thresholds with a
 * guaranteed precision, and the bootstrap of any objective.
 *
 * <ul>
 *   <li>{@link dev.setpoint.stats.IntervalMethod} — Wilson and Clopper-Pearson intervals for k successes
 *       out of n ({@code docs/definitions.md#binomial-intervals}); {@link dev.setpoint.stats.Intervals}
 *       applies them to a {@link dev.setpoint.curve.Confusion}.
 *   <li>{@link dev.setpoint.stats.GuaranteedPrecision} — Learn-then-Test: a threshold whose population
 *       precision is at least p with probability 1 − δ ({@code docs/definitions.md#guaranteed-selection}).
 *   <li>{@link dev.setpoint.stats.Bootstrap} — stratified, seeded, parallel bootstrap of any objective,
 *       reported as percentile intervals by {@link
 *       dev.setpoint.stats.Bootstrap.BootstrapResult} ({@code docs/definitions.md#bootstrap}).
 * </ul>
 *
 * <p>Every statistic here assumes unit-weight rows drawn i.i.d. from the population the threshold will
 * face; weighted data is refused with a message saying why, never silently approximated.
 */
@NullMarked
package dev.setpoint.stats;

import org.jspecify.annotations.NullMarked;

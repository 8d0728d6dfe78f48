/**
 * What a policy does to rows, counted once for every caller: a {@link dev.setpoint.policy.tally.Tally}
 * holds the rows, labelled rows and positives per {@link dev.setpoint.policy.tally.Cell} (segment, band
 * and action) of one policy's decisions, and a {@link dev.setpoint.policy.tally.Comparison} holds two
 * tallies over the same rows with the transitions between them. {@code setpoint decide} and {@code
 * setpoint policy diff} count a file's rows with them, the decision service its logged decisions
 * (monitoring and replay); each only renders the result.
 */
@NullMarked
package dev.setpoint.policy.tally;

import org.jspecify.annotations.NullMarked;

/**
 * "Did you mean …?" for every name a user types — a column, a policy field or action, an objective —
 * by one rule: {@link dev.setpoint.spelling.Suggestions}.
 */
@NullMarked
package dev.setpoint.spelling;

import org.jspecify.annotations.NullMarked;

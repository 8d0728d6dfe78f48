/**
 * "Did you mean …?" for every name a user types — a column, a policy field or action, an objective —
 * by one rule: {@link dev.setpoint.spelling.Suggestions}.
 */
package dev.setpoint.spelling;

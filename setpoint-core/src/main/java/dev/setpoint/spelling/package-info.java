/**
 * What a user typed, shown back: "did you mean …?" for every name a user types — a column, a policy
 * field or action, an objective — by one rule, {@link dev.setpoint.spelling.Suggestions}; and a value
 * echoed in a message or a log line with its hidden characters escaped, by one rule for the command,
 * the Spark job and the server alike, {@link dev.setpoint.spelling.Printable}.
 */
@NullMarked
package dev.setpoint.spelling;

import org.jspecify.annotations.NullMarked;

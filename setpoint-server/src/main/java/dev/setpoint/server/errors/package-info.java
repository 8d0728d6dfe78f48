/**
 * What the server tells a client when something fails on its side, and what it logs instead: each
 * failure gets an error id; the answer carries a sentence and the id, the log carries the id and the
 * cause. Answers never carry SQL, driver or library text, stack traces, or another request's data.
 */
@NullMarked
package dev.setpoint.server.errors;

import org.jspecify.annotations.NullMarked;

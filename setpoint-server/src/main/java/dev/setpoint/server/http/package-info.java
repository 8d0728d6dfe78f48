/**
 * The decision service over HTTP (Javalin on Jetty): {@link
 * dev.setpoint.server.http.DecisionServer} builds the parts and hands each route group the app to
 * register on — decide (single and batch, with time-ordered decision ids, idempotency keys and body budgets), policy versions
 * and activation, the audit record of a decision, labels, health and metrics — and every refusal is
 * answered as an RFC 9457 problem.
 */
@NullMarked
package dev.setpoint.server.http;

import org.jspecify.annotations.NullMarked;

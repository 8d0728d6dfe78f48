/**
 * Where the decision service keeps policy versions, activation events, the audit log of decisions, and
 * labels: one {@link dev.setpoint.server.store.Store} interface, implemented over JDBC for the embedded
 * SQLite file and for PostgreSQL ({@link dev.setpoint.server.store.JdbcStore}), with schemas managed by
 * Flyway migrations under {@code db/migration/<dialect>}.
 */
@NullMarked
package dev.setpoint.server.store;

import org.jspecify.annotations.NullMarked;

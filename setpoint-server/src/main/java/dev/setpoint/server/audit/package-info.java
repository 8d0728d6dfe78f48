/**
 * The durable audit log of decisions: {@link dev.setpoint.server.audit.AuditLog} commits each
 * decision's record in a group commit before the decision is answered, within a bounded queue and
 * commit timeout.
 */
@NullMarked
package dev.setpoint.server.audit;

import org.jspecify.annotations.NullMarked;

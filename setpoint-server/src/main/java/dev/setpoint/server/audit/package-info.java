/**
 * The durable audit log of decisions: {@link dev.setpoint.server.audit.AuditLog} commits each
 * decision's record in a group commit before the decision is answered, within a bounded queue and
 * commit timeout; decision ids are UUID version 7 ({@link dev.setpoint.server.audit.DecisionIds});
 * and logged request attributes are read back as the decider takes them for replay ({@link
 * dev.setpoint.server.audit.AttributeValues}).
 */
@NullMarked
package dev.setpoint.server.audit;

import org.jspecify.annotations.NullMarked;

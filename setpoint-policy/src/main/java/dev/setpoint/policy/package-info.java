/**
 * Policy documents: which action a score gets, per segment of requests, and how each threshold was
 * chosen. A {@link dev.setpoint.policy.Policy} is read and validated by {@link
 * dev.setpoint.policy.PolicyDocuments}, which reports every problem with a JSON-pointer path; the
 * format is in {@code docs/policy.md} and its JSON Schema in {@code policy-v1.schema.json} next to this
 * package. {@link dev.setpoint.policy.decide.Decider} compiles a valid policy for serving.
 */
@NullMarked
package dev.setpoint.policy;

import org.jspecify.annotations.NullMarked;

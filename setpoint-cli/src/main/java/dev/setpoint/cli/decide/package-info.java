/**
 * {@code setpoint decide}: applies a policy to every row of a scored file offline, as the decision
 * service would, and says which attributes the policy matches on that the file does not have.
 */
@NullMarked
package dev.setpoint.cli.decide;

import org.jspecify.annotations.NullMarked;

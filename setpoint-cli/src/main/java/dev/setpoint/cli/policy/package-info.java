/**
 * {@code setpoint policy}: work with policy documents — validate them, explain them in words or
 * trace one decision, compare two versions, print the JSON Schema.
 */
@NullMarked
package dev.setpoint.cli.policy;

import org.jspecify.annotations.NullMarked;

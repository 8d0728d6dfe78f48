/**
 * Command-line options for choosing and writing a policy, as picocli mixins shared by every command
 * that does ({@code setpoint choose}, the Spark job): one declaration, one help text, one set of
 * checks.
 */
@NullMarked
package dev.setpoint.policy.options;

import org.jspecify.annotations.NullMarked;

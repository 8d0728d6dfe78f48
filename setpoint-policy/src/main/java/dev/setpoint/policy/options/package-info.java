/**
 * Command-line options for writing a chosen policy, as picocli mixins shared by every command that
 * writes one ({@code setpoint choose}, the Spark job): one declaration, one help text, one set of
 * checks.
 */
package dev.setpoint.policy.options;

package dev.setpoint.cli.report;

/**
 * How a command prints its report: {@code --format table} (the default, for people) or {@code --format
 * json} (for programs; undefined values are {@code null}, printed by {@link JsonOutput}). The one
 * choice every reporting command offers.
 */
public enum OutputFormat {
  /** Aligned columns for a terminal. */
  TABLE,
  /** One JSON document. */
  JSON
}

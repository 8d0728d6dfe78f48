package dev.setpoint.read;

/**
 * What is wrong with one value of one row. Each defect is a droppable problem: with {@link
 * ReadOptions#dropInvalid()} the row is dropped and counted under {@code "<role> <text>"}, for example
 * {@code "score is not a number"}. Structural problems (a missing column, malformed JSON, a wrong field
 * count) are not defects; they always fail the read.
 */
enum Defect {
  /** An empty text field ({@code ,,} in CSV, {@code ""} in JSON). */
  EMPTY("is empty"),
  /** A JSON {@code null} or a Parquet null. */
  NULL("is null"),
  /** A JSON object without the key (the first object of a file must have every key). */
  MISSING("is missing"),
  /** Text that is not a decimal number, or a value of the wrong kind (a JSON boolean as a score). */
  NOT_A_NUMBER("is not a number"),
  /** NaN or an infinity, written as a word ({@code NaN}, {@code inf}) or overflowing ({@code 1e999}). */
  NOT_FINITE("is not finite"),
  /** A weight below zero. */
  NEGATIVE("is negative"),
  /** A label that matches neither the declared positive nor negative values. */
  UNDECLARED("is not a declared value"),
  /** A JSON object or array where a single value was expected. */
  NOT_SCALAR("is not a single value");

  private final String text;

  Defect(String text) {
    this.text = text;
  }

  /** The sentence fragment, such as {@code is not a number}. */
  String text() {
    return text;
  }
}

package dev.setpoint.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with (error) or suspicious about (warning) a policy document.
 *
 * @param pointer the JSON pointer (RFC 6901) of the value concerned, {@code ""} for the whole document
 * @param message a plain sentence that names the bad value and, where one is known, the fix
 * @param position the line and column of the value in the document's text, when it was read from text
 */
public record Problem(String pointer, String message, Optional<Position> position) {

  public Problem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(position, "position");
  }

  /** A problem without a text position. */
  public static Problem at(String pointer, String message) {
    return new Problem(pointer, message, Optional.empty());
  }

  /**
   * A place in the document's text, 1-based.
   *
   * @param line the line
   * @param column the column
   */
  public record Position(int line, int column) {}

  /** The same problem placed in the text. */
  Problem placed(Optional<Position> at) {
    return new Problem(pointer, message, at);
  }

  /**
   * Formats the problem as compilers do: {@code policy.yaml:12:9: /segments/0/bands/1/minScore:
   * message}.
   *
   * @param source the document's name
   */
  public String describe(String source) {
    StringBuilder sb = new StringBuilder(source);
    position.ifPresent(p -> sb.append(':').append(p.line()).append(':').append(p.column()));
    sb.append(": ").append(pointer.isEmpty() ? "(document)" : pointer).append(": ").append(message);
    return sb.toString();
  }
}

package dev.setpoint.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each value of a document starts in its text, by JSON pointer, so that a problem found on the
 * parsed tree can name a line and column. Built by a second, streaming pass over the text, which the
 * tree parser cannot provide.
 */
final class TextPositions {

  private final Map<String, Problem.Position> byPointer;

  private TextPositions(Map<String, Problem.Position> byPointer) {
    this.byPointer = byPointer;
  }

  /** No positions: for a policy built in memory. */
  static TextPositions none() {
    return new TextPositions(Map.of());
  }

  /**
   * The pointer of the value that starts last at or before {@code at}: for a syntax error, the value
   * being read when the parser stopped; {@code ""} when none starts before it.
   */
  String pointerAt(Problem.Position at) {
    String best = "";
    Problem.Position bestAt = null;
    for (Map.Entry<String, Problem.Position> e : byPointer.entrySet()) {
      Problem.Position p = e.getValue();
      boolean before = p.line() < at.line() || (p.line() == at.line() && p.column() <= at.column());
      boolean later = bestAt == null || p.line() > bestAt.line()
          || (p.line() == bestAt.line() && p.column() > bestAt.column());
      if (before && later) {
        best = e.getKey();
        bestAt = p;
      }
    }
    return best;
  }

  /**
   * Scans {@code text}; stops quietly at the first syntax error, which the tree parser reports.
   *
   * @param factory the JSON or YAML factory the text was parsed with
   */
  static TextPositions scan(JsonFactory factory, String text) {
    Map<String, Problem.Position> positions = new HashMap<>();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          // The new container's own context: its pointer is the parent's plus its name or index.
          pointer = p.getParsingContext().getParent() == null ? ""
              : p.getParsingContext().getParent().pathAsPointer().toString();
        }
        JsonLocation at = p.currentTokenLocation();
        if (at.getLineNr() > 0) {
          positions.putIfAbsent(pointer, new Problem.Position(at.getLineNr(), at.getColumnNr()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Partial positions are still useful; the syntax error itself comes from the tree parser.
      return new TextPositions(positions);
    }
    return new TextPositions(positions);
  }

  /**
   * The position of the value at {@code pointer}, or of its nearest enclosing value that has one (a
   * missing field is placed at the object that should hold it).
   */
  Optional<Problem.Position> of(String pointer) {
    String p = pointer;
    while (true) {
      Problem.Position at = byPointer.get(p);
      if (at != null || p.isEmpty()) {
        return Optional.ofNullable(at);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }
}

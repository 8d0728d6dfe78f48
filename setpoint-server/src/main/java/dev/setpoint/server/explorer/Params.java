package dev.setpoint.server.explorer;

import dev.setpoint.spelling.Printable;
import dev.setpoint.server.api.ApiException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The query parameters of one explorer request, read at the edge: every bad value is a 400 problem
 * whose pointer is {@code ?name} and whose message names the value (as {@link #quoted} shows it)
 * and what was expected. No value may hold a control character: none of the explorer's parameters
 * has a use for one, and a value such as {@code a%00.csv} would otherwise reach the file system or
 * a message.
 */
final class Params {

  /** The most characters of a value a message shows; the rest is counted, not shown. */
  private static final int SHOWN = 60;

  private final Context ctx;

  Params(Context ctx) {
    this.ctx = ctx;
  }

  /** The parameter's text as sent, untrimmed, if present (even blank). */
  Optional<String> raw(String name) {
    String v = ctx.queryParam(name);
    return v == null ? Optional.empty() : Optional.of(checked(name, v));
  }

  /** The parameter's text, trimmed, if present and not blank. */
  Optional<String> text(String name) {
    return raw(name).filter(v -> !v.isBlank()).map(String::trim);
  }

  /** Every value of a repeated parameter, blanks skipped. */
  List<String> all(String name) {
    return ctx.queryParams(name).stream().map(v -> checked(name, v).trim())
        .filter(v -> !v.isEmpty()).toList();
  }

  /** A comma-separated list, blanks skipped; empty when absent. */
  List<String> list(String name) {
    return text(name).map(v -> java.util.Arrays.stream(v.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
  }

  /** A finite number in [min, max], if present. */
  OptionalDouble number(String name, double min, double max) {
    Optional<String> t = text(name);
    if (t.isEmpty()) {
      return OptionalDouble.empty();
    }
    double v;
    try {
      v = Double.parseDouble(t.get());
    } catch (NumberFormatException e) {
      throw bad(name, "must be a number, was " + quoted(t.get()));
    }
    if (!(v >= min && v <= max)) {
      throw bad(name, "must be a finite number in [" + plain(min) + ", " + plain(max) + "], was "
          + quoted(t.get()));
    }
    return OptionalDouble.of(v);
  }

  /** A number strictly between 0 and 1, if present. */
  OptionalDouble open01(String name) {
    OptionalDouble v = number(name, 0, 1);
    if (v.isPresent() && (v.getAsDouble() == 0 || v.getAsDouble() == 1)) {
      throw bad(name, "must be in (0, 1), was " + quoted(text(name).orElse("")));
    }
    return v;
  }

  /** A whole number in [min, max], if present. */
  OptionalInt integer(String name, int min, int max) {
    Optional<String> t = text(name);
    if (t.isEmpty()) {
      return OptionalInt.empty();
    }
    int v;
    try {
      v = Integer.parseInt(t.get());
    } catch (NumberFormatException e) {
      throw notWhole(name, min, max, t.get());
    }
    if (v < min || v > max) {
      throw notWhole(name, min, max, t.get());
    }
    return OptionalInt.of(v);
  }

  private static ApiException notWhole(String name, int min, int max, String value) {
    return bad(name, "must be a whole number in [" + min + ", " + max + "], was " + quoted(value));
  }

  /** {@code true} or {@code false}, if present. */
  Optional<Boolean> bool(String name) {
    Optional<String> t = text(name);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    return switch (t.get()) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> throw bad(name, "must be true or false, was " + quoted(t.get()));
    };
  }

  /** The 400 for a bad parameter. */
  static ApiException bad(String name, String message) {
    return ApiException.field("?" + name, message);
  }

  /** A value as a message shows it ({@link Printable#quoted}), cut at 60 characters. */
  static String quoted(String value) {
    return Printable.quoted(value, SHOWN);
  }

  /** The value, refused when it holds a control character (NUL, line breaks, escape, DEL…). */
  private static String checked(String name, String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw bad(name, "must not contain control characters, was " + quoted(value));
    }
    return value;
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}

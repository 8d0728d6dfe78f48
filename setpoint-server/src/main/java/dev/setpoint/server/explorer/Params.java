package dev.setpoint.server.explorer;

import dev.setpoint.server.http.ApiException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The query parameters of one explorer request, read at the edge: every bad value is a 400 problem
 * whose pointer is {@code ?name} and whose message names the value and what was expected.
 */
final class Params {

  private final Context ctx;

  Params(Context ctx) {
    this.ctx = ctx;
  }

  /** The parameter's text, trimmed, if present and not blank. */
  Optional<String> text(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** Every value of a repeated parameter, blanks skipped. */
  List<String> all(String name) {
    return ctx.queryParams(name).stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
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
      throw bad(name, "must be a number, was '" + t.get() + "'");
    }
    if (!(v >= min && v <= max)) {
      throw bad(name, "must be a finite number in [" + plain(min) + ", " + plain(max) + "], was '"
          + t.get() + "'");
    }
    return OptionalDouble.of(v);
  }

  /** A number strictly between 0 and 1, if present. */
  OptionalDouble open01(String name) {
    OptionalDouble v = number(name, 0, 1);
    if (v.isPresent() && (v.getAsDouble() == 0 || v.getAsDouble() == 1)) {
      throw bad(name, "must be in (0, 1), was '" + text(name).orElse("") + "'");
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
      throw bad(name, "must be a whole number in [" + min + ", " + max + "], was '" + t.get() + "'");
    }
    if (v < min || v > max) {
      throw bad(name, "must be a whole number in [" + min + ", " + max + "], was '" + t.get() + "'");
    }
    return OptionalInt.of(v);
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
      default -> throw bad(name, "must be true or false, was '" + t.get() + "'");
    };
  }

  /** The 400 for a bad parameter. */
  static ApiException bad(String name, String message) {
    return ApiException.field("?" + name, message);
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}

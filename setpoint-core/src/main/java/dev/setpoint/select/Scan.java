package dev.setpoint.select;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;

/**
 * The one pass every objective makes: evaluate a value at each curve point, keep the largest, and apply
 * the tie rule of {@code docs/definitions.md#selection-ties} — the first (highest) threshold with the best
 * value wins, and the last (lowest) one with the same value is remembered as the plateau. A NaN value
 * marks a point that is not allowed (a constraint fails, or the value is undefined) and is skipped.
 */
final class Scan {

  private Scan() {}

  /** The best point's index and the lowest index tied with it; {@code best == -1} when none allowed. */
  record Best(int best, int lowestTied, double value) {
    boolean found() {
      return best >= 0;
    }

    /** The Feasible selection of this best point, reporting {@code reported} as the objective value. */
    Selection.Feasible feasible(Curve curve, double reported) {
      return new Selection.Feasible(new OperatingPoint(curve.threshold(best), curve.confusion(best)),
          curve.threshold(lowestTied), reported);
    }
  }

  static Best max(Curve curve, IntToDoubleFunction value) {
    int best = -1;
    int lowestTied = -1;
    double bestValue = Double.NaN;
    for (int i = 0; i < curve.size(); i++) {
      double v = value.applyAsDouble(i);
      if (Double.isNaN(v)) {
        continue;
      }
      if (best < 0 || v > bestValue) {
        best = i;
        lowestTied = i;
        bestValue = v;
      } else if (v == bestValue) {
        lowestTied = i; // thresholds descend: a later equal point is a lower tied threshold
      }
    }
    return new Best(best, lowestTied, bestValue);
  }

  /** The point {@code score >= t} on the curve with {@code value} of its counts: {@link Objective#at}. */
  static Selection.Feasible at(Curve curve, double t,
      java.util.function.ToDoubleFunction<dev.setpoint.curve.Confusion> value) {
    OperatingPoint p = curve.at(t);
    return new Selection.Feasible(p, t, value.applyAsDouble(p.confusion()));
  }

  /** The point where the curve has no rows of non-zero weight: nothing can be chosen. */
  static Selection.Infeasible empty() {
    return new Selection.Infeasible(
        "the data has no rows of non-zero weight, so there is no threshold to choose");
  }

  /**
   * The refusal of an objective that needs positives: {@link #empty()} for a curve without rows, "the
   * data has no positives, so " and {@code consequence} for one without positives; empty when there
   * are positives.
   */
  static Optional<Selection> withoutPositives(Curve curve, Supplier<String> consequence) {
    if (curve.size() == 0) {
      return Optional.of(empty());
    }
    return curve.positives() > 0 ? Optional.empty()
        : Optional.of(new Selection.Infeasible("the data has no positives, so " + consequence.get()));
  }

  /**
   * The refusal of an objective that needs both classes: {@link #empty()} for a curve without rows, else
   * {@code needs} ("Youden's J needs both positives and negatives, but the data has") followed by the
   * class it lacks; empty when it has both.
   */
  static Optional<Selection> withoutBothClasses(Curve curve, String needs) {
    if (curve.size() == 0) {
      return Optional.of(empty());
    }
    return curve.positives() > 0 && curve.negatives() > 0 ? Optional.empty()
        : Optional.of(new Selection.Infeasible(needs + " "
            + (curve.positives() > 0 ? "no negatives" : "no positives")));
  }

  /**
   * Formats a rate the data gave (a precision, a recall, a flag rate) for a reason sentence: 4 decimals,
   * as every report prints rates ({@code docs/definitions.md#printed-numbers}), or "undefined".
   */
  static String rate(double value) {
    return Double.isNaN(value) ? "undefined" : String.format(java.util.Locale.ROOT, "%.4f", value);
  }

  /**
   * Formats a count the data gave (rows flagged) for a reason sentence: thousands separators, a
   * fractional (weighted) sum with 3 decimals ({@code docs/definitions.md#printed-numbers}).
   */
  static String count(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(java.util.Locale.ROOT, "%,d", (long) value)
        : String.format(java.util.Locale.ROOT, "%,.3f", value);
  }

  /** Formats a value the user gave (a target, a budget) for a reason sentence: 4 significant digits. */
  static String fmt(double value) {
    return Double.isNaN(value) ? "undefined" : significant(value, 4);
  }

  /** A finite value to {@code digits} significant digits, without trailing zeros: {@code 0.1}, {@code 0.333333}. */
  static String significant(double value, int digits) {
    return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%." + digits + "g", value))
        .stripTrailingZeros().toPlainString();
  }

  /** The shortest exact decimal of a value, without trailing zeros, for syntax that must round-trip. */
  static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

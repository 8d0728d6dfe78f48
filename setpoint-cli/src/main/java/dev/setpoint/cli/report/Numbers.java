package dev.setpoint.cli.report;

import dev.setpoint.select.Objective;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * How the CLI prints numbers for people, one way per kind of figure ({@code
 * docs/definitions.md#printed-numbers}): counts with separators, rates to 4 decimals, thresholds
 * exactly, shares of rows as percentages with 2 decimals.
 */
public final class Numbers {

  private Numbers() {}

  /** Rates to 4 decimals; undefined (NaN) as "-". */
  public static String rate(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** Integral counts with thousands separators; fractional (weighted) sums to 3 decimals. */
  public static String count(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return String.format(Locale.ROOT, "%,.3f", value);
  }

  /** The shortest decimal that reads back as the same double; "+inf (flag nothing)" for +∞. */
  public static String threshold(double value) {
    return value == Double.POSITIVE_INFINITY ? "+inf (flag nothing)" : Double.toString(value);
  }

  /** {@code part} as a share of {@code whole}: {@code "5.25 %"}; "-" when {@code whole} is not positive. */
  public static String percent(double part, double whole) {
    return whole > 0 ? String.format(Locale.ROOT, "%.2f %%", 100 * part / whole) : "-";
  }

  /** A relative change from {@code before} to {@code after}, signed: {@code "+27.12 %"}, {@code "-0.16 %"}. */
  public static String change(double before, double after) {
    if (!(before > 0)) {
      return "-";
    }
    return after == before ? "0.00 %"
        : String.format(Locale.ROOT, "%+.2f %%", 100 * (after - before) / before);
  }

  /** A confidence level as a percentage, as the core's sentences write it: {@code 0.95} as {@code "95 %"}. */
  public static String level(double confidence) {
    return brief(100 * confidence) + " %";
  }

  /**
   * An objective's value as the figure it is: a total cost or utility is a count, {@code threshold=T}'s
   * value is its threshold, every other objective's value (recall, precision, F-beta, Youden's J) a rate.
   */
  public static String value(Objective objective, double value) {
    return isCount(objective) ? count(value)
        : objective.measure() == Objective.Measure.THRESHOLD ? threshold(value) : rate(value);
  }

  /** Whether the objective's value is a count (a total cost or utility) rather than a rate. */
  public static boolean isCount(Objective objective) {
    return objective.measure().isTotal();
  }

  /**
   * Six significant digits without trailing zeros, for chart legends and for echoing a value the user
   * gave (a target, a confidence level): {@code 0.0882906}, {@code 0.1}.
   */
  public static String brief(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros()
        .toPlainString();
  }
}

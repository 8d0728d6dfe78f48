package dev.setpoint.cli.report;

import java.math.BigDecimal;
import java.util.Locale;

/** How the CLI prints numbers: rates to 4 decimals, counts with separators, thresholds exactly. */
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

  /** Six significant digits without trailing zeros, for chart legends: {@code 0.0882906}, {@code 0.1}. */
  public static String brief(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros()
        .toPlainString();
  }
}

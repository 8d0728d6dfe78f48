package dev.setpoint.train.model;

/**
 * The logistic function and softplus, computed without overflow.
 *
 * <p>Implementation notes.
 * <ol>
 *   <li>{@code softplus(u) = log(1 + e^u)} is evaluated as {@code max(u, 0) + log1p(exp(-|u|))}: the
 *       exponent is never positive, so nothing overflows, and {@code log1p} keeps full precision when
 *       {@code exp(-|u|)} is tiny. For u = 800 the naive form gives +Inf; this gives 800.
 *   <li>{@code sigmoid(u) = 1 / (1 + e^-u)} is evaluated from {@code e^{-|u|}} for the same reason, with
 *       the negative branch written as {@code e / (1 + e)} so that {@code sigmoid(-800)} is a tiny
 *       positive number rather than 1 − 1 = 0 computed by subtraction.
 * </ol>
 */
public final class Logistic {

  private Logistic() {}

  /** {@code log(1 + e^u)}, stable for every finite u. */
  public static double softplus(double u) {
    return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
  }

  /** {@code 1 / (1 + e^-u)}, stable for every finite u. */
  public static double sigmoid(double u) {
    double e = Math.exp(-Math.abs(u));
    return u >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import java.util.function.ToDoubleFunction;

/**
 * The pass behind {@link Objective#bestInCells}: rows known only by their weight per score cell, read
 * from the top. A threshold inside cell j flags the cells above it (positive weight A_p, negative A_n)
 * and part of the cell, {@code 0 ≤ x ≤ p} of its positives and {@code 0 ≤ y ≤ n} of its negatives, any
 * of that box; each objective gives its best over the box in closed form ({@code
 * docs/definitions.md#sketch-bounds}), and the best over all boxes bounds the exact optimum.
 */
final class Cells {

  private Cells() {}

  /** An objective's best value over one cell's box, larger is better; NaN when no point is allowed. */
  @FunctionalInterface
  interface Box {
    double best(double aboveP, double aboveN, double p, double n);
  }

  /**
   * The largest {@link Box#best} over every cell; with {@code flagNothing}, "flag nothing" (the empty
   * box above every cell) is a candidate too. NaN when no cell allows a point.
   */
  static double best(double[] positives, double[] negatives, boolean flagNothing, Box box) {
    requirePaired(positives, negatives);
    double best = flagNothing ? box.best(0, 0, 0, 0) : Double.NaN;
    double aboveP = 0;
    double aboveN = 0;
    for (int j = 0; j < positives.length; j++) {
      double v = box.best(aboveP, aboveN, positives[j], negatives[j]);
      if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
        best = v;
      }
      aboveP += positives[j];
      aboveN += negatives[j];
    }
    return best;
  }

  /**
   * The best of an objective whose value grows with TP and falls with FP, and whose constraint is
   * easiest there too: each box's best is its corner x = p, y = 0. NaN without positives (the objective
   * needs them), or, with {@code needsNegatives}, without negatives.
   *
   * @param value the objective's value on counts; NaN where they are not allowed
   */
  static double atCorners(double[] positives, double[] negatives, boolean needsNegatives,
      ToDoubleFunction<Confusion> value) {
    double pos = sum(positives);
    double neg = sum(negatives);
    if (!(pos > 0) || (needsNegatives && !(neg > 0))) {
      return Double.NaN;
    }
    return best(positives, negatives, false,
        (ap, an, p, n) -> value.applyAsDouble(confusion(ap + p, an, pos, neg)));
  }

  /**
   * The best of an objective linear in the counts (a cost negated, a utility), "flag nothing" a
   * candidate: each box's best is the corner the signs choose, all of the cell's positives when
   * flagging a positive raises the value ({@code takePositives}), all of its negatives likewise.
   */
  static double linear(double[] positives, double[] negatives, boolean takePositives,
      boolean takeNegatives, ToDoubleFunction<Confusion> value) {
    double pos = sum(positives);
    double neg = sum(negatives);
    return best(positives, negatives, true, (ap, an, p, n) -> value.applyAsDouble(confusion(
        ap + (takePositives ? p : 0), an + (takeNegatives ? n : 0), pos, neg)));
  }

  /** The counts of flagging {@code tp} positive and {@code fp} negative weight out of the totals. */
  static Confusion confusion(double tp, double fp, double positives, double negatives) {
    return new Confusion(tp, fp, Math.max(0, positives - tp), Math.max(0, negatives - fp));
  }

  /** Refuses cells whose positive and negative weights do not pair up. */
  static void requirePaired(double[] positives, double[] negatives) {
    if (positives.length != negatives.length) {
      throw new IllegalArgumentException("cells must pair up, but there are " + positives.length
          + " positive and " + negatives.length + " negative weights");
    }
  }

  /** The total weight of the cells. */
  static double sum(double[] weights) {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }
}

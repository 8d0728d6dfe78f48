package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;

/**
 * Minimise expected cost {@code fn·FN + fp·FP + tp·TP + tn·TN} (a 2×2 cost matrix, per unit of weight).
 * Syntax: {@code cost:fn=10,fp=1} (fn and fp required; tp and tn cost 0 unless named), e.g. "a missed
 * fraud costs 10× a review". Costs are {@code >= 0}: a gain is a {@link MaxUtility utility}.
 *
 * <p>Besides every curve point, "flag nothing" is a candidate (threshold +∞): when false positives are
 * expensive enough it is the cheapest rule, and saying so is the honest answer. Ties go to the higher
 * threshold, and "flag nothing" is the highest of all. The objective value is the total cost.
 *
 * @param fn cost of a false negative (a missed positive)
 * @param fp cost of a false positive (a needless flag)
 * @param tp cost of a true positive (e.g. the review that caught it)
 * @param tn cost of a true negative
 */
record MinCost(double fn, double fp, double tp, double tn) implements Objective {

  /**
   * Validates that every cost is finite and {@code >= 0} (a gain is a utility) and that the costs can
   * tell thresholds apart.
   */
  MinCost {
    for (double c : new double[] {fn, fp, tp, tn}) {
      if (!Double.isFinite(c)) {
        throw new IllegalArgumentException("costs must be finite, was " + c);
      }
      if (c < 0) {
        throw new IllegalArgumentException("costs must be >= 0, was " + Scan.plain(c)
            + "; a gain is a utility (utility:tp=U,fp=U)");
      }
    }
    distinguishes("costs", fn, fp, tp, tn);
  }

  @Override
  public Measure measure() {
    return Measure.TOTAL_COST;
  }

  /**
   * Refuses a matrix under which every threshold scores the same: flagging a positive must change
   * its outcome's value (fn ≠ tp) or flagging a negative must (fp ≠ tn).
   */
  static void distinguishes(String what, double fn, double fp, double tp, double tn) {
    if (fn == tp && fp == tn) {
      throw new IllegalArgumentException(what + " fn=" + Scan.plain(fn) + ", fp=" + Scan.plain(fp)
          + ", tp=" + Scan.plain(tp) + ", tn=" + Scan.plain(tn) + " make every threshold score the "
          + "same; flagging must change the " + ("costs".equals(what) ? "cost" : "utility")
          + " of some outcome");
    }
  }

  /** The total cost of a confusion matrix under this cost matrix. */
  double cost(Confusion c) {
    return fn * c.falseNegatives() + fp * c.falsePositives() + tp * c.truePositives()
        + tn * c.trueNegatives();
  }

  @Override
  public Selection select(Curve curve) {
    return lowest(curve, this::cost, false);
  }

  /**
   * Minimises {@code cost} over "flag nothing" and every curve point; shared with {@link MaxUtility}.
   * An empty curve has no answer ({@link Scan#empty()}).
   *
   * @param negate report the negated cost (a utility) as the objective value
   */
  static Selection lowest(Curve curve, java.util.function.ToDoubleFunction<Confusion> cost,
      boolean negate) {
    if (curve.size() == 0) {
      return Scan.empty();
    }
    Scan.Best best = Scan.max(curve, i -> -cost.applyAsDouble(curve.confusion(i)));
    Confusion nothing = new Confusion(0, 0, curve.positives(), curve.negatives());
    double nothingValue = -cost.applyAsDouble(nothing);
    if (nothingValue >= best.value()) {
      double lowestTied = nothingValue == best.value() ? curve.threshold(best.lowestTied())
          : Double.POSITIVE_INFINITY;
      return new Selection.Feasible(new OperatingPoint(Double.POSITIVE_INFINITY, nothing), lowestTied,
          negate ? nothingValue : -nothingValue);
    }
    return best.feasible(curve, negate ? best.value() : -best.value());
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, this::cost);
  }

  @Override
  public String syntax() {
    return syntax("cost:fn=" + Scan.plain(fn) + ",fp=" + Scan.plain(fp), "tp", tp, "tn", tn);
  }

  /** The cost is linear in the counts: the least over "flag nothing" and each box's cheapest corner. */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    return -Cells.linear(positives, negatives, tp - fn < 0, fp - tn < 0, c -> -cost(c));
  }

  /**
   * A matrix's syntax: {@code named} (the two cells always written) and then each optional cell that is
   * not 0, as {@code ,name=value}; shared with {@link MaxUtility}.
   */
  static String syntax(String named, String third, double thirdValue, String fourth,
      double fourthValue) {
    StringBuilder sb = new StringBuilder(named);
    if (thirdValue != 0) {
      sb.append(',').append(third).append('=').append(Scan.plain(thirdValue));
    }
    if (fourthValue != 0) {
      sb.append(',').append(fourth).append('=').append(Scan.plain(fourthValue));
    }
    return sb.toString();
  }
}

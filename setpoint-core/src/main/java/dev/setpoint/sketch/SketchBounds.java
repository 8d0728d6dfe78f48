package dev.setpoint.sketch;

import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import dev.setpoint.sketch.ScoreSketch.MetricBound;
import dev.setpoint.sketch.SketchSelection.ExactBound;
import dev.setpoint.stats.Interval;
import java.util.OptionalDouble;

/**
 * The bounds a sketch states with its answers: the best objective value the exact engine could reach,
 * and the intervals holding the exact AP and ROC AUC ({@code docs/definitions.md#sketch-bounds}).
 *
 * <p>Implementation notes. The sketch's <em>cells</em>, from the top: bin {@code bins−1} down to bin
 * 0, then the rows below the range. Cell j holds positive weight p and negative weight n; the cells
 * above it hold A_p and A_n. A threshold t inside cell j (above its lower edge, at or below the next
 * one) flags everything above plus part of the cell: TP = A_p + x, FP = A_n + y with 0 ≤ x ≤ p and
 * 0 ≤ y ≤ n [1]. Which (x, y) occurs depends on the order of the rows inside the cell, which the sketch
 * forgot; every (x, y) of the box is possible for some order. So the best value the exact engine can
 * reach is at most the best value over the union of the boxes, and each objective's best over a box
 * is found in closed form, by the objective itself ({@link Objective#bestInCells}):
 *
 * <ol>
 *   <li>recall@precision, precision@recall, F-beta, Youden's J: recall, precision, F-beta and J grow
 *       with TP and fall with FP, and each constraint (precision ≥ p, recall ≥ r) is easiest there
 *       too, so the box's best is its corner x = p, y = 0;
 *   <li>budgets: y = 0, and x as large as the cap allows, {@code min(p, cap − A_p − A_n)}; the box is
 *       infeasible when even x = y = 0 exceeds the cap;
 *   <li>min cost and max utility: the value is linear in (x, y), so its best is at the corner chosen by
 *       the signs of {@code tp − fn} and {@code fp − tn}; "flag nothing" stays a candidate;
 *   <li>at a deployment prevalence: the cells scaled as {@link Curve#atPrevalence} scales the counts,
 *       then the inner objective.
 * </ol>
 *
 * <p>AP [2]: a positive counted at a point whose cumulative counts within its cell are (u, v) scores
 * precision (A_p + u)/(A_p + A_n + u + v). At most (A_p + p)/(A_p + A_n + p) (all the cell's positives
 * above its negatives, tied); at least the integral of (A_p + u)/(A_p + A_n + n + u) over u in [0, p]
 * (every negative above, positives in vanishing steps), which is {@code p − (A_n + n)·ln(1 + p/(A_p +
 * A_n + n))}: the integrand grows with u, so every step's right end is at least its integral. AUC [3]:
 * pairs in different cells are ordered as the sketch says; the cell's own p·n pairs count ½ on the
 * sketch and between 0 and 1 in truth.
 *
 * <p>[1] {@link ScoreSketch#bounds}. [2] {@code docs/definitions.md#average-precision}. [3] {@code
 * docs/definitions.md#roc-auc}.
 */
final class SketchBounds {

  private SketchBounds() {}

  /**
   * Runs the objective on the sketch's curve and bounds the exact answer; the best value over the
   * cells' boxes is the objective's own ({@link Objective#bestInCells}).
   *
   * @throws IllegalArgumentException for {@code threshold=T} (at a prevalence or not): it chooses
   *     nothing, so there is no optimum to bound ({@link ScoreSketch#bounds} bounds its counts)
   */
  static SketchSelection select(Objective objective, Curve curve, double[] p, double[] n) {
    OptionalDouble fixed = objective.fixedThreshold();
    if (fixed.isPresent()) {
      double t = fixed.getAsDouble();
      throw new IllegalArgumentException("threshold=" + t + " chooses nothing, so it has "
          + "no optimum to bound; the sketch bounds its counts with bounds(" + t + ")");
    }
    Selection atEdge = objective.select(curve);
    boolean minimises = objective.measure() == Objective.Measure.TOTAL_COST;
    // In "larger is better" units: a cost is negated.
    double best = minimises ? -objective.bestInCells(p, n) : objective.bestInCells(p, n);
    if (atEdge instanceof Selection.Feasible f) {
      double v = f.objectiveValue();
      if (Double.isNaN(v)) {
        return new SketchSelection(objective, atEdge, new ExactBound.Feasible(Interval.UNDEFINED));
      }
      // The edge is itself in a box, so best >= its value but for rounding; keep the interval ordered.
      double reached = minimises ? -v : v;
      double top = Double.isNaN(best) ? reached : Math.max(best, reached);
      Interval value = minimises ? new Interval(-top, v) : new Interval(v, top);
      return new SketchSelection(objective, atEdge, new ExactBound.Feasible(value));
    }
    if (Double.isNaN(best)) {
      return new SketchSelection(objective, atEdge, new ExactBound.Infeasible());
    }
    boolean recallValued = objective.measure() == Objective.Measure.RECALL;
    if (recallValued && !(sum(p) > 0)) {
      // A budget on rows without positives: a threshold inside a bin may fit the cap, but the recall
      // the engine would report there is undefined, not 0.
      return new SketchSelection(objective, atEdge, new ExactBound.MaybeFeasible(Interval.UNDEFINED));
    }
    // Only a precision target or a budget can fail on the sketch with positives present; both report
    // the recall, which is at least 0. Other objectives keep the unbounded side open.
    double floor = recallValued ? 0 : Double.NEGATIVE_INFINITY;
    Interval value = minimises ? new Interval(-best, Double.POSITIVE_INFINITY)
        : new Interval(Math.min(floor, best), best);
    return new SketchSelection(objective, atEdge, new ExactBound.MaybeFeasible(value));
  }

  /** The interval holding the exact AP; the cells' total positive weight must be > 0. */
  static MetricBound averagePrecision(double atEdges, double[] p, double[] n) {
    double positives = sum(p);
    double low = 0;
    double high = 0;
    double aboveP = 0;
    double aboveN = 0;
    for (int j = 0; j < p.length; j++) {
      double pj = p[j];
      if (pj > 0) {
        high += pj * ((aboveP + pj) / (aboveP + aboveN + pj));
        double b = aboveP + aboveN + n[j]; // the denominator's part that does not grow with u
        double floor = b > 0 ? pj * (aboveP / b) : pj; // the integrand's value at u = 0, all along
        double integral = b - aboveP == 0 ? pj : pj - (b - aboveP) * Math.log1p(pj / b);
        low += Math.min(pj, Math.max(floor, integral));
      }
      aboveP += pj;
      aboveN += n[j];
    }
    return new MetricBound(atEdges, new Interval(Math.min(low / positives, atEdges),
        Math.max(Math.min(1, high / positives), atEdges)));
  }

  /** The interval holding the exact ROC AUC; both classes must have weight. */
  static MetricBound rocAuc(double atEdges, double[] p, double[] n) {
    double positives = sum(p);
    double negatives = sum(n);
    double half = 0;
    for (int j = 0; j < p.length; j++) {
      half += (p[j] / positives) * (n[j] / negatives);
    }
    half /= 2;
    return new MetricBound(atEdges, new Interval(Math.min(atEdges, Math.max(0, atEdges - half)),
        Math.max(atEdges, Math.min(1, atEdges + half))));
  }

  private static double sum(double[] w) {
    double s = 0;
    for (double x : w) {
      s += x;
    }
    return s;
  }
}

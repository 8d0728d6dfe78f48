package dev.setpoint.sketch;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.AtPrevalence;
import dev.setpoint.select.FixedThreshold;
import dev.setpoint.select.FlagBudget;
import dev.setpoint.select.MaxFBeta;
import dev.setpoint.select.MaxUtility;
import dev.setpoint.select.MaxYoudenJ;
import dev.setpoint.select.MinCost;
import dev.setpoint.select.Objective;
import dev.setpoint.select.PrecisionAtRecall;
import dev.setpoint.select.RecallAtPrecision;
import dev.setpoint.select.Selection;
import dev.setpoint.sketch.ScoreSketch.MetricBound;
import dev.setpoint.sketch.SketchSelection.ExactBound;
import dev.setpoint.stats.Interval;
import org.jspecify.annotations.Nullable;

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
 * is found in closed form:
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

  /** The value an objective reaches at the best point of a cell's box; NaN when none is allowed. */
  @FunctionalInterface
  private interface BoxBest {
    double at(double aboveP, double aboveN, double p, double n);
  }

  /**
   * Runs the objective on the sketch's curve and bounds the exact answer.
   *
   * @throws IllegalArgumentException for a {@link FixedThreshold} (at a prevalence or not): it chooses
   *     nothing, so there is no optimum to bound ({@link ScoreSketch#bounds} bounds its counts)
   */
  static SketchSelection select(Objective objective, Curve curve, double[] p, double[] n) {
    Objective inner = objective instanceof AtPrevalence a ? a.objective() : objective;
    if (inner instanceof FixedThreshold f) {
      throw new IllegalArgumentException("threshold=" + f.threshold() + " chooses nothing, so it has "
          + "no optimum to bound; the sketch bounds its counts with bounds(" + f.threshold() + ")");
    }
    Selection atEdge = objective.select(curve);
    boolean minimises = minimises(objective);
    double best = best(objective, p, n); // in "larger is better" units: a cost is negated
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
    if (recallValued(objective) && !(sum(p) > 0)) {
      // A budget on rows without positives: a threshold inside a bin may fit the cap, but the recall
      // the engine would report there is undefined, not 0.
      return new SketchSelection(objective, atEdge, new ExactBound.MaybeFeasible(Interval.UNDEFINED));
    }
    // Only a precision target or a budget can fail on the sketch with positives present; both report
    // the recall, which is at least 0. Other objectives keep the unbounded side open.
    double floor = recallValued(objective) ? 0 : Double.NEGATIVE_INFINITY;
    Interval value = minimises ? new Interval(-best, Double.POSITIVE_INFINITY)
        : new Interval(Math.min(floor, best), best);
    return new SketchSelection(objective, atEdge, new ExactBound.MaybeFeasible(value));
  }

  private static boolean minimises(Objective objective) {
    return objective instanceof MinCost
        || (objective instanceof AtPrevalence a && a.objective() instanceof MinCost);
  }

  private static boolean recallValued(Objective objective) {
    Objective inner = objective instanceof AtPrevalence a ? a.objective() : objective;
    return inner instanceof RecallAtPrecision || inner instanceof FlagBudget;
  }

  /** The best value over every cell's box, larger is better (a cost negated); NaN when none allowed. */
  private static double best(Objective objective, double[] p, double[] n) {
    double positives = sum(p);
    double negatives = sum(n);
    if (objective instanceof AtPrevalence a) {
      if (!(positives > 0 && negatives > 0)) {
        return Double.NaN; // the engine refuses: a prevalence needs both classes
      }
      // The scaling of Curve.atPrevalence, applied to the cells.
      double total = positives + negatives;
      double sp = a.prevalence() * total / positives;
      double sn = (1 - a.prevalence()) * total / negatives;
      double[] ps = new double[p.length];
      double[] ns = new double[n.length];
      for (int j = 0; j < p.length; j++) {
        ps[j] = p[j] * sp;
        ns[j] = n[j] * sn;
      }
      return best(a.objective(), ps, ns);
    }
    BoxBest box = boxBest(objective, positives, negatives);
    if (box == null) {
      return Double.NaN;
    }
    double best = Double.NaN;
    if (objective instanceof MinCost || objective instanceof MaxUtility) {
      best = box.at(0, 0, 0, 0); // "flag nothing"
    }
    double aboveP = 0;
    double aboveN = 0;
    for (int j = 0; j < p.length; j++) {
      double v = box.at(aboveP, aboveN, p[j], n[j]);
      if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
        best = v;
      }
      aboveP += p[j];
      aboveN += n[j];
    }
    return best;
  }

  /** The closed-form best of a cell's box for one objective; null when the engine would refuse. */
  private static @Nullable BoxBest boxBest(Objective objective, double positives, double negatives) {
    boolean hasP = positives > 0;
    boolean hasN = negatives > 0;
    if (objective instanceof RecallAtPrecision o) {
      return !hasP ? null : (ap, an, p, n) -> {
        Confusion c = confusion(ap + p, an, positives, negatives);
        return c.precision() >= o.minPrecision() ? c.recall() : Double.NaN;
      };
    }
    if (objective instanceof PrecisionAtRecall o) {
      return !hasP ? null : (ap, an, p, n) -> {
        Confusion c = confusion(ap + p, an, positives, negatives);
        return c.recall() >= o.minRecall() ? c.precision() : Double.NaN;
      };
    }
    if (objective instanceof MaxFBeta o) {
      return !hasP ? null
          : (ap, an, p, n) -> confusion(ap + p, an, positives, negatives).fBeta(o.beta());
    }
    if (objective instanceof MaxYoudenJ) {
      return !(hasP && hasN) ? null : (ap, an, p, n) -> {
        Confusion c = confusion(ap + p, an, positives, negatives);
        return c.recall() - c.falsePositiveRate();
      };
    }
    if (objective instanceof FlagBudget o) {
      double total = positives + negatives;
      double cap = switch (o.limit()) {
        case FLAGS -> o.value();
        case RATE -> o.value() * total;
        case PER_DAY -> o.value() / o.dailyVolume() * total;
      };
      return (ap, an, p, n) -> {
        if (ap + an > cap) {
          return Double.NaN;
        }
        double x = Math.min(p, cap - ap - an);
        // Without positives the engine's recall is undefined; 0 keeps "feasible" apart from NaN.
        return hasP ? (ap + x) / positives : 0;
      };
    }
    if (objective instanceof MinCost o) {
      boolean takeP = o.tp() - o.fn() < 0; // flagging a positive lowers the cost
      boolean takeN = o.fp() - o.tn() < 0;
      return (ap, an, p, n) -> -o.cost(confusion(ap + (takeP ? p : 0), an + (takeN ? n : 0),
          positives, negatives));
    }
    if (objective instanceof MaxUtility o) {
      boolean takeP = o.tp() - o.fn() > 0;
      boolean takeN = o.fp() - o.tn() > 0;
      return (ap, an, p, n) -> o.utility(confusion(ap + (takeP ? p : 0), an + (takeN ? n : 0),
          positives, negatives));
    }
    throw new IllegalArgumentException("no sketch bound is defined for " + objective.syntax());
  }

  private static Confusion confusion(double tp, double fp, double positives, double negatives) {
    return new Confusion(tp, fp, Math.max(0, positives - tp), Math.max(0, negatives - fp));
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

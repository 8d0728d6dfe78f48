package dev.setpoint.select;

import dev.setpoint.curve.Curve;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A stated rule for choosing an operating point on an exact curve: "max recall while precision ≥ 0.95",
 * "a false negative costs 10× a false positive", "analysts can review 500 cases a day".
 *
 * <p>Every objective is one pass over the curve's k points (O(k)), never over the rows, and answers with
 * a {@link Selection}: {@code Feasible} with the chosen point, or {@code Infeasible} with the reason and
 * the nearest achievable point. Among points with the same objective value the highest threshold wins
 * ({@code docs/definitions.md#selection-ties}). Objectives are immutable values; {@link #syntax()} gives
 * the compact form that {@link ObjectiveParser} reads back, which also reads every form; the factories
 * here build the common ones in code.
 *
 * <p>The objectives themselves are package-private: what other code needs to know about one — what its
 * value measures ({@link #measure()}), the rate it holds at a floor ({@link #constraint()}), its
 * {@link #deploymentPrevalence() deployment prevalence}, a threshold it states outright, its best
 * value on binned data — it asks here, so a new objective is added in this package alone and the
 * compiler lists what it must answer.
 */
public sealed interface Objective
    permits FixedThreshold, MaxFBeta, MaxRateAtFloor, MinCost, MaxUtility,
        FlagBudget, MaxYoudenJ, AtPrevalence {

  /** Maximise recall subject to precision ≥ {@code minPrecision}, in (0, 1]: {@code recall@precision>=P}. */
  static Objective recallAtPrecision(double minPrecision) {
    return new MaxRateAtFloor(new Constraint(Constraint.Rate.PRECISION, minPrecision));
  }

  /** Maximise precision subject to recall ≥ {@code minRecall}, in (0, 1]: {@code precision@recall>=R}. */
  static Objective precisionAtRecall(double minRecall) {
    return new MaxRateAtFloor(new Constraint(Constraint.Rate.RECALL, minRecall));
  }

  /** Maximise F-beta, {@code beta} finite and {@code > 0}: {@code f1} for 1, else {@code fbeta=B}. */
  static Objective fBeta(double beta) {
    return new MaxFBeta(beta);
  }

  /**
   * Minimise the total cost when a false negative costs {@code fn} and a false positive {@code fp}
   * (both {@code >= 0}, not both 0): {@code cost:fn=C,fp=C}.
   */
  static Objective minCost(double fn, double fp) {
    return new MinCost(fn, fp, 0, 0);
  }

  /** Chooses the operating point on the curve. */
  Selection select(Curve curve);

  /**
   * This objective read at a threshold it did not necessarily choose: the counts of {@code score >= t}
   * on the curve and the objective's value there, its constraint not checked. A segment that inherits
   * its parent's threshold reports its own rows this way ({@code docs/definitions.md#segment-fallback});
   * a {@link #deploymentPrevalence() deployment prevalence} reweights the counts as {@link #select} does.
   *
   * @param curve the rows to read
   * @param threshold the threshold, any non-NaN value ({@code +∞} flags nothing)
   * @return a feasible selection at exactly {@code threshold} (no plateau)
   */
  Selection.Feasible at(Curve curve, double threshold);

  /** The compact syntax of this objective, e.g. {@code recall@precision>=0.95}. */
  String syntax();

  /** What this objective's value ({@link Selection.Feasible#objectiveValue()}) measures. */
  Measure measure();

  /**
   * The name of this objective's value in a sentence: its {@link #measure()}'s label, but F-beta's
   * names its beta, {@code F1} or {@code F0.5} (to 6 significant digits).
   */
  default String valueName() {
    return measure().label();
  }

  /**
   * The rate this objective holds at a floor on the data's own counts: precision ≥ P for {@code
   * recall@precision>=P}, recall ≥ R for {@code precision@recall>=R}; empty for every other objective,
   * and for one at a deployment prevalence, whose floor holds on reweighted counts instead.
   */
  default Optional<Constraint> constraint() {
    return Optional.empty();
  }

  /** The deployment prevalence this objective is evaluated at ({@code …;prevalence=Q}); empty if none. */
  default OptionalDouble deploymentPrevalence() {
    return OptionalDouble.empty();
  }

  /**
   * The threshold this objective states outright, for {@code threshold=T} (at a prevalence or not): it
   * chooses nothing. Empty for every objective that chooses its threshold from the data.
   */
  default OptionalDouble fixedThreshold() {
    return OptionalDouble.empty();
  }

  /**
   * The best value this objective could reach on rows known only by their weight in each of a run of
   * score cells, when the order of the rows inside a cell is unknown: any threshold inside a cell flags
   * every cell above it and some of the cell's positives and negatives, any of them. The exact optimum
   * on the rows is never better ({@code docs/definitions.md#sketch-bounds}: each objective's best over
   * such a box of counts is in closed form). "Flag nothing" is a candidate where {@link #select} has it.
   *
   * @param positives the positive weight of each cell, from the highest scores down
   * @param negatives the negative weight of each cell, the same cells
   * @return the best value, in the objective's own units (for a cost, the least); NaN when no threshold
   *     can meet the objective, or when {@link #select} would refuse such data
   * @throws IllegalArgumentException for {@code threshold=T}, which chooses nothing ({@link
   *     #fixedThreshold()}), or if the arrays differ in length
   */
  double bestInCells(double[] positives, double[] negatives);

  /** What an objective's value measures, and so how it is compared and printed. */
  enum Measure {
    /** Recall: {@code recall@precision}, budgets. A rate; larger is better. */
    RECALL,
    /** Precision: {@code precision@recall}. A rate; larger is better. */
    PRECISION,
    /** F-beta. A rate; larger is better. */
    F_BETA,
    /** Youden's J, recall − false positive rate. Larger is better. */
    YOUDENS_J,
    /** A total cost, in the data's weight units. Smaller is better. */
    TOTAL_COST,
    /** A total utility, in the data's weight units. Larger is better. */
    UTILITY,
    /** The threshold itself, for {@code threshold=T}, which compares nothing. */
    THRESHOLD;

    /** Its name in a sentence: {@code recall}, {@code total cost}, {@code Youden's J}, … */
    public String label() {
      return switch (this) {
        case RECALL -> "recall";
        case PRECISION -> "precision";
        case F_BETA -> "F-beta";
        case YOUDENS_J -> "Youden's J";
        case TOTAL_COST -> "total cost";
        case UTILITY -> "utility";
        case THRESHOLD -> "threshold";
      };
    }

    /** Whether the value is a sum over rows (a cost or a utility) rather than a rate or a threshold. */
    public boolean isTotal() {
      return this == TOTAL_COST || this == UTILITY;
    }
  }

  /**
   * A rate held at a floor: the constraint of {@code recall@precision>=P} (precision ≥ P) or of {@code
   * precision@recall>=R} (recall ≥ R), while the objective maximises the other rate.
   *
   * @param rate the rate held
   * @param floor its least allowed value, in (0, 1]
   */
  record Constraint(Rate rate, double floor) {

    /** The rate a constraint holds. */
    public enum Rate {
      /** {@code TP / (TP + FP)}. */
      PRECISION,
      /** {@code TP / P}. */
      RECALL;

      /** {@code precision} or {@code recall}. */
      public String label() {
        return this == PRECISION ? "precision" : "recall";
      }
    }

    /** Validates the floor, naming the rate: {@code precision target must be in (0, 1], was 1.5}. */
    public Constraint {
      Objects.requireNonNull(rate, "rate");
      if (!(floor > 0 && floor <= 1)) {
        throw new IllegalArgumentException(rate.label() + " target must be in (0, 1], was " + floor);
      }
    }

    /** The objective that maximises the other rate under this floor: {@code recall@precision>=P}, … */
    public Objective objective() {
      return new MaxRateAtFloor(this);
    }
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Curve;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Any objective evaluated at a deployment prevalence π' different from the sample's: the evaluation set
 * was balanced, or fraud is 0.2 % in production but 5 % in the labelled sample. Syntax: the inner
 * objective followed by {@code ;prevalence=0.002}.
 *
 * <p>The curve is reweighted ({@link Curve#atPrevalence}) and the inner objective chooses on it, so
 * precision, costs and budgets are those expected in deployment; the chosen point's counts are
 * expected counts per as many rows as the sample has.
 *
 * @param objective the objective to evaluate; not itself an {@code AtPrevalence}
 * @param prevalence π', in (0, 1)
 */
record AtPrevalence(Objective objective, double prevalence) implements Objective {

  /** Validates π' and that prevalences are not nested. */
  AtPrevalence {
    Objects.requireNonNull(objective, "objective");
    if (objective instanceof AtPrevalence) {
      throw new IllegalArgumentException("a deployment prevalence is already set: " + objective.syntax());
    }
    if (!(prevalence > 0 && prevalence < 1)) {
      throw new IllegalArgumentException("prevalence must be in (0, 1), was " + prevalence);
    }
  }

  /** The inner objective's: a prevalence changes the counts, not what is measured. */
  @Override
  public Measure measure() {
    return objective.measure();
  }

  @Override
  public Selection select(Curve curve) {
    return Scan.withoutBothClasses(curve, "a deployment prevalence needs both positives and negatives "
        + "in the sample, but it has").orElseGet(() -> objective.select(curve.atPrevalence(prevalence)));
  }

  /**
   * The inner objective at {@code threshold} on the reweighted curve. A curve without positives or
   * without negatives cannot be reweighted (a segment that inherits a threshold may have no positives
   * at all); its sample counts are read as they are.
   */
  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    if (!(curve.positives() > 0 && curve.negatives() > 0)) {
      return objective.at(curve, threshold);
    }
    return objective.at(curve.atPrevalence(prevalence), threshold);
  }

  @Override
  public String syntax() {
    return objective.syntax() + ";prevalence=" + Scan.plain(prevalence);
  }

  @Override
  public String valueName() {
    return objective.valueName();
  }

  @Override
  public OptionalDouble deploymentPrevalence() {
    return OptionalDouble.of(prevalence);
  }

  @Override
  public OptionalDouble fixedThreshold() {
    return objective.fixedThreshold();
  }

  /**
   * The inner objective's best on the cells scaled as {@link Curve#atPrevalence} scales the counts; NaN
   * unless both classes have weight, which reweighting needs.
   */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    Cells.requirePaired(positives, negatives);
    double pos = Cells.sum(positives);
    double neg = Cells.sum(negatives);
    if (!(pos > 0 && neg > 0)) {
      return Double.NaN; // the engine refuses: a prevalence needs both classes
    }
    double total = pos + neg;
    double sp = prevalence * total / pos;
    double sn = (1 - prevalence) * total / neg;
    double[] ps = new double[positives.length];
    double[] ns = new double[negatives.length];
    for (int j = 0; j < positives.length; j++) {
      ps[j] = positives[j] * sp;
      ns[j] = negatives[j] * sn;
    }
    return objective.bestInCells(ps, ns);
  }
}

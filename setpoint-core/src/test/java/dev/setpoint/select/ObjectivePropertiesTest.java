package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * For random data with ties and every objective: a feasible choice satisfies its constraint, no other
 * curve point (nor "flag nothing" for cost objectives) is strictly better while feasible, no higher
 * point ties it, and shuffling the rows changes nothing. Seeded.
 */
class ObjectivePropertiesTest {

  private record Case(Objective objective, ToDoubleFunction<Confusion> value,
      java.util.function.Predicate<Confusion> feasible) {}

  private static List<Case> cases(SplittableRandom r) {
    double p = 0.3 + 0.7 * r.nextDouble();
    double rec = 0.05 + 0.95 * r.nextDouble();
    MinCost cost = new MinCost(1 + r.nextInt(20), 1, 0, 0);
    MaxUtility utility = new MaxUtility(50, -3, -10, 0);
    FlagBudget budget = FlagBudget.flags(1 + r.nextInt(40));
    FlagBudget rate = FlagBudget.rate(r.nextDouble() * 0.5);
    return List.of(
        new Case(Objective.recallAtPrecision(p), Confusion::recall, c -> c.precision() >= p),
        new Case(Objective.precisionAtRecall(rec), Confusion::precision, c -> c.recall() >= rec),
        new Case(new MaxFBeta(0.5 + r.nextDouble()), null, c -> true),
        new Case(cost, c -> -cost.cost(c), c -> true),
        new Case(utility, utility::utility, c -> true),
        new Case(budget, Confusion::truePositives, c -> c.flagged() <= budget.value()),
        new Case(rate, Confusion::truePositives, c -> c.flagRate() <= rate.value()),
        new Case(new MaxYoudenJ(), c -> c.recall() - c.falsePositiveRate(), c -> true));
  }

  private static Curve randomCurve(SplittableRandom r, double[] scores, boolean[] labels) {
    for (int i = 0; i < scores.length; i++) {
      scores[i] = r.nextInt(1 + r.nextInt(30)) / 10.0;
      labels[i] = r.nextDouble() < 0.3;
    }
    labels[0] = true;
    labels[1] = false;
    return Curve.of(scores, labels);
  }

  @Test
  void chosenPointIsFeasibleAndNoOtherPointIsBetter() {
    SplittableRandom r = new SplittableRandom(41);
    for (int n = 0; n < 300; n++) {
      int size = 2 + r.nextInt(150);
      Curve curve = randomCurve(r, new double[size], new boolean[size]);
      for (Case c : cases(r)) {
        ToDoubleFunction<Confusion> value = c.value() != null ? c.value()
            : conf -> conf.fBeta(((MaxFBeta) c.objective()).beta());
        Selection s = c.objective().select(curve);
        if (!(s instanceof Selection.Feasible f)) {
          // Infeasible only when no curve point satisfies the constraint.
          for (int i = 0; i < curve.size(); i++) {
            assertThat(c.feasible().test(curve.confusion(i)))
                .as("case %d %s point %d", n, c.objective().syntax(), i).isFalse();
          }
          continue;
        }
        Confusion chosen = f.point().confusion();
        assertThat(c.feasible().test(chosen)).as("case %d %s feasible", n, c.objective().syntax())
            .isTrue();
        double chosenValue = value.applyAsDouble(chosen);
        for (int i = 0; i < curve.size(); i++) {
          Confusion other = curve.confusion(i);
          if (!c.feasible().test(other)) {
            continue;
          }
          double v = value.applyAsDouble(other);
          assertThat(v).as("case %d %s point %d", n, c.objective().syntax(), i)
              .isLessThanOrEqualTo(chosenValue);
          if (v == chosenValue) {
            // Ties: the chosen threshold is the highest, the plateau reaches the lowest.
            assertThat(curve.threshold(i)).isLessThanOrEqualTo(f.threshold());
            assertThat(curve.threshold(i)).isGreaterThanOrEqualTo(f.lowestTiedThreshold());
          }
        }
      }
    }
  }

  @Test
  void shufflingRowsChangesNoSelection() {
    SplittableRandom r = new SplittableRandom(42);
    for (int n = 0; n < 200; n++) {
      int size = 2 + r.nextInt(150);
      double[] scores = new double[size];
      boolean[] labels = new boolean[size];
      Curve curve = randomCurve(r, scores, labels);
      for (int i = size - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        double ts = scores[i];
        scores[i] = scores[j];
        scores[j] = ts;
        boolean tl = labels[i];
        labels[i] = labels[j];
        labels[j] = tl;
      }
      Curve shuffled = Curve.of(scores, labels);
      for (Case c : cases(new SplittableRandom(n))) {
        assertThat(c.objective().select(shuffled)).as("case %d %s", n, c.objective().syntax())
            .isEqualTo(c.objective().select(curve));
      }
    }
  }

  @Test
  void constrainedObjectivesAgreeWithBruteForce() {
    SplittableRandom r = new SplittableRandom(43);
    for (int n = 0; n < 300; n++) {
      int size = 2 + r.nextInt(100);
      Curve curve = randomCurve(r, new double[size], new boolean[size]);
      for (Objective o : List.of(Objective.recallAtPrecision(0.2 + 0.8 * r.nextDouble()),
          Objective.precisionAtRecall(0.1 + 0.9 * r.nextDouble()), new MaxFBeta(1), new MaxYoudenJ())) {
        assertThat(o.select(curve)).as("case %d %s", n, o.syntax())
            .isEqualTo(BruteForce.select(o, curve));
      }
    }
  }

  @Test
  void readingAnObjectiveAtItsChosenThresholdGivesTheChosenCountsAndValue() {
    SplittableRandom r = new SplittableRandom(44);
    for (int n = 0; n < 300; n++) {
      int size = 2 + r.nextInt(150);
      Curve curve = randomCurve(r, new double[size], new boolean[size]);
      List<Objective> objectives = new java.util.ArrayList<>();
      cases(r).forEach(c -> objectives.add(c.objective()));
      objectives.add(new FixedThreshold(r.nextInt(30) / 10.0));
      objectives.add(new AtPrevalence(Objective.recallAtPrecision(0.2 + 0.6 * r.nextDouble()),
          0.01 + 0.9 * r.nextDouble()));
      objectives.add(new AtPrevalence(Objective.minCost(1 + r.nextInt(20), 1), 0.01 + 0.9 * r.nextDouble()));
      for (Objective o : objectives) {
        if (!(o.select(curve) instanceof Selection.Feasible f)) {
          continue;
        }
        Selection.Feasible read = o.at(curve, f.threshold());
        assertThat(read.point()).as("case %d %s", n, o.syntax()).isEqualTo(f.point());
        assertThat(read.objectiveValue()).as("case %d %s", n, o.syntax())
            .isEqualTo(f.objectiveValue());
      }
    }
  }
}

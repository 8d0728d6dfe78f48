package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Curve;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExampleCostsTest {

  @Test
  void aLargeMissedAmountPullsTheThresholdDown() {
    // Scores 0.9- 0.6+ 0.5- 0.2+ ; amounts of the positives 10 (at 0.6) and 1000 (at 0.2); a review
    // of a negative costs 5. Flag down to 0.2: cost 5 + 5 = 10, versus missing 1000 anywhere above.
    double[] scores = {0.9, 0.6, 0.5, 0.2};
    boolean[] labels = {false, true, false, true};
    Curve counts = Curve.of(scores, labels);
    Curve costs = Curve.of(scores, labels, new double[] {5, 10, 5, 1000});

    Selection.Feasible f = (Selection.Feasible) ExampleCosts.select(counts, costs);
    assertThat(f.threshold()).isEqualTo(0.2);
    assertThat(f.objectiveValue()).isEqualTo(10.0);
    assertThat(f.point().confusion().truePositives()).isEqualTo(2.0);
  }

  @Test
  void flaggingNothingWinsWhenReviewsCostMoreThanMisses() {
    double[] scores = {0.9, 0.1};
    boolean[] labels = {true, false};
    Selection.Feasible f = (Selection.Feasible) ExampleCosts.select(Curve.of(scores, labels),
        Curve.of(scores, labels, new double[] {1, 100}));
    // Flag 0.9: cost 0 (caught) + 0 = 0 beats nothing (1): choose 0.9.
    assertThat(f.threshold()).isEqualTo(0.9);
    Selection.Feasible g = (Selection.Feasible) ExampleCosts.select(Curve.of(scores, labels),
        Curve.of(new double[] {0.9, 0.95}, new boolean[] {true, false}, new double[] {1, 100}));
    assertThat(g.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void equalsMinCostWhenEveryExampleCostsTheSame() {
    SplittableRandom r = new SplittableRandom(5);
    for (int n = 0; n < 200; n++) {
      int size = 2 + r.nextInt(80);
      double[] scores = new double[size];
      boolean[] labels = new boolean[size];
      double[] costs = new double[size];
      for (int i = 0; i < size; i++) {
        scores[i] = r.nextInt(20) / 20.0;
        labels[i] = r.nextDouble() < 0.3;
        costs[i] = labels[i] ? 10 : 1;
      }
      Curve counts = Curve.of(scores, labels);
      Selection viaExamples = ExampleCosts.select(counts, Curve.of(scores, labels, costs));
      Selection viaMatrix = Objective.minCost(10, 1).select(counts);
      Selection.Feasible a = (Selection.Feasible) viaExamples;
      Selection.Feasible b = (Selection.Feasible) viaMatrix;
      assertThat(a.threshold()).as("case %d", n).isEqualTo(b.threshold());
      assertThat(a.objectiveValue()).as("case %d", n).isEqualTo(b.objectiveValue());
      assertThat(a.point()).isEqualTo(b.point());
    }
  }
}

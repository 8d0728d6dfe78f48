package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Curve;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets at their edges (docs/definitions.md#objectives). */
class FlagBudgetTest {

  private final Curve curve = Curve.of(new double[] {0.9, 0.8, 0.8, 0.4, 0.1},
      new boolean[] {true, false, true, false, true});

  @Test
  void aBudgetOfNothingIsMetByFlaggingNothing() {
    for (Objective budget : List.of(FlagBudget.flags(0), FlagBudget.rate(0),
        FlagBudget.perDay(0, 1000), ObjectiveParser.parse("budget:flags<=0"))) {
      Selection s = budget.select(curve);

      assertThat(s).as(budget.syntax()).isInstanceOf(Selection.Feasible.class);
      Selection.Feasible f = (Selection.Feasible) s;
      assertThat(f.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(f.point().confusion().flagged()).isZero();
      assertThat(f.objectiveValue()).as("recall").isZero();
    }
  }

  @Test
  void aBudgetNoPointFitsIsStillInfeasibleWithTheTopPointAsNearest() {
    Curve tiedTop = Curve.of(new double[] {0.9, 0.9, 0.9, 0.1}, new boolean[] {true, false, true,
        false});
    Selection s = FlagBudget.flags(2).select(tiedTop);

    assertThat(s).isInstanceOf(Selection.Infeasible.class);
    assertThat(((Selection.Infeasible) s).nearest().orElseThrow().threshold()).isEqualTo(0.9);
  }
}

package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectiveParserTest {

  @Test
  void readsEveryForm() {
    assertThat(ObjectiveParser.parse("recall@precision>=0.95")).isEqualTo(new RecallAtPrecision(0.95));
    assertThat(ObjectiveParser.parse("precision@recall>=0.8")).isEqualTo(new PrecisionAtRecall(0.8));
    assertThat(ObjectiveParser.parse("f1")).isEqualTo(new MaxFBeta(1));
    assertThat(ObjectiveParser.parse("fbeta=2")).isEqualTo(new MaxFBeta(2));
    assertThat(ObjectiveParser.parse("cost:fn=10,fp=1")).isEqualTo(MinCost.of(10, 1));
    assertThat(ObjectiveParser.parse(" cost: fp = 1 , fn = 10 , tp = 0.5 "))
        .isEqualTo(new MinCost(10, 1, 0.5, 0));
    assertThat(ObjectiveParser.parse("utility:tp=120,fp=-4"))
        .isEqualTo(new MaxUtility(120, -4, 0, 0));
    assertThat(ObjectiveParser.parse("budget:flags<=500")).isEqualTo(FlagBudget.flags(500));
    assertThat(ObjectiveParser.parse("budget:rate<=0.01")).isEqualTo(FlagBudget.rate(0.01));
    assertThat(ObjectiveParser.parse("budget:flags<=500/day,volume=120000/day"))
        .isEqualTo(FlagBudget.perDay(500, 120000));
    assertThat(ObjectiveParser.parse("Youden")).isEqualTo(new MaxYoudenJ());
    assertThat(ObjectiveParser.parse("threshold=0.5")).isEqualTo(new FixedThreshold(0.5));
    assertThat(ObjectiveParser.parse("recall@precision>=0.9;prevalence=0.002"))
        .isEqualTo(new AtPrevalence(new RecallAtPrecision(0.9), 0.002));
  }

  @Test
  void syntaxReadsBackToAnEqualObjective() {
    for (Objective o : List.of(new RecallAtPrecision(0.95), new PrecisionAtRecall(0.123456789),
        new MaxFBeta(1), new MaxFBeta(0.5), MinCost.of(12345.678, 1), new MinCost(3, 1, -2, 0.25),
        new MaxUtility(120, -4, -100, 0), FlagBudget.flags(500), FlagBudget.rate(0.004),
        FlagBudget.perDay(500, 120000), new MaxYoudenJ(), new FixedThreshold(0.3),
        new AtPrevalence(MinCost.of(10, 1), 0.05))) {
      assertThat(ObjectiveParser.parse(o.syntax())).as(o.syntax()).isEqualTo(o);
    }
  }

  @Test
  void outOfRangeTargetPointsAtTheNumber() {
    assertThatThrownBy(() -> ObjectiveParser.parse("recall@precision>=1.5"))
        .isInstanceOf(ObjectiveSyntaxException.class)
        .hasMessage("precision target must be in (0, 1], was 1.5 at position 18:\n"
            + "  recall@precision>=1.5\n"
            + "                    ^");
  }

  @Test
  void unknownObjectiveListsTheForms() {
    assertThatThrownBy(() -> ObjectiveParser.parse("recal@precision>=0.9"))
        .isInstanceOf(ObjectiveSyntaxException.class)
        .hasMessageStartingWith("unknown objective 'recal@precision>=0.9' (did you mean "
            + "'recall@precision>=0.9'?); expected one of f1,")
        .satisfies(e -> assertThat(((ObjectiveSyntaxException) e).position()).isZero());
  }

  @Test
  void misspeltObjectiveSuggestsTheNearestFormWithTheValueAsTyped() {
    assertThat(catchSyntax("recall@precison>=0.95").problem())
        .startsWith("unknown objective 'recall@precison>=0.95' (did you mean "
            + "'recall@precision>=0.95'?)");
    assertThat(catchSyntax("recall@precision=0.95").problem())
        .contains("(did you mean 'recall@precision>=0.95'?)");
    assertThat(catchSyntax("precision@recall>0.8").problem())
        .contains("(did you mean 'precision@recall>=0.8'?)");
    assertThat(catchSyntax("Threshold:0.5").problem())
        .contains("(did you mean 'threshold=0.5'?)");
    assertThat(catchSyntax("cots:fn=10,fp=1").problem())
        .contains("(did you mean 'cost:fn=10,fp=1'?)");
    assertThat(catchSyntax("yuoden").problem()).contains("(did you mean 'youden'?)");
    assertThat(catchSyntax("f1score").problem()).doesNotContain("did you mean");
    assertThat(catchSyntax("accuracy").problem())
        .isEqualTo("unknown objective 'accuracy'; expected one of " + ObjectiveParser.FORMS);
  }

  @Test
  void badNumberAndUnknownCellPointAtTheirToken() {
    ObjectiveSyntaxException notNumber = catchSyntax("cost:fn=ten,fp=1");
    assertThat(notNumber.problem()).isEqualTo("'ten' is not a number");
    assertThat(notNumber.position()).isEqualTo(8);
    ObjectiveSyntaxException cell = catchSyntax("cost:fn=10,fq=1");
    assertThat(cell.problem()).startsWith("unknown cell 'fq'");
    assertThat(cell.position()).isEqualTo(11);
    assertThat(catchSyntax("budget:flags<=500/day").problem())
        .contains("needs the daily volume");
    assertThat(catchSyntax("f1;prevalence=1.2").problem()).contains("prevalence must be in (0, 1)");
    assertThat(catchSyntax("f1 extra").problem()).isEqualTo("unexpected 'extra'");
    assertThat(catchSyntax("").problem()).startsWith("missing objective");
  }

  private static ObjectiveSyntaxException catchSyntax(String text) {
    try {
      ObjectiveParser.parse(text);
    } catch (ObjectiveSyntaxException e) {
      return e;
    }
    throw new AssertionError("expected a syntax error for '" + text + "'");
  }
}

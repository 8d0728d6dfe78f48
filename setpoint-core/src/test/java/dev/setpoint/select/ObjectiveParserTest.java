package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectiveParserTest {

  @Test
  void readsEveryForm() {
    assertThat(ObjectiveParser.parse("recall@precision>=0.95")).isEqualTo(Objective.recallAtPrecision(0.95));
    assertThat(ObjectiveParser.parse("precision@recall>=0.8")).isEqualTo(Objective.precisionAtRecall(0.8));
    assertThat(ObjectiveParser.parse("f1")).isEqualTo(new MaxFBeta(1));
    assertThat(ObjectiveParser.parse("fbeta=2")).isEqualTo(new MaxFBeta(2));
    assertThat(ObjectiveParser.parse("cost:fn=10,fp=1")).isEqualTo(Objective.minCost(10, 1));
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
        .isEqualTo(new AtPrevalence(Objective.recallAtPrecision(0.9), 0.002));
  }

  @Test
  void syntaxReadsBackToAnEqualObjective() {
    for (Objective o : List.of(Objective.recallAtPrecision(0.95), Objective.precisionAtRecall(0.123456789),
        new MaxFBeta(1), new MaxFBeta(0.5), Objective.minCost(12345.678, 1), new MinCost(3, 1, 2, 0.25),
        new MaxUtility(120, -4, -100, 0), new MaxUtility(0, -1, -5, 0), FlagBudget.flags(500), FlagBudget.rate(0.004),
        FlagBudget.perDay(500, 120000), new MaxYoudenJ(), new FixedThreshold(0.3),
        new AtPrevalence(Objective.minCost(10, 1), 0.05))) {
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

  @Test
  void aCostWithoutFnOrFpIsRefusedPointingWhereTheMissingCellGoes() {
    ObjectiveSyntaxException noFp = catchSyntax("cost:fn=10");
    assertThat(noFp.problem()).isEqualTo("missing fp=C: cost needs both fn=C and fp=C, e.g. "
        + "cost:fn=10,fp=1");
    assertThat(noFp.position()).isEqualTo(10);
    assertThat(catchSyntax("cost:fp=1,tp=2").problem()).startsWith("missing fn=C: cost needs both");
    assertThat(catchSyntax("cost:tn=1").problem()).startsWith("missing fn=C");
  }

  @Test
  void aNegativeCostIsRefusedAtItsValueAndPointsToUtility() {
    ObjectiveSyntaxException negative = catchSyntax("cost:fn=-10,fp=1");
    assertThat(negative.problem()).isEqualTo("fn=-10 is a negative cost; a cost is >= 0, and a gain "
        + "is a utility: write it as utility:tp=U,fp=U (e.g. utility:tp=120,fp=-4)");
    assertThat(negative.position()).isEqualTo(8);
    assertThat(catchSyntax("cost:fn=10, fp = -1").position()).isEqualTo(17);
    assertThat(catchSyntax("cost:fn=10,fp=1,tp=-5").problem()).startsWith("tp=-5 is a negative cost");
  }

  @Test
  void aCostOrUtilityUnderWhichEveryThresholdScoresTheSameIsRefused() {
    assertThat(catchSyntax("cost:fn=0,fp=0").problem()).isEqualTo("costs fn=0, fp=0, tp=0, tn=0 "
        + "make every threshold score the same; flagging must change the cost of some outcome");
    assertThat(catchSyntax("cost:fn=3,fp=2,tp=3,tn=2").problem())
        .contains("make every threshold score the same");
    assertThat(catchSyntax("utility:tp=0,fp=0").problem()).isEqualTo("utilities fn=0, fp=0, tp=0, "
        + "tn=0 make every threshold score the same; flagging must change the utility of some "
        + "outcome");
  }

  @Test
  void aUtilityWithoutTpOrFpIsRefused() {
    assertThat(catchSyntax("utility:tp=120").problem()).isEqualTo("missing fp=U: utility needs both "
        + "tp=U and fp=U, e.g. utility:tp=120,fp=-4");
    assertThat(catchSyntax("utility:fp=-4,fn=-100").problem()).startsWith("missing tp=U");
  }

  @Test
  void everyFamilyRefusesItsOutOfRangeNumbersAtTheNumber() {
    record Refusal(String objective, int position, String problem) {}
    for (Refusal r : List.of(
        new Refusal("fbeta=0", 6, "beta must be finite and > 0, was 0.0"),
        new Refusal("fbeta=-1", 6, "beta must be finite and > 0, was -1.0"),
        new Refusal("recall@precision>=1.5", 18, "precision target must be in (0, 1], was 1.5"),
        new Refusal("recall@precision>=0", 18, "precision target must be in (0, 1], was 0.0"),
        new Refusal("precision@recall>=1.01", 18, "recall target must be in (0, 1], was 1.01"),
        new Refusal("budget:rate<=1.5", 13, "a flag rate budget must be in [0, 1], was 1.5"),
        new Refusal("budget:rate<=-0.1", 13, "budget must be finite and >= 0, was -0.1"),
        new Refusal("budget:flags<=-3", 14, "budget must be finite and >= 0, was -3.0"),
        new Refusal("budget:flags<=5/day,volume=0/day", 27,
            "daily volume must be finite and > 0, was 0.0"),
        new Refusal("f1;prevalence=0", 14, "prevalence must be in (0, 1), was 0.0"),
        new Refusal("f1;prevalence=1", 14, "prevalence must be in (0, 1), was 1.0"))) {
      ObjectiveSyntaxException e = catchSyntax(r.objective());
      assertThat(e.problem()).as(r.objective()).isEqualTo(r.problem());
      assertThat(e.position()).as(r.objective()).isEqualTo(r.position());
    }
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

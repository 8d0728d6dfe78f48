package dev.setpoint.server.store;

import static dev.setpoint.server.store.StoreContractTest.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionGroupTest {

  private static List<DecisionRecord> batch(String group, int n) {
    List<DecisionRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(decision(group + "." + i, 1000));
    }
    return out;
  }

  @Test
  void aBatchRoundTripsThroughItsEncoding() {
    List<DecisionRecord> records = batch("g", 123);
    DecisionGroup group = DecisionGroup.of(records);
    assertThat(group.id()).isEqualTo("g");
    assertThat(group.size()).isEqualTo(123);
    assertThat(group.indexed()).isTrue();
    assertThat(group.decode()).isEqualTo(records);
  }

  @Test
  void aSingleDecisionIsAGroupOfOneWithoutIndex() {
    DecisionRecord d = decision("0190b3c4-0000-7000-8000-000000000000", 1000);
    DecisionGroup group = DecisionGroup.of(List.of(d));
    assertThat(group.indexed()).isFalse();
    assertThat(group.decode()).containsExactly(d);
  }

  @Test
  void idsMustBeTheGroupsIndicesInOrderExactly() {
    for (String bad : List.of("g.01", "g.+1", "g.2", "h.1", "g1", "g.1.0", "g.", "g.1 ")) {
      List<DecisionRecord> records = new ArrayList<>(List.of(decision("g.0", 1000),
          decision(bad, 1000)));
      assertThatThrownBy(() -> DecisionGroup.of(records)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not belong to group g as decision g.1");
    }
    List<DecisionRecord> twelve = batch("g", 12);
    twelve.set(10, decision("g.01", 1000));
    assertThatThrownBy(() -> DecisionGroup.of(twelve)).hasMessageContaining("as decision g.10");
  }

  @Test
  void aGroupHasOneTimePolicyAndVersion() {
    assertThatThrownBy(() -> DecisionGroup.of(List.of(decision("g.0", 1000),
        decision("g.1", 2000)))).hasMessageContaining("does not belong to group g");
  }

  @Test
  void splitGroupsByIdInOrderOfFirstAppearance() {
    List<DecisionRecord> mixed = List.of(decision("a", 1000), decision("b.0", 1000),
        decision("c", 1000), decision("b.1", 1000));
    assertThat(DecisionGroup.split(mixed)).extracting(DecisionGroup::id, DecisionGroup::size)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1),
            org.assertj.core.groups.Tuple.tuple("b", 2), org.assertj.core.groups.Tuple.tuple("c", 1));
  }

  @Test
  void readsGroupsWrittenInTheFirstForm() {
    String first = "[[\"eu\",1,\"review\",\"eu-analysts\",0.62,0.7,\"matched\",\"tier\","
        + "{\"jurisdiction\":\"EU\"}],[\"eu\",1,\"review\",\"eu-analysts\",0.62,0.7,\"matched\","
        + "\"tier\",{\"jurisdiction\":\"EU\"}]]";
    DecisionGroup stored = new DecisionGroup("g", java.time.Instant.ofEpochMilli(1000), "fraud", 1,
        2, true, first);
    assertThat(stored.decode()).isEqualTo(batch("g", 2));
  }

  @Test
  void aBatchStoresEachDistinctOutcomeOnce() {
    List<DecisionRecord> records = batch("g", 1000);
    String encoded = DecisionGroup.of(records).records();
    assertThat(encoded.split("eu-analysts", -1)).hasSize(2);
    assertThat(encoded.length() / 1000).as("bytes per decision").isLessThan(40);
  }

  @Test
  void outcomesAreListedOnceInOrderOfFirstAppearanceWithAnIndexPerDecision() {
    DecisionRecord review = decision("g.0", 1000);
    DecisionRecord allow = new DecisionRecord("g.1", review.at(), "fraud", 1, "eu", 2, "allow",
        java.util.Optional.empty(), java.util.OptionalDouble.empty(), 0.1, "matched", List.of(),
        "{}");
    DecisionRecord reviewAgain = decision("g.2", 1000);
    Outcomes outcomes = Outcomes.of(List.of(review, allow, reviewAgain));
    assertThat(outcomes.distinct()).containsExactly(review.outcome(), allow.outcome());
    assertThat(new int[] {outcomes.of(0), outcomes.of(1), outcomes.of(2)}).containsExactly(0, 1, 0);
    assertThatThrownBy(() -> DecisionGroup.of(List.of(review), outcomes))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 outcome indices for 1");
  }
}

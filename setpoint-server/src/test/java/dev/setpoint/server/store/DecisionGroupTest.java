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

  /** Where {@code needle} lies in {@code text} at or after {@code from}: start, end. */
  private static int[] span(String text, String needle, int from) {
    int at = text.indexOf(needle, from);
    return new int[] {at, at + needle.length()};
  }

  @Test
  void aBatchStoresRequestsThatSendTheGroupsNamesByTheirValuesAndReadsBackTheirObjects() {
    // ASCII, so that character offsets are byte offsets (UTF-8 is DecisionServerTest's).
    String a = "{\"jurisdiction\": \"EU\", \"tier\": \"premium\", \"amount\": 1234}";
    String b = "{\"tier\": \"basic\", \"jurisdiction\": \"US\"}";
    String c = "{\"jurisdiction\":\"CA\",\"tier\":null,\"amount\":-5e3}";
    String body = "[{\"score\": 0.5, \"attributes\": " + a + "}, {\"score\": 1E-3, \"attributes\": "
        + b + "}, {\"score\": 0.25, \"attributes\": " + c + "}, {\"score\": 1}]";
    int ia = body.indexOf(a);
    int ib = body.indexOf(b);
    int ic = body.indexOf(c);
    int[] spans = new int[16];
    int k = 0;
    for (int[] part : new int[][] {span(body, "0.5", 0), span(body, a, 0), span(body, "1E-3", 0),
        span(body, b, 0), span(body, "0.25", 0), span(body, c, 0), span(body, "1}]", ic),
        {-1, -1}}) {
      spans[k++] = part[0];
      spans[k++] = part[1];
    }
    spans[13] = spans[12] + 1; // the last score is "1", without the brackets
    int[] values = new int[24];
    java.util.Arrays.fill(values, -1);
    k = 0;
    for (int[] part : new int[][] {span(body, "\"EU\"", ia), span(body, "\"premium\"", ia),
        span(body, "1234", ia)}) {
      values[k++] = part[0];
      values[k++] = part[1];
    }
    k = 12;
    for (int[] part : new int[][] {span(body, "\"CA\"", ic), span(body, "null", ic),
        span(body, "-5e3", ic)}) {
      values[k++] = part[0];
      values[k++] = part[1];
    }
    byte[] text = body.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Outcomes.Builder<String> outcomes = new Outcomes.Builder<>(4,
        key -> decision("g.0", 1000).outcome());
    for (int i = 0; i < 4; i++) {
      outcomes.add("review");
    }
    List<String> names = List.of("jurisdiction", "tier", "amount");
    DecisionGroup group = DecisionGroup.ofBatch("g", java.time.Instant.ofEpochMilli(1000), "fraud",
        1, outcomes.build(), new DecisionGroup.BatchInputs(text, spans, names, values));
    assertThat(group.records()).contains("\"names\":[\"jurisdiction\",\"tier\",\"amount\"]")
        .contains("[0,0.5,[\"EU\",\"premium\",1234]]").contains("[0,1E-3," + b + "]")
        .contains("[0,0.25,[\"CA\",null,-5e3]]").contains("[0,1,{}]");
    assertThat(ib).isPositive();
    List<DecisionRecord> read = group.decode();
    assertThat(read).extracting(DecisionRecord::id).containsExactly("g.0", "g.1", "g.2", "g.3");
    assertThat(read).extracting(DecisionRecord::score).containsExactly(0.5, 0.001, 0.25, 1.0);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    String[] sent = {a, b, c, "{}"};
    for (int i = 0; i < 4; i++) {
      assertThat(readTree(json, read.get(i).attributes())).as("decision %d", i)
          .isEqualTo(readTree(json, sent[i]));
    }
    assertThatThrownBy(() -> new DecisionGroup.BatchInputs(text, spans, List.of("a"), values))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole decisions");
    int[] outside = values.clone();
    outside[1] = text.length + 1;
    assertThatThrownBy(() -> new DecisionGroup.BatchInputs(text, spans, names, outside))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value span 0");
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(
      com.fasterxml.jackson.databind.ObjectMapper json, String text) {
    try {
      return json.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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

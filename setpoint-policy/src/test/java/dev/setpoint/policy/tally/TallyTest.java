package dev.setpoint.policy.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.policy.tally.Comparison.ActionChange;
import dev.setpoint.policy.tally.Comparison.Transition;
import dev.setpoint.policy.tally.Tally.Label;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TallyTest {

  static final String CURRENT = """
      apiVersion: setpoint/v1
      kind: Policy
      name: card-fraud
      segments:
        - name: eu
          match: { jurisdiction: EU }
          bands:
            - { action: block, minScore: 0.9 }
            - { action: review, minScore: 0.5, queue: eu }
            - { action: allow }
        - name: default
          match: {}
          bands:
            - { action: review, minScore: 0.7 }
            - { action: allow }
      """;

  /** The same segments, with the EU block band lowered and the default's review band raised. */
  static final String CANDIDATE = CURRENT.replace("minScore: 0.9", "minScore: 0.8")
      .replace("minScore: 0.7", "minScore: 0.75");

  static Decider compile(String yaml) {
    Validation v = PolicyDocuments.parse(yaml, PolicyDocuments.Format.YAML, "policy.yaml");
    assertThat(v).as(v.toString()).isInstanceOf(Validation.Valid.class);
    return Decider.compile((Validation.Valid) v);
  }

  private final Decider current = compile(CURRENT);
  private final Decider candidate = compile(CANDIDATE);

  /** One row: a score, its jurisdiction (null: missing), its label and weight. */
  record Row(double score, String jurisdiction, Label label, double weight) {
    Map<String, Object> request() {
      Map<String, Object> r = new HashMap<>();
      r.put("jurisdiction", jurisdiction);
      return r;
    }
  }

  /** Six rows worked by hand against CURRENT and CANDIDATE (comments: cell under each). */
  static final List<Row> GOLDEN = List.of(
      new Row(0.95, "EU", Label.POSITIVE, 1),  // eu/0 block, eu/0 block
      new Row(0.85, "EU", Label.POSITIVE, 2),  // eu/1 review, eu/0 block
      new Row(0.60, "EU", Label.NEGATIVE, 1),  // eu/1 review, eu/1 review
      new Row(0.72, "US", Label.NEGATIVE, 1),  // default/0 review, default/1 allow
      new Row(0.80, null, Label.UNKNOWN, 0.5), // default/0 review (missing), default/0 review
      new Row(0.10, "US", Label.NEGATIVE, 1)); // default/1 allow, default/1 allow

  static Tally tally(Decider decider, List<Row> rows) {
    Tally.Counter counter = Tally.counter(decider);
    rows.forEach(r -> counter.add(decider.decide(r.score(), r.request()), r.label(), r.weight()));
    return counter.tally();
  }

  static Comparison compare(Decider a, Decider b, List<Row> rows) {
    Comparison.Counter counter = Comparison.counter(a, b);
    rows.forEach(r -> counter.add(a.decide(r.score(), r.request()), b.decide(r.score(), r.request()),
        r.label(), r.weight()));
    return counter.comparison();
  }

  @Test
  void goldenRowsGiveTheCountsWorkedByHand() {
    Tally t = tally(current, GOLDEN);
    Map<Cell, Counts> expected = new LinkedHashMap<>();
    expected.put(new Cell("eu", 0, "block"), new Counts(1, 1, 1));
    expected.put(new Cell("eu", 1, "review"), new Counts(3, 3, 2));
    expected.put(new Cell("eu", 2, "allow"), Counts.ZERO);
    expected.put(new Cell("default", 0, "review"), new Counts(1.5, 1, 0));
    expected.put(new Cell("default", 1, "allow"), new Counts(1, 1, 0));
    assertThat(t.cells()).containsExactlyEntriesOf(expected);
    assertThat(t.total()).isEqualTo(new Counts(6.5, 6, 3));
    assertThat(t.decisions()).isEqualTo(6);
    assertThat(t.labelledDecisions()).isEqualTo(5);
    assertThat(t.everyDecisionLabelled()).isFalse();
    assertThat(t.missingAttributes()).containsExactlyEntriesOf(Map.of("jurisdiction", 1L));
    assertThat(t.defaultedForMissingAttributes()).isEqualTo(1);
    assertThat(t.byAction()).containsExactly(Map.entry("block", new Counts(1, 1, 1)),
        Map.entry("review", new Counts(4.5, 4, 2)), Map.entry("allow", new Counts(1, 1, 0)));
    assertThat(t.bySegment()).containsExactly(Map.entry("eu", new Counts(4, 4, 3)),
        Map.entry("default", new Counts(2.5, 2, 0)));
    assertThat(t.at(new Cell("eu", 1, "review")).precision()).isEqualTo(2.0 / 3);
    assertThat(t.at(new Cell("eu", 2, "allow")).precision()).isNaN();
    assertThat(t.at(new Cell("nowhere", 0, "allow"))).isEqualTo(Counts.ZERO);
  }

  @Test
  void goldenRowsGiveTheTransitionsWorkedByHand() {
    Comparison c = compare(current, candidate, GOLDEN);
    assertThat(c.transitions()).containsExactly(
        Map.entry(new Transition(new Cell("eu", 0, "block"), new Cell("eu", 0, "block")),
            new Counts(1, 1, 1)),
        Map.entry(new Transition(new Cell("eu", 1, "review"), new Cell("eu", 0, "block")),
            new Counts(2, 2, 2)),
        Map.entry(new Transition(new Cell("eu", 1, "review"), new Cell("eu", 1, "review")),
            new Counts(1, 1, 0)),
        Map.entry(new Transition(new Cell("default", 0, "review"), new Cell("default", 1, "allow")),
            new Counts(1, 1, 0)),
        Map.entry(new Transition(new Cell("default", 0, "review"),
            new Cell("default", 0, "review")), new Counts(0.5, 0, 0)),
        Map.entry(new Transition(new Cell("default", 1, "allow"), new Cell("default", 1, "allow")),
            new Counts(1, 1, 0)));
    assertThat(c.actionChanges()).containsExactly(
        Map.entry(new ActionChange("review", "block"), new Counts(2, 2, 2)),
        Map.entry(new ActionChange("review", "allow"), new Counts(1, 1, 0)));
    assertThat(c.changed()).isEqualTo(new Counts(3, 3, 2));
    assertThat(c.before()).isEqualTo(tally(current, GOLDEN));
    assertThat(c.after()).isEqualTo(tally(candidate, GOLDEN));
  }

  @Test
  void loggedCellsAreListedInOrderOfFirstAppearance() {
    Tally.Counter counter = Tally.counter();
    counter.add(new Cell("us", 1, "allow"), Label.NEGATIVE, 1);
    counter.add(new Cell("eu", 0, "block"), Label.UNKNOWN, 1);
    counter.add(new Cell("us", 1, "allow"), Label.POSITIVE, 1);
    Tally t = counter.tally();
    assertThat(t.cells()).containsExactly(
        Map.entry(new Cell("us", 1, "allow"), new Counts(2, 2, 1)),
        Map.entry(new Cell("eu", 0, "block"), new Counts(1, 0, 0)));
    assertThat(t.missingAttributes()).isEmpty();
  }

  @Test
  void aLoggedFirstCellIsComparedWithTheCandidatesDecision() {
    Comparison.Counter counter = Comparison.counter(candidate);
    Cell logged = new Cell("eu", 1, "review");
    counter.add(logged, candidate.decide(0.85, Map.of("jurisdiction", "EU")), Label.POSITIVE, 1);
    counter.add(logged, candidate.decide(0.6, Map.of("jurisdiction", "EU")), Label.UNKNOWN, 1);
    Comparison c = counter.comparison();
    assertThat(c.before().cells()).containsExactly(Map.entry(logged, new Counts(2, 1, 1)));
    assertThat(c.actionChanges()).containsExactly(
        Map.entry(new ActionChange("review", "block"), new Counts(1, 1, 1)));
  }

  @Test
  void aDecisionOfAnotherPolicyIsRefusedNamingIt() {
    Decider other = compile(CURRENT.replace("name: eu", "name: europe"));
    Tally.Counter counter = Tally.counter(current);
    Decision d = other.decide(0.95, Map.of("jurisdiction", "EU"));
    assertThatThrownBy(() -> counter.add(d, Label.POSITIVE, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the decision (segment europe #0, band 0, action block) is not one of this "
            + "tally's policy");
  }

  @Test
  void aWeightThatIsNegativeOrNotFiniteIsRefused() {
    Tally.Counter counter = Tally.counter();
    Cell cell = new Cell("eu", 0, "block");
    for (double w : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> counter.add(cell, Label.POSITIVE, w))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a row's weight must be finite and >= 0, was " + w);
    }
    assertThat(counter.tally().decisions()).isZero();
  }

  @Test
  void countsOutOfOrderAreRefusedNamingEachValue() {
    assertThatThrownBy(() -> new Counts(1, 2, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("counts must be finite with 0 <= positives <= labelled <= rows, were rows 1.0, "
            + "labelled 2.0, positives 0.0");
    assertThatThrownBy(() -> new Cell("eu", -1, "block"))
        .hasMessage("band must be >= 0, was -1 (segment eu, action block)");
  }

  // Properties, on random small inputs. Weights are multiples of 1/4 below 4, so every sum is exact in
  // any order and tallies compare with equals.

  static List<Row> randomRows(Random random, int n) {
    String[] jurisdictions = {"EU", "US", null};
    Label[] labels = Label.values();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Row(random.nextInt(21) / 20.0, jurisdictions[random.nextInt(3)],
          labels[random.nextInt(3)], random.nextInt(16) / 4.0));
    }
    return rows;
  }

  @Test
  void shufflingTheRowsChangesNoCount() {
    Random random = new Random(20261207);
    for (int trial = 0; trial < 200; trial++) {
      List<Row> rows = randomRows(random, random.nextInt(40));
      List<Row> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, random);
      assertThat(tally(current, shuffled)).isEqualTo(tally(current, rows));
      Comparison a = compare(current, candidate, rows);
      Comparison b = compare(current, candidate, shuffled);
      assertThat(b).isEqualTo(a); // maps compare as sets of entries: the order may differ
      assertThat(b.actionChanges()).isEqualTo(a.actionChanges());
    }
  }

  @Test
  void aRowOfWeightTwoCountsAsTwoRowsOfWeightOneButOneDecision() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      List<Row> rows = randomRows(random, random.nextInt(30));
      List<Row> doubled = new ArrayList<>();
      List<Row> repeated = new ArrayList<>();
      for (Row r : rows) {
        doubled.add(new Row(r.score(), r.jurisdiction(), r.label(), 2 * r.weight()));
        repeated.add(r);
        repeated.add(r);
      }
      Tally once = tally(current, doubled);
      Tally twice = tally(current, repeated);
      assertThat(once.cells()).isEqualTo(twice.cells());
      assertThat(once.total()).isEqualTo(twice.total());
      assertThat(2 * once.decisions()).isEqualTo(twice.decisions());
      assertThat(2 * once.labelledDecisions()).isEqualTo(twice.labelledDecisions());
      assertThat(compare(current, candidate, doubled).transitions())
          .isEqualTo(compare(current, candidate, repeated).transitions());
    }
  }

  @Test
  void countsAgreeWithANaiveRecountOfTheRows() {
    Random random = new Random(42);
    for (int trial = 0; trial < 200; trial++) {
      List<Row> rows = randomRows(random, random.nextInt(50));
      Tally t = tally(current, rows);
      Comparison c = compare(current, candidate, rows);
      // Naive: for every cell and transition, scan all rows.
      for (Map.Entry<Cell, Counts> e : t.cells().entrySet()) {
        assertThat(e.getValue()).isEqualTo(naive(rows, r -> cellOf(current, r).equals(e.getKey())));
      }
      assertThat(t.total()).isEqualTo(naive(rows, r -> true));
      assertThat(t.decisions()).isEqualTo(rows.size());
      assertThat(t.labelledDecisions())
          .isEqualTo(rows.stream().filter(r -> r.label() != Label.UNKNOWN).count());
      long missing = rows.stream().filter(r -> r.jurisdiction() == null).count();
      assertThat(t.missingAttributes())
          .isEqualTo(missing == 0 ? Map.of() : Map.of("jurisdiction", missing));
      assertThat(t.defaultedForMissingAttributes()).isEqualTo(missing);
      for (Map.Entry<String, Counts> e : t.byAction().entrySet()) {
        assertThat(e.getValue())
            .isEqualTo(naive(rows, r -> cellOf(current, r).action().equals(e.getKey())));
      }
      Counts moved = Counts.ZERO;
      for (Map.Entry<Transition, Counts> e : c.transitions().entrySet()) {
        Transition t2 = e.getKey();
        assertThat(e.getValue()).isEqualTo(naive(rows, r -> cellOf(current, r).equals(t2.from())
            && cellOf(candidate, r).equals(t2.to())));
        moved = moved.plus(e.getValue());
      }
      assertThat(moved).as("the transitions add up to all rows").isEqualTo(t.total());
      assertThat(c.changed()).isEqualTo(naive(rows,
          r -> !cellOf(current, r).action().equals(cellOf(candidate, r).action())));
    }
  }

  @Test
  void aPolicyComparedWithItselfChangesNoAction() {
    Random random = new Random(3);
    List<Row> rows = randomRows(random, 100);
    Comparison c = compare(current, current, rows);
    assertThat(c.actionChanges()).isEmpty();
    assertThat(c.changed()).isEqualTo(Counts.ZERO);
    assertThat(c.before()).isEqualTo(c.after());
  }

  private static Cell cellOf(Decider decider, Row r) {
    Decision d = decider.decide(r.score(), r.request());
    return new Cell(d.segment(), d.band(), d.action());
  }

  private static Counts naive(List<Row> rows, java.util.function.Predicate<Row> in) {
    double n = 0;
    double labelled = 0;
    double positives = 0;
    for (Row r : rows) {
      if (in.test(r)) {
        n += r.weight();
        labelled += r.label() == Label.UNKNOWN ? 0 : r.weight();
        positives += r.label() == Label.POSITIVE ? r.weight() : 0;
      }
    }
    return new Counts(n, labelled, positives);
  }
}

package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a segment reports when it falls back (docs/definitions.md#segment-fallback). */
class SegmentFallbackTest {

  // The parent [A]: three positives high, negatives low. Its F1 threshold is 0.7.
  private final Curve parent = Curve.of(new double[] {0.9, 0.8, 0.7, 0.2, 0.1},
      new boolean[] {true, true, true, false, false});
  // [A, x]: one positive, a negative scoring above the parent's threshold.
  private final Curve small = Curve.of(new double[] {0.95, 0.3}, new boolean[] {false, true});

  private List<SegmentedSelection.Choice> choose(Objective objective) {
    Map<SegmentKey, Curve> curves = new LinkedHashMap<>();
    curves.put(new SegmentKey(List.of("A", "x")), small);
    curves.put(new SegmentKey(List.of("A")), parent);
    return new SegmentedSelection(objective, 2, 0).choose(parent, curves, 2);
  }

  @Test
  void aSegmentThatFallsBackReportsItsOwnCountsAtTheInheritedThreshold() {
    SegmentedSelection.Choice c = choose(new MaxFBeta(1)).get(1);

    assertThat(c.source()).isEqualTo(new SegmentKey(List.of("A")));
    Selection.Feasible f = (Selection.Feasible) c.effective();
    assertThat(f.threshold()).isEqualTo(0.7);
    Confusion counts = f.point().confusion();
    // Its own rows at 0.7: the negative at 0.95 is flagged, its positive at 0.3 is not.
    assertThat(counts.flagged()).isEqualTo(1);
    assertThat(counts.truePositives()).isZero();
    assertThat(counts.falsePositives()).isEqualTo(1);
    assertThat(counts.precision()).isZero();
    assertThat(f.objectiveValue()).isZero(); // its F1 there, not the parent's 1.0
    assertThat(f.lowestTiedThreshold()).isEqualTo(0.7);
  }

  @Test
  void whereTheThresholdComesFromIsOwnInheritedFromAParentOrDefault() {
    Map<SegmentKey, Curve> curves = new LinkedHashMap<>();
    curves.put(new SegmentKey(List.of("B", "y")), small);
    curves.put(new SegmentKey(List.of("B")), small);
    curves.put(new SegmentKey(List.of("A", "x")), small);
    curves.put(new SegmentKey(List.of("A", "w")), parent);
    curves.put(new SegmentKey(List.of("A")), parent);
    List<SegmentedSelection.Choice> choices = new SegmentedSelection(new MaxFBeta(1), 2, 0)
        .choose(parent, curves, 2);

    assertThat(choices).extracting(c -> c.segment().label())
        .containsExactly("(all)", "A/w", "A/x", "B/y");
    assertThat(choices).extracting(SegmentedSelection.Choice::originLabel)
        .containsExactly("own", "own", "inherited from A", "default");
    assertThat(choices).extracting(SegmentedSelection.Choice::origin).containsExactly(
        SegmentedSelection.Choice.Origin.OWN, SegmentedSelection.Choice.Origin.OWN,
        SegmentedSelection.Choice.Origin.PARENT, SegmentedSelection.Choice.Origin.DEFAULT);
  }

  @Test
  void segmentKeysSortValueByValueWithPrefixesFirst() {
    List<SegmentKey> keys = new java.util.ArrayList<>(List.of(new SegmentKey(List.of("b")),
        new SegmentKey(List.of("a", "z")), SegmentKey.NONE, new SegmentKey(List.of("a")),
        new SegmentKey(List.of("a", "b"))));
    keys.sort(SegmentKey.ORDER);

    assertThat(keys).extracting(SegmentKey::label).containsExactly("(all)", "a", "a/b", "a/z", "b");
  }

  @Test
  void aDeploymentPrevalenceReweightsTheFallbackSegmentsCountsToo() {
    Curve own = Curve.of(new double[] {0.95, 0.9, 0.3}, new boolean[] {false, true, true});
    Map<SegmentKey, Curve> curves = new LinkedHashMap<>();
    curves.put(new SegmentKey(List.of("A", "x")), own);
    curves.put(new SegmentKey(List.of("A")), parent);
    AtPrevalence objective = new AtPrevalence(new MaxFBeta(1), 0.5);
    // min-positives 3: [A, x] (2 positives) falls back to [A].
    SegmentedSelection.Choice c = new SegmentedSelection(objective, 3, 0).choose(parent, curves, 2)
        .get(1);

    double t = ((Selection.Feasible) c.effective()).threshold();
    assertThat(c.effective()).isEqualTo(new MaxFBeta(1).at(own.atPrevalence(0.5), t));
  }
}

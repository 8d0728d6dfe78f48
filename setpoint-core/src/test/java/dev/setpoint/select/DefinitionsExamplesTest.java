package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/definitions.md (Objectives, Deployment prevalence, Segment fallback). */
class DefinitionsExamplesTest {

  private final Curve running = Curve.of(new double[] {0.9, 0.8, 0.8, 0.4, 0.1},
      new boolean[] {true, false, true, false, true});

  private double threshold(String objective) {
    return ((Selection.Feasible) ObjectiveParser.parse(objective).select(running)).threshold();
  }

  @Test
  void objectiveExamples() {
    assertThat(threshold("recall@precision>=0.6")).isEqualTo(0.1);
    assertThat(threshold("recall@precision>=0.7")).isEqualTo(0.9);
    Selection.Feasible cost = (Selection.Feasible) ObjectiveParser.parse("cost:fn=10,fp=1")
        .select(running);
    assertThat(cost.threshold()).isEqualTo(0.1);
    assertThat(cost.objectiveValue()).isEqualTo(2.0);
  }

  @Test
  void deploymentPrevalenceExample() {
    double precision = running.atPrevalence(0.1).at(0.8).confusion().precision();
    assertThat(precision).isCloseTo((2.0 / 3 * 0.1) / (2.0 / 3 * 0.1 + 0.5 * 0.9), within(1e-15));
    assertThat(running.atPrevalence(0.1).at(0.8).confusion().recall()).isEqualTo(2.0 / 3);
  }

  @Test
  void segmentFallsBackThroughItsParentToTheDefault() {
    // [DE, premium] has 1 positive: falls back to [DE] (enough positives); [FR, basic] has too few and
    // so does [FR]: it falls back to the default.
    Curve many = Curve.of(new double[] {0.9, 0.8, 0.7, 0.2}, new boolean[] {true, true, true, false});
    Curve one = Curve.of(new double[] {0.9, 0.1}, new boolean[] {true, false});
    Map<SegmentKey, Curve> curves = new LinkedHashMap<>();
    curves.put(new SegmentKey(List.of("DE", "premium")), one);
    curves.put(new SegmentKey(List.of("DE")), many);
    curves.put(new SegmentKey(List.of("FR", "basic")), one);
    curves.put(new SegmentKey(List.of("FR")), one);
    List<SegmentedSelection.Choice> choices =
        new SegmentedSelection(new MaxFBeta(1), 3, 0).choose(many, curves, 2);

    assertThat(choices).hasSize(3); // the default and the two full-width segments
    assertThat(choices.get(1).source()).isEqualTo(new SegmentKey(List.of("DE")));
    assertThat(choices.get(1).reason()).hasValue(
        "DE/premium: only 1 positives (minimum 3); using DE");
    assertThat(choices.get(2).source()).isEqualTo(SegmentKey.NONE);
    assertThat(choices.get(2).reason()).hasValue("FR/basic: only 1 positives (minimum 3); "
        + "FR: only 1 positives (minimum 3); using the default");
    // FR/basic uses the default's threshold, read on its own rows.
    double inherited = ((Selection.Feasible) choices.get(0).effective()).threshold();
    assertThat(((Selection.Feasible) choices.get(2).effective()).threshold()).isEqualTo(inherited);
    assertThat(choices.get(2).effective()).isEqualTo(new MaxFBeta(1).at(one, inherited));
  }
}

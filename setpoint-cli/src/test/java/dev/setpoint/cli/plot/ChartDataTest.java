package dev.setpoint.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the charts are given: kinds and files, marks, and the metric lines as step functions of t. */
class ChartDataTest {

  private static Curve randomCurve(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 300;
    double[] scores = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(3) == 0;
      // a grid of 40 values, so there are ties
      scores[i] = Math.floor((random.nextDouble() + (labels[i] ? 0.3 : 0)) * 40) / 40;
    }
    return Curve.of(scores, labels);
  }

  @Test
  void aMetricsChartIsAskedForByNameOrPrefixAndSegmentFilesGoBesideTheFileNamed() {
    assertThat(PlotSpec.parse("out/metrics.png").kind()).isEqualTo(PlotSpec.Kind.METRICS);
    assertThat(PlotSpec.parse("metric-by-t.svg").format()).isEqualTo(PlotSpec.Format.SVG);
    assertThat(PlotSpec.parse("metrics=chart.png").kind()).isEqualTo(PlotSpec.Kind.METRICS);
    assertThat(PlotSpec.parse("pr.png").kind()).isEqualTo(PlotSpec.Kind.PR);
    assertThatThrownBy(() -> PlotSpec.parse("chart.png")).hasMessageContaining("metrics*.png");
    assertThatThrownBy(() -> PlotSpec.parse("cost=chart.png"))
        .hasMessageContaining("expected pr=, roc= or metrics=");
    assertThat(PlotSpec.parse("out/pr.png").forSegment("DE/premium").file())
        .isEqualTo(Path.of("out", "pr-DE_premium.png"));
    assertThat(PlotSpec.parse("roc=out/chart.v2.svg").forSegment("a b").file())
        .isEqualTo(Path.of("out", "chart.v2-a_b.svg"));
  }

  @Test
  void marksAtTheSameThresholdBecomeOneMarkerNamingBoth() {
    Curve curve = randomCurve(1);
    Marks marks = Marks.builder().add("f1", curve.at(0.5)).add("--at 0.7", curve.at(0.7))
        .add("--at 0.5", curve.at(0.5)).build();
    assertThat(marks.marks()).hasSize(2);
    assertThat(marks.marks().get(0).label()).startsWith("f1 and --at 0.5: t=0.5");
    assertThat(marks.marks().get(0).point()).isEqualTo(curve.at(0.5));
    assertThat(marks.marks().get(1).label()).startsWith("--at 0.7: t=0.7");
  }

  @Test
  void eachMetricLineHoldsAtEveryThresholdTheValueOfTheRowsItFlags() {
    for (long seed = 1; seed <= 20; seed++) {
      Curve curve = randomCurve(seed);
      List<Objective> objectives = List.of(Objective.fBeta(1), Objective.minCost(10, 1));
      List<MetricPlot.Line> lines = MetricPlot.lines(curve, objectives);
      assertThat(lines).extracting(MetricPlot.Line::name).containsExactly("precision", "recall",
          "F1", "flag rate", "cost:fn=10,fp=1: total cost (right axis)");
      assertThat(lines.get(4).axis()).isEqualTo(1);
      SplittableRandom random = new SplittableRandom(seed);
      for (int probe = 0; probe < 50; probe++) {
        double t = curve.threshold(curve.size() - 1)
            + random.nextDouble() * (curve.threshold(0) - curve.threshold(curve.size() - 1));
        var c = curve.at(t).confusion();
        double[] expected = {c.precision(), c.recall(), c.f1(), c.flagRate(),
            10 * c.falseNegatives() + c.falsePositives()}; // cost:fn=10,fp=1
        for (int m = 0; m < lines.size(); m++) {
          assertThat(stepValue(lines.get(m), t)).as("seed %d, t %s, %s", seed, t,
              lines.get(m).name()).isEqualTo(expected[m]);
        }
      }
    }
  }

  @Test
  void onlyCostObjectivesAddACostLine() {
    assertThat(MetricPlot.lines(randomCurve(3), List.of(Objective.fBeta(1)))).hasSize(4);
  }

  /**
   * The drawn step function's value at t: the points run in descending t; at a jump the line holds the
   * previous value just above the jump's t and the new one from it down, so the value at t is the last
   * point whose t is >= the probe.
   */
  private static double stepValue(MetricPlot.Line line, double t) {
    double value = Double.NaN;
    for (int i = 0; i < line.t().length && line.t()[i] >= t; i++) {
      value = line.value()[i];
    }
    return value;
  }
}

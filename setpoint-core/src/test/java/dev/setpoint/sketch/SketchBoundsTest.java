package dev.setpoint.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.Selection;
import dev.setpoint.sketch.ScoreSketch.MetricBound;
import dev.setpoint.sketch.SketchSelection.ExactBound;
import dev.setpoint.stats.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sketch's stated bounds against the exact engine (docs/definitions.md#sketch-bounds): on
 * adversarial and real score distributions, the exact optimum of every objective lies within the bound
 * the sketch states, and the exact AP and ROC AUC within their intervals.
 */
class SketchBoundsTest {

  /**
   * Bounds are computed from the same weights summed in another order: exact for integer weights,
   * within a relative 1e-12 for fractional ones (ExactBound's Javadoc).
   */
  private static final double TOLERANCE = 1e-12;

  /** Every objective a sketch can bound, in the syntax the CLI reads. */
  private static final List<Objective> OBJECTIVES = Stream.of(
      "recall@precision>=0.3", "recall@precision>=0.6", "recall@precision>=0.8",
      "recall@precision>=0.95", "recall@precision>=0.999", "recall@precision>=1",
      "precision@recall>=0.1", "precision@recall>=0.5", "precision@recall>=0.9",
      "precision@recall>=1",
      "budget:flags<=1", "budget:flags<=25", "budget:flags<=400", "budget:rate<=0.001",
      "budget:rate<=0.05", "budget:rate<=0.5", "budget:flags<=500/day,volume=120000/day",
      "f1", "fbeta=0.5", "fbeta=2",
      "cost:fn=10,fp=1", "cost:fn=1,fp=5", "cost:fn=3,fp=1,tp=0.5,tn=0.25", "cost:fn=0,fp=1",
      "utility:tp=120,fp=-4", "utility:tp=1,fp=-9,fn=-1,tn=0.5",
      "utility:tp=-0.5,fp=-1,fn=-3,tn=0.25", // the cost matrix fn=3,fp=1,tp=0.5,tn=-0.25 as a utility
      "youden",
      "recall@precision>=0.5;prevalence=0.02", "cost:fn=50,fp=1;prevalence=0.01",
      "budget:rate<=0.01;prevalence=0.3").map(ObjectiveParser::parse).toList();

  private static final List<Binning> BINNINGS = List.of(Binning.linear(0, 1, 50),
      Binning.linear(0.1, 0.7, 1000), Binning.linear(-3.5, 12.25, 7), Binning.linear(0, 1, 1),
      Binning.logit(1e-4, 0.9999, 200), Binning.logit(1e-12, 1 - 1e-12, 64));

  private static final List<String> KINDS = List.of("uniform", "edges", "around-edges", "one-bin",
      "ties", "near-zero", "near-one", "fractional", "weight-zero", "tail-below");

  /**
   * Adversarial rows for a binning: uniform over a range wider than the binning's; on the edges
   * exactly; a step either side of them; all in one bin; a few heavily tied values; piled near 0 or 1
   * (for logit ranges); fractional weights; a third of the rows of weight 0; a heavy tail below the
   * range.
   */
  private static SketchRows rows(SplittableRandom r, Binning b, String kind, int n) {
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    double[] w = new double[n];
    double[] edges = b.edges();
    double width = b.high() - b.low();
    double[] tied = {edges[0], b.low() + 0.37 * width, b.low() + 0.5 * width, b.high(),
        b.low() + 0.999 * width};
    for (int i = 0; i < n; i++) {
      double edge = edges[r.nextInt(edges.length)];
      double uniform = b.low() - 0.2 * width + r.nextDouble() * 1.4 * width;
      s[i] = switch (kind) {
        case "uniform", "fractional", "weight-zero" -> uniform;
        case "edges" -> edge;
        case "around-edges" -> r.nextBoolean() ? Math.nextDown(edge) : Math.nextUp(edge);
        case "one-bin" -> edges[edges.length / 2] + r.nextDouble() * 1e-9 * width;
        case "ties" -> tied[r.nextInt(tied.length)];
        case "near-zero" -> Math.pow(r.nextDouble(), 12);
        case "near-one" -> 1 - Math.pow(r.nextDouble(), 12);
        case "tail-below" -> r.nextInt(3) == 0 ? b.low() - r.nextDouble() * 5 * width : uniform;
        default -> throw new IllegalArgumentException(kind);
      };
      double position = Math.max(0, Math.min(1, (s[i] - b.low()) / width));
      y[i] = r.nextDouble() < 0.15 + 0.7 * position;
      w[i] = switch (kind) {
        case "fractional" -> r.nextDouble() * 3;
        case "weight-zero" -> r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(3);
        default -> 1 + r.nextInt(3);
      };
    }
    return new SketchRows(kind, s, y, w);
  }

  /** The kinds of bound seen, to show the suite exercises every case. */
  private final Map<Kind, Integer> seen = new EnumMap<>(Kind.class);

  private enum Kind { FEASIBLE, MAYBE_FEASIBLE_AND_IS, MAYBE_FEASIBLE_BUT_IS_NOT, INFEASIBLE }

  /** Checks every objective on one data set and binning against the exact engine. */
  private void checkObjectives(SketchRows rows, Binning b) {
    Curve exact = rows.exact();
    ScoreSketch sketch = rows.sketch(b);
    for (Objective o : OBJECTIVES) {
      String at = rows.name() + ", " + b + ", " + o.syntax();
      SketchSelection s = sketch.select(o);
      Selection truth = o.select(exact);
      if (s.atEdge() instanceof Selection.Feasible f) {
        // The edge's counts are exact: the same rows are flagged at that threshold.
        Curve reference = o.deploymentPrevalence().isPresent()
            ? exact.atPrevalence(o.deploymentPrevalence().getAsDouble()) : exact;
        var counts = reference.at(f.threshold()).confusion();
        assertThat(f.point().confusion().truePositives()).as(at)
            .isCloseTo(counts.truePositives(), within(TOLERANCE * (1 + counts.positives())));
        assertThat(f.point().confusion().falsePositives()).as(at)
            .isCloseTo(counts.falsePositives(), within(TOLERANCE * (1 + counts.negatives())));
      }
      if (s.exact() instanceof ExactBound.Feasible bound) {
        assertThat(truth).as(at).isInstanceOf(Selection.Feasible.class);
        assertWithin(((Selection.Feasible) truth).objectiveValue(), bound.value(), at);
        seen.merge(Kind.FEASIBLE, 1, Integer::sum);
      } else if (s.exact() instanceof ExactBound.MaybeFeasible bound) {
        if (truth instanceof Selection.Feasible f) {
          assertWithin(f.objectiveValue(), bound.value(), at);
          seen.merge(Kind.MAYBE_FEASIBLE_AND_IS, 1, Integer::sum);
        } else {
          seen.merge(Kind.MAYBE_FEASIBLE_BUT_IS_NOT, 1, Integer::sum);
        }
      } else {
        assertThat(truth).as(at).isInstanceOf(Selection.Infeasible.class);
        seen.merge(Kind.INFEASIBLE, 1, Integer::sum);
      }
    }
  }

  private static void assertWithin(double value, Interval bound, String at) {
    if (!bound.isDefined()) {
      assertThat(value).as(at + ": an undefined bound goes with an undefined value").isNaN();
      return;
    }
    double slack = TOLERANCE * Math.max(1, Math.abs(value));
    assertThat(value).as(at + " within " + bound).isBetween(bound.lower() - slack,
        bound.upper() + slack);
  }

  private static void assertMetricsWithin(SketchRows rows, Binning b) {
    Curve exact = rows.exact();
    ScoreSketch sketch = rows.sketch(b);
    String at = rows.name() + ", " + b;
    if (exact.positives() > 0) {
      MetricBound ap = sketch.averagePrecision();
      assertWithin(exact.averagePrecision(), ap.exact(), at + ", AP");
      assertThat(ap.atEdges()).isEqualTo(sketch.curve().averagePrecision());
    }
    if (exact.positives() > 0 && exact.negatives() > 0) {
      MetricBound auc = sketch.rocAuc();
      assertWithin(exact.rocAuc(), auc.exact(), at + ", AUC");
      assertThat(auc.atEdges()).isEqualTo(sketch.curve().rocAuc());
    }
  }

  @Test
  void onAdversarialDistributionsTheExactOptimumOfEveryObjectiveLiesWithinTheStatedBound() {
    SplittableRandom r = new SplittableRandom(11);
    for (Binning b : BINNINGS) {
      for (String kind : KINDS) {
        for (int n : new int[] {1, 7, 400, 3000}) {
          SketchRows rows = rows(r, b, kind, n);
          if (rows.exact().size() == 0) {
            continue; // every row weighs 0: nothing to sketch
          }
          checkObjectives(rows, b);
        }
      }
    }
    // Every kind of answer occurred, so each branch above was checked, not skipped.
    assertThat(seen.keySet()).containsExactlyInAnyOrder(Kind.values());
  }

  @Test
  void onAdversarialDistributionsTheExactApAndAucLieWithinTheirIntervals() {
    SplittableRandom r = new SplittableRandom(12);
    for (Binning b : BINNINGS) {
      for (String kind : KINDS) {
        for (int n : new int[] {2, 50, 3000}) {
          SketchRows rows = rows(r, b, kind, n);
          if (rows.exact().size() > 0) {
            assertMetricsWithin(rows, b);
          }
        }
      }
    }
  }

  /** The bundled example scores (examples/README.md: out-of-fold scores of real data sets). */
  private static SketchRows example(String file) throws java.io.IOException {
    List<String> lines = Files.readAllLines(Path.of("../examples", file));
    int n = lines.size() - 1;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      s[i] = Double.parseDouble(f[0]);
      y[i] = f[1].equals("1");
      w[i] = 1;
    }
    return new SketchRows(file, s, y, w);
  }

  @Test
  void onRealScoresTheExactAnswersLieWithinTheStatedBounds() throws Exception {
    for (String file : List.of("lending_club_bad_hgb_oof.csv", "breast_cancer_logreg_oof.csv")) {
      SketchRows rows = example(file);
      for (Binning b : List.of(Binning.linear(0, 1, 10), Binning.linear(0, 1, 100),
          Binning.linear(0, 1, 10_000), Binning.logit(1e-6, 1 - 1e-6, 256),
          Binning.logit(0.01, 0.99, 20))) {
        checkObjectives(rows, b);
        assertMetricsWithin(rows, b);
      }
    }
  }

  @Test
  void onRealScoresTheBoundsNarrowAsTheBinsDo() throws Exception {
    SketchRows rows = example("lending_club_bad_hgb_oof.csv");
    double previousAp = Double.POSITIVE_INFINITY;
    double previousF1 = Double.POSITIVE_INFINITY;
    for (int bins : new int[] {10, 100, 1000, 10_000}) {
      ScoreSketch sketch = rows.sketch(Binning.linear(0, 1, bins));
      double apWidth = sketch.averagePrecision().exact().width();
      Interval f1 = ((ExactBound.Feasible) sketch.select(Objective.fBeta(1)).exact())
          .value();
      assertThat(apWidth).as("%d bins", bins).isLessThan(previousAp);
      assertThat(f1.width()).as("%d bins", bins).isLessThanOrEqualTo(previousF1);
      previousAp = apWidth;
      previousF1 = f1.width();
    }
    assertThat(previousAp).isLessThan(0.01);
    assertThat(previousF1).isLessThan(0.01);
  }

  /**
   * The worked example of docs/definitions.md#sketch-bounds: the running example (0.9+, 0.8−, 0.8+,
   * 0.4−, 0.1+) in two bins, [0, 0.5) and [0.5, 1).
   */
  @Test
  void theDefinitionsExampleGivesTheDocumentedNumbers() {
    ScoreSketch s = new ScoreSketch(Binning.linear(0, 1, 2)).add(0.9, true).add(0.8, false)
        .add(0.8, true).add(0.4, false).add(0.1, true);
    SketchSelection seventy = s.select(Objective.recallAtPrecision(0.7));
    assertThat(seventy.atEdge()).isInstanceOf(Selection.Infeasible.class);
    assertThat(seventy.exact()).isEqualTo(new ExactBound.MaybeFeasible(new Interval(0, 1)));
    SketchSelection sixty = s.select(Objective.recallAtPrecision(0.6));
    assertThat(((Selection.Feasible) sixty.atEdge()).threshold()).isEqualTo(0.0);
    assertThat(sixty.exact()).isEqualTo(new ExactBound.Feasible(new Interval(1, 1)));
    SketchSelection f1 = s.select(Objective.fBeta(1));
    assertThat(((Selection.Feasible) f1.atEdge()).objectiveValue()).isEqualTo(0.75);
    assertThat(((ExactBound.Feasible) f1.exact()).value().upper()).isCloseTo(6.0 / 7, within(1e-15));

    MetricBound ap = s.averagePrecision();
    assertThat(ap.atEdges()).isCloseTo((4.0 / 3 + 0.6) / 3, within(1e-15)); // 0.64444
    assertThat(ap.exact().lower()).isCloseTo((2 - Math.log(3) + 1 - 2 * Math.log(1.25)) / 3,
        within(1e-15)); // 0.48504
    assertThat(ap.exact().upper()).isCloseTo(2.75 / 3, within(1e-15)); // 0.91667
    MetricBound auc = s.rocAuc();
    assertThat(auc.atEdges()).isCloseTo(3.5 / 6, within(1e-15));
    assertThat(auc.exact().lower()).isCloseTo(2.0 / 6, within(1e-15));
    assertThat(auc.exact().upper()).isCloseTo(5.0 / 6, within(1e-15));
  }

  @Test
  void boundsAtAThresholdGiveTheRangeOfEachRate() {
    ScoreSketch s = new ScoreSketch(Binning.linear(0, 1, 2)).add(0.9, true).add(0.8, false)
        .add(0.8, true).add(0.4, false).add(0.1, true);
    ScoreSketch.Bounds inTop = s.bounds(0.85);
    assertThat(inTop.recall()).isEqualTo(new Interval(0, 2.0 / 3));
    assertThat(inTop.precision()).isEqualTo(new Interval(0, 1));
    assertThat(inTop.falsePositiveRate()).isEqualTo(new Interval(0, 0.5));
    ScoreSketch.Bounds inBottom = s.bounds(0.3);
    assertThat(inBottom.precision()).isEqualTo(new Interval(0.5, 0.75));
    assertThat(inBottom.recall()).isEqualTo(new Interval(2.0 / 3, 1));
    assertThat(s.bounds(0.5).precision()).isEqualTo(new Interval(2.0 / 3, 2.0 / 3));
  }

  @Test
  void aBudgetWithoutPositivesMayBeFeasibleButItsRecallIsUndefinedNotZero() {
    // Three negatives in the top bin: its edge flags 3 > 1, but a threshold at 0.9 flags one row.
    ScoreSketch s = new ScoreSketch(Binning.linear(0, 1, 2)).add(0.9, false).add(0.7, false)
        .add(0.6, false).add(0.2, false);
    SketchSelection budget = s.select(ObjectiveParser.parse("budget:flags<=1"));
    assertThat(budget.atEdge()).isInstanceOf(Selection.Infeasible.class);
    assertThat(budget.exact()).isEqualTo(new ExactBound.MaybeFeasible(Interval.UNDEFINED));
    Curve exact = Curve.builder().add(0.9, false, 1).add(0.7, false, 1).add(0.6, false, 1)
        .add(0.2, false, 1).build();
    Selection truth = ObjectiveParser.parse("budget:flags<=1").select(exact);
    assertThat(truth).isInstanceOf(Selection.Feasible.class);
    assertThat(((Selection.Feasible) truth).objectiveValue()).isNaN();
    // With a cap the top edge fits, the engine is feasible at the edge, value undefined too.
    assertThat(s.select(ObjectiveParser.parse("budget:flags<=3")).exact())
        .isEqualTo(new ExactBound.Feasible(Interval.UNDEFINED));
  }

  @Test
  void aFixedThresholdHasNoOptimumToBoundAndSaysToUseBounds() {
    ScoreSketch s = new ScoreSketch(Binning.linear(0, 1, 4)).add(0.3, true).add(0.6, false);
    assertThatThrownBy(() -> s.select(ObjectiveParser.parse("threshold=0.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bounds(0.5)");
    assertThatThrownBy(() -> s.select(ObjectiveParser.parse("threshold=0.5;prevalence=0.1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bounds(0.5)");
  }

  @Test
  void mergingFractionalWeightsIsCommutativeExactlyAndAssociativeWithinRounding() {
    SplittableRandom r = new SplittableRandom(13);
    Binning b = Binning.logit(1e-6, 1 - 1e-6, 128);
    ScoreSketch[] parts = new ScoreSketch[3];
    for (int p = 0; p < 3; p++) {
      parts[p] = rows(r, b, "fractional", 2000).sketch(b);
    }
    ScoreSketch ab = copy(parts[0]).merge(parts[1]);
    ScoreSketch ba = copy(parts[1]).merge(parts[0]);
    assertThat(ab).isEqualTo(ba); // float addition of two terms commutes bit for bit
    ScoreSketch left = copy(ab).merge(parts[2]);
    ScoreSketch right = copy(parts[0]).merge(copy(parts[1]).merge(parts[2]));
    assertThat(left.rows()).isEqualTo(right.rows()).isEqualTo(6000);
    // Grouping changes the rounding of each bin's sum: within 2 ulps of the sum's magnitude.
    Curve l = left.curve();
    Curve rc = right.curve();
    assertThat(l.size()).isEqualTo(rc.size());
    for (int i = 0; i < l.size(); i++) {
      assertThat(l.threshold(i)).isEqualTo(rc.threshold(i));
      assertThat(l.truePositives(i)).isCloseTo(rc.truePositives(i),
          within(1e-12 * l.positives()));
      assertThat(l.falsePositives(i)).isCloseTo(rc.falsePositives(i),
          within(1e-12 * l.negatives()));
    }
    assertThat(left.averagePrecision().atEdges()).isCloseTo(right.averagePrecision().atEdges(),
        within(1e-12));
    assertThat(left.rocAuc().exact().lower()).isCloseTo(right.rocAuc().exact().lower(),
        within(1e-12));
  }

  @Test
  void theSketchDoesNotGrowWithTheRowsItHolds() {
    SplittableRandom r = new SplittableRandom(14);
    Binning b = Binning.linear(0, 1, 1000);
    ScoreSketch s = new ScoreSketch(b);
    List<Integer> sizes = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      int n = (int) Math.pow(10, round + 3); // 10^3 .. 10^6 rows more each round
      for (int i = 0; i < n; i++) {
        double score = r.nextDouble() * 1.2 - 0.1;
        s.add(score, r.nextDouble() < score, 1 + r.nextInt(5));
      }
      sizes.add(s.toBytes().length);
    }
    assertThat(s.rows()).isEqualTo(1_111_000);
    assertThat(sizes).containsOnly(8 + 1 + 8 + 8 + 4 + 8 + 4 * 8 + 16 * 1000);
  }

  private static ScoreSketch copy(ScoreSketch s) {
    return new ScoreSketch(s.binning()).merge(s);
  }
}

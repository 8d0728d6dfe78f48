package dev.setpoint.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreSketchTest {

  /**
   * Random rows with integer weights 1–3, scores from {@code kind}: uniform over a range wider than the
   * binning's, on the bin edges exactly, a step either side of them, all in one bin, or piled near 0.
   */
  private static SketchRows rows(SplittableRandom r, Binning b, String kind, int n) {
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    double[] w = new double[n];
    double[] edges = b.edges();
    for (int i = 0; i < n; i++) {
      double edge = edges[r.nextInt(edges.length)];
      s[i] = switch (kind) {
        case "uniform" -> b.low() - 0.2 * (b.high() - b.low())
            + r.nextDouble() * 1.4 * (b.high() - b.low());
        case "edges" -> edge;
        case "around-edges" -> r.nextBoolean() ? Math.nextDown(edge) : Math.nextUp(edge);
        case "one-bin" -> edges[edges.length / 2] + r.nextDouble() * 1e-9 * (b.high() - b.low());
        case "near-zero" -> Math.pow(r.nextDouble(), 6);
        default -> throw new IllegalArgumentException(kind);
      };
      y[i] = r.nextDouble() < 0.3 + 0.4 * (s[i] - b.low()) / (b.high() - b.low());
      w[i] = 1 + r.nextInt(3);
    }
    return new SketchRows(kind, s, y, w);
  }

  private static final List<Binning> BINNINGS = List.of(Binning.linear(0, 1, 50),
      Binning.linear(0.1, 0.7, 1000), Binning.linear(-3.5, 12.25, 7), Binning.logit(1e-4, 0.9999, 200));

  private static final List<String> KINDS = List.of("uniform", "edges", "around-edges", "one-bin",
      "near-zero");

  @Test
  void everyBinEdgeIsAThresholdWhereTheSketchIsExact() {
    SplittableRandom r = new SplittableRandom(1);
    for (Binning b : BINNINGS) {
      for (String kind : KINDS) {
        SketchRows rows = rows(r, b, kind, 2000);
        Curve exact = rows.exact();
        ScoreSketch sketch = rows.sketch(b);
        Curve approx = sketch.curve();
        for (double edge : b.edges()) {
          String at = b + ", " + kind + ", edge " + edge;
          assertThat(approx.at(edge).confusion()).as(at).isEqualTo(exact.at(edge).confusion());
          assertThat(sketch.bounds(edge).exact()).as(at).isTrue();
          assertThat(sketch.bounds(edge).low()).as(at).isEqualTo(exact.at(edge).confusion());
        }
      }
    }
  }

  @Test
  void theTrueCountsStayWithinTheBoundsAtEveryThresholdAndTheBoundsWithinOneBin() {
    SplittableRandom r = new SplittableRandom(2);
    for (Binning b : BINNINGS) {
      for (String kind : KINDS) {
        SketchRows rows = rows(r, b, kind, 1500);
        Curve exact = rows.exact();
        ScoreSketch sketch = rows.sketch(b);
        double[] largest = sketch.largestBin();
        List<Double> thresholds = new ArrayList<>();
        for (double s : rows.scores()) {
          thresholds.addAll(List.of(s, Math.nextUp(s), Math.nextDown(s)));
        }
        for (double e : b.edges()) {
          thresholds.addAll(List.of(Math.nextUp(e), Math.nextDown(e)));
        }
        for (int i = 0; i < 200; i++) {
          thresholds.add(b.low() - (b.high() - b.low()) + r.nextDouble() * 3 * (b.high() - b.low()));
        }
        java.util.Collections.shuffle(thresholds, new java.util.Random(r.nextLong()));
        for (double t : thresholds.subList(0, 800)) {
          Confusion truth = exact.at(t).confusion();
          ScoreSketch.Bounds bounds = sketch.bounds(t);
          String at = b + ", " + kind + ", t = " + t;
          assertThat(truth.truePositives()).as(at).isBetween(bounds.low().truePositives(),
              bounds.high().truePositives());
          assertThat(truth.falsePositives()).as(at).isBetween(bounds.low().falsePositives(),
              bounds.high().falsePositives());
          assertThat((bounds.high().truePositives() - bounds.low().truePositives())
              / sketch.positives()).as(at).isLessThanOrEqualTo(largest[0]);
          assertThat((bounds.high().falsePositives() - bounds.low().falsePositives())
              / sketch.negatives()).as(at).isLessThanOrEqualTo(largest[1]);
        }
      }
    }
  }

  /** The bundled example scores (examples/README.md: out-of-fold scores of real data sets). */
  private static SketchRows example(String file) throws java.io.IOException {
    List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../examples", file));
    int n = lines.size() - 1;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      s[i] = Double.parseDouble(f[0]);
      y[i] = f[1].equals("1");
    }
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return new SketchRows(file, s, y, w);
  }

  @Test
  void onRealScoresTheBoundsHoldEverywhereAndTheEdgesAreExact() throws Exception {
    for (String file : List.of("lending_club_bad_hgb_oof.csv", "breast_cancer_logreg_oof.csv")) {
      SketchRows rows = example(file);
      Curve exact = rows.exact();
      for (Binning b : List.of(Binning.linear(0, 1, 100), Binning.logit(1e-6, 1 - 1e-6, 256))) {
        ScoreSketch sketch = rows.sketch(b);
        double[] largest = sketch.largestBin();
        for (double t : rows.scores()) {
          Confusion truth = exact.at(t).confusion();
          ScoreSketch.Bounds bounds = sketch.bounds(t);
          assertThat(truth.truePositives()).as("%s, %s, t = %s", file, b, t)
              .isBetween(bounds.low().truePositives(), bounds.high().truePositives());
          assertThat(truth.falsePositives()).as("%s, %s, t = %s", file, b, t)
              .isBetween(bounds.low().falsePositives(), bounds.high().falsePositives());
          assertThat(bounds.high().truePositives() - bounds.low().truePositives())
              .isLessThanOrEqualTo(largest[0] * sketch.positives());
        }
        for (double e : b.edges()) {
          assertThat(sketch.curve().at(e).confusion()).as("%s, %s, edge %s", file, b, e)
              .isEqualTo(exact.at(e).confusion());
        }
      }
    }
  }

  @Test
  void anObjectiveOnTheSketchChoosesAnEdgeWhoseCountsAreExactAndLosesAtMostOneBinOfRecall() {
    SplittableRandom r = new SplittableRandom(3);
    Binning b = Binning.linear(0, 1, 100);
    for (int round = 0; round < 20; round++) {
      SketchRows rows = rows(r, b, "uniform", 5000);
      Curve exact = rows.exact();
      ScoreSketch sketch = rows.sketch(b);
      Objective objective = Objective.recallAtPrecision(0.6);
      if (!(objective.select(sketch.curve()) instanceof Selection.Feasible onSketch)) {
        continue;
      }
      OperatingPoint chosen = onSketch.point();
      OperatingPoint truth = exact.at(chosen.threshold());
      assertThat(chosen.confusion()).as("round %d", round).isEqualTo(truth.confusion());
      assertThat(Arrays.binarySearch(b.edges(), chosen.threshold()) >= 0
          || chosen.threshold() < b.low()).as("an edge or the lowest score").isTrue();
      Selection best = objective.select(exact);
      assertThat(best).isInstanceOf(Selection.Feasible.class);
      double optimal = ((Selection.Feasible) best).point().confusion().recall();
      assertThat(optimal - chosen.confusion().recall()).as("round %d", round)
          .isLessThanOrEqualTo(sketch.largestBin()[0] + 1e-12);
    }
  }

  @Test
  void mergingSketchesEqualsSketchingTheUnionInAnyOrderAndGrouping() {
    SplittableRandom r = new SplittableRandom(4);
    Binning b = Binning.logit(0.001, 0.999, 64);
    SketchRows rows = rows(r, b, "near-zero", 3000);
    ScoreSketch whole = rows.sketch(b);
    ScoreSketch[] parts = new ScoreSketch[3];
    for (int p = 0; p < 3; p++) {
      parts[p] = new ScoreSketch(b);
    }
    for (int i = 0; i < 3000; i++) {
      parts[r.nextInt(3)].add(rows.scores()[i], rows.labels()[i], rows.weights()[i]);
    }
    ScoreSketch left = copy(parts[0]).merge(parts[1]).merge(parts[2]);
    ScoreSketch right = copy(parts[2]).merge(copy(parts[1]).merge(parts[0]));
    assertThat(left).isEqualTo(whole).isEqualTo(right);
    assertThat(left.rows()).isEqualTo(3000);
  }

  @Test
  void rowOrderAndRowsOfWeightZeroChangeNothingAndDuplicatingEveryRowLeavesRatesUnchanged() {
    SplittableRandom r = new SplittableRandom(5);
    Binning b = Binning.linear(0, 1, 40);
    SketchRows rows = rows(r, b, "uniform", 1000);
    ScoreSketch sketch = rows.sketch(b);
    ScoreSketch shuffled = new ScoreSketch(b);
    int[] order = r.ints(0, 1000).distinct().limit(1000).toArray();
    for (int i : order) {
      shuffled.add(rows.scores()[i], rows.labels()[i], rows.weights()[i]);
      shuffled.add(r.nextDouble(), r.nextBoolean(), 0.0);
    }
    assertThat(shuffled).isEqualTo(sketch);
    ScoreSketch doubled = copy(sketch).merge(sketch);
    for (double e : b.edges()) {
      Confusion once = sketch.curve().at(e).confusion();
      Confusion twice = doubled.curve().at(e).confusion();
      assertThat(twice.truePositives()).isEqualTo(2 * once.truePositives());
      assertThat(twice.precision()).isEqualTo(once.precision());
      assertThat(twice.recall()).isEqualTo(once.recall());
    }
  }

  @Test
  void aSketchRoundTripsThroughItsBytesAndOtherBytesAreRefusedSayingWhy() {
    Binning b = Binning.logit(0.01, 0.99, 16);
    ScoreSketch s = rows(new SplittableRandom(6), b, "uniform", 500).sketch(b);
    byte[] bytes = s.toBytes();
    assertThat(bytes).hasSize(8 + 1 + 8 + 8 + 4 + 8 + 4 * 8 + 16 * 16);
    assertThat(ScoreSketch.fromBytes(bytes)).isEqualTo(s);
    byte[] bad = bytes.clone();
    bad[0] = 'X';
    assertThatThrownBy(() -> ScoreSketch.fromBytes(bad)).hasMessage("is not a saved sketch (made "
        + "by --save-sketch): it is binary data");
    byte[] later = bytes.clone();
    later[7] = 2;
    assertThatThrownBy(() -> ScoreSketch.fromBytes(later)).hasMessageContaining("format 2");
    assertThatThrownBy(() -> ScoreSketch.fromBytes(Arrays.copyOf(bytes, 40)))
        .hasMessageContaining("truncated (40 bytes)");
    assertThatThrownBy(() -> ScoreSketch.fromBytes(Arrays.copyOf(bytes, bytes.length + 3)))
        .hasMessageContaining("3 bytes after its last bin");
  }

  @Test
  void aScoreEqualToAnEdgeIsInTheBinThatStartsThere() {
    for (Binning b : List.of(Binning.linear(0.1, 0.7, 1000), Binning.linear(-1e-3, 1e-3, 999),
        Binning.logit(1e-6, 1 - 1e-6, 4096), Binning.linear(0, 1, Binning.MAX_BINS >> 8))) {
      double[] edges = b.edges();
      for (int k = 0; k < edges.length; k++) {
        assertThat(b.binOf(edges[k], edges)).as("%s, edge %d", b, k).isEqualTo(k);
        assertThat(b.binOf(Math.nextDown(edges[k]), edges)).as("%s, below edge %d", b, k)
            .isEqualTo(k - 1);
        if (k % 97 == 0) {
          assertThat(b.binOf(edges[k])).as("%s, edge %d, edges computed per call", b, k).isEqualTo(k);
          assertThat(b.binOf(Math.nextDown(edges[k]))).isEqualTo(k - 1);
        }
      }
      assertThat(b.binOf(1e300)).isEqualTo(edges.length - 1);
    }
  }

  @Test
  void badInputIsRefusedNamingTheValue() {
    ScoreSketch s = new ScoreSketch(Binning.linear(0, 1, 10));
    assertThatThrownBy(() -> s.add(Double.NaN, true)).hasMessageContaining("was NaN");
    assertThatThrownBy(() -> s.add(Double.NEGATIVE_INFINITY, true)).hasMessageContaining("Infinity");
    assertThatThrownBy(() -> s.add(0.5, true, -1)).hasMessageContaining("weight must be finite and "
        + ">= 0, was -1.0");
    assertThatThrownBy(() -> Binning.linear(1, 1, 10)).hasMessageContaining("[1.0, 1.0]");
    assertThatThrownBy(() -> Binning.linear(0, 1, 0)).hasMessageContaining("was 0");
    assertThatThrownBy(() -> Binning.logit(0, 0.5, 10)).hasMessageContaining("0 < low < high < 1");
    assertThatThrownBy(() -> Binning.linear(1, Math.nextUp(Math.nextUp(1.0)), 1000))
        .hasMessageContaining("too narrow");
    assertThatThrownBy(() -> s.merge(new ScoreSketch(Binning.linear(0, 1, 11))))
        .hasMessageContaining("different binnings");
    assertThatThrownBy(s::curve).hasMessageContaining("no rows");
  }

  private static ScoreSketch copy(ScoreSketch s) {
    return new ScoreSketch(s.binning()).merge(s);
  }
}

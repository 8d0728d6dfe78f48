package dev.setpoint.bench;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.Locale;

/**
 * Measures what a fixed threshold grid costs: max recall at precision ≥ p chosen exactly (every distinct
 * score) versus on a grid of 200 thresholds {@code i / 199} — the grid Keras' {@code RecallAtPrecision}
 * and {@code PrecisionAtRecall} metrics use by default ({@code num_thresholds=200}) — on rare-positive
 * data. The grid's answer is evaluated with the same exact counts, so the difference is only the grid.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.setpoint.bench.GridVersusExact [n]} (default 10^6 rows
 * of {@link ScoreData}, 1 % positives).
 */
final class GridVersusExact {

  private GridVersusExact() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    ScoreData data = ScoreData.generate(n, ScoreData.Kind.CONTINUOUS, ScoreData.SEED);
    Curve curve = Curve.of(data.scores(), data.labels());
    System.out.printf(Locale.ROOT, "n=%d positives=%.0f distinct scores=%d%n", n, curve.positives(),
        curve.size());
    System.out.println("| precision ≥ p | exact threshold | exact recall | exact precision "
        + "| grid threshold | grid recall | grid precision | recall lost | positives missed |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (double p : new double[] {0.5, 0.8, 0.9, 0.95, 0.99}) {
      Selection exact = Objective.recallAtPrecision(p).select(curve);
      if (!(exact instanceof Selection.Feasible f)) {
        System.out.printf(Locale.ROOT, "| %.2f | infeasible | | | | | | | |%n", p);
        continue;
      }
      double gridThreshold = Double.NaN;
      Confusion grid = null;
      for (int i = 0; i < 200; i++) {
        double t = i / 199.0;
        Confusion c = curve.at(t).confusion();
        if (c.precision() >= p && (grid == null || c.recall() > grid.recall())) {
          grid = c;
          gridThreshold = t;
        }
      }
      Confusion e = f.point().confusion();
      if (grid == null) {
        System.out.printf(Locale.ROOT, "| %.2f | %.6f | %.4f | %.4f | none on the grid | 0 | - | %.4f "
            + "| %.0f |%n", p, f.threshold(), e.recall(), e.precision(), e.recall(),
            e.truePositives());
        continue;
      }
      System.out.printf(Locale.ROOT, "| %.2f | %.6f | %.4f | %.4f | %.6f | %.4f | %.4f | %.4f | %.0f |%n",
          p, f.threshold(), e.recall(), e.precision(), gridThreshold, grid.recall(),
          grid.precision(), e.recall() - grid.recall(), e.truePositives() - grid.truePositives());
    }
  }
}

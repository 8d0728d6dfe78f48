package dev.setpoint.sketch;

import dev.setpoint.curve.Curve;

/** Rows of a sketch test's data set, with the exact curve and the sketch of them. */
record SketchRows(String name, double[] scores, boolean[] labels, double[] weights) {

  Curve exact() {
    return Curve.of(scores, labels, weights);
  }

  ScoreSketch sketch(Binning binning) {
    ScoreSketch s = new ScoreSketch(binning);
    for (int i = 0; i < scores.length; i++) {
      s.add(scores[i], labels[i], weights[i]);
    }
    return s;
  }
}

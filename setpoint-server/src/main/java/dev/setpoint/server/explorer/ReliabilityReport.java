package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.calibrate.BinStrategy;
import dev.setpoint.calibrate.ReliabilityTable;
import dev.setpoint.curve.Curve;
import dev.setpoint.json.JsonNumbers;

/**
 * The answer to {@code GET /v1/explorer/datasets/{id}/reliability}: the core's reliability table of
 * the scores read as probabilities ({@code docs/definitions.md#reliability}; equal-width bins).
 *
 * <p>The table is built from the curve, not from rows: each distinct score becomes one row per class,
 * weighing that class's rows at the score (the point's count increments). Every sum in the table's
 * definition — bin weight, mean prediction, observed rate, ECE and Brier score — is the same sum over
 * the same rows grouped differently, so the values are those of the rows up to float64 rounding (the
 * test checks 1e-12). A bin's {@code weight} is its rows when the data is unweighted.
 */
final class ReliabilityReport {

  private ReliabilityReport() {}

  static ObjectNode of(Curve curve, int bins) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("bins", bins);
    out.put("strategy", "equal-width");
    int k = curve.size();
    if (k == 0) {
      out.put("unavailable", "the data has no rows");
      return out;
    }
    double lo = curve.threshold(k - 1);
    double hi = curve.threshold(0);
    if (lo < 0 || hi > 1) {
      out.put("unavailable", "the scores run from " + lo + " to " + hi + ", so they are not "
          + "probabilities and have no reliability table; calibrate them first (setpoint calibrate)");
      return out;
    }
    double[] probabilities = new double[2 * k];
    boolean[] labels = new boolean[2 * k];
    double[] weights = new double[2 * k];
    for (int i = 0; i < k; i++) {
      probabilities[2 * i] = curve.threshold(i);
      labels[2 * i] = true;
      weights[2 * i] = CurveReport.tied(curve, i, true);
      probabilities[2 * i + 1] = curve.threshold(i);
      weights[2 * i + 1] = CurveReport.tied(curve, i, false);
    }
    ReliabilityTable t = ReliabilityTable.of(probabilities, labels, weights, bins,
        BinStrategy.EQUAL_WIDTH);
    JsonNumbers.put(out, "expectedCalibrationError", t.expectedCalibrationError());
    JsonNumbers.put(out, "brierScore", t.brierScore());
    ArrayNode table = out.putArray("table");
    for (ReliabilityTable.Bin b : t.bins()) {
      ObjectNode row = table.addObject();
      JsonNumbers.put(row, "lower", b.lower());
      JsonNumbers.put(row, "upper", b.upper());
      JsonNumbers.put(row, "weight", b.weight());
      JsonNumbers.put(row, "meanPredicted", b.meanPredicted());
      JsonNumbers.put(row, "observedRate", b.observedRate());
    }
    return out;
  }
}

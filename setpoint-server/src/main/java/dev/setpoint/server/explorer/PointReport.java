package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.json.JsonNumbers;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.stats.Intervals;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The answer to {@code GET /v1/explorer/datasets/{id}/at?t=…}: the exact operating point of {@code
 * score >= t} for any t ({@link Curve#at}, a binary search, so a typed threshold between two points of
 * the compressed curve is still exact), its rates as {@code docs/definitions.md} defines them, the rows
 * tied at t, binomial intervals for precision and recall ({@code docs/definitions.md#binomial-intervals};
 * refused, with the reason, for weighted data), and the expected counts at a deployment prevalence.
 */
final class PointReport {

  private PointReport() {}

  /**
   * What to compute.
   *
   * @param threshold t; {@code +Infinity} flags nothing
   * @param method the interval method
   * @param confidence the interval level
   * @param prevalence a deployment prevalence, if asked for
   */
  record Request(double threshold, IntervalMethod method, double confidence,
      OptionalDouble prevalence) {

    static Request of(Params p) {
      String t = p.text("t").orElseThrow(() -> Params.bad("t", "required: the threshold, a number"));
      double threshold;
      try {
        threshold = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        threshold = Double.NaN;
      }
      if (Double.isNaN(threshold)) {
        throw Params.bad("t", "must be a threshold (a number, or Infinity to flag nothing), was "
            + Params.quoted(t));
      }
      String m = p.text("method").orElse("clopper-pearson");
      IntervalMethod method = switch (m.toLowerCase(Locale.ROOT)) {
        case "clopper-pearson" -> IntervalMethod.CLOPPER_PEARSON;
        case "wilson" -> IntervalMethod.WILSON;
        default -> throw Params.bad("method", "must be clopper-pearson or wilson, was "
            + Params.quoted(m));
      };
      return new Request(threshold, method, p.open01("confidence").orElse(0.95),
          p.open01("prevalence"));
    }
  }

  static ObjectNode of(Curve curve, Request r) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    JsonNumbers.put(out, "threshold", r.threshold());
    Confusion c = curve.at(r.threshold()).confusion();
    Markers.counts(out, c);
    JsonNumbers.put(out, "precision", c.precision());
    JsonNumbers.put(out, "recall", c.recall());
    JsonNumbers.put(out, "falsePositiveRate", c.falsePositiveRate());
    JsonNumbers.put(out, "f1", c.f1());
    JsonNumbers.put(out, "flagRate", c.flagRate());
    int i = curve.indexAt(r.threshold());
    boolean onPoint = i >= 0 && curve.threshold(i) == r.threshold();
    JsonNumbers.put(out, "tiedPositives", onPoint ? CurveReport.tied(curve, i, true) : 0);
    JsonNumbers.put(out, "tiedNegatives", onPoint ? CurveReport.tied(curve, i, false) : 0);
    JsonNumbers.put(out, "nextThresholdBelow", i + 1 < curve.size() ? curve.threshold(i + 1)
        : Double.NaN);
    ObjectNode iv = out.putObject("intervals");
    iv.put("method", r.method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    JsonNumbers.put(iv, "confidence", r.confidence());
    try {
      bounds(iv, "precision", Intervals.precision(c, r.method(), r.confidence()));
      bounds(iv, "recall", Intervals.recall(c, r.method(), r.confidence()));
    } catch (IllegalArgumentException e) {
      iv.remove("precision");
      iv.put("unavailable", e.getMessage());
    }
    if (r.prevalence().isPresent()) {
      ObjectNode d = out.putObject("deployed");
      JsonNumbers.put(d, "prevalence", r.prevalence().getAsDouble());
      if (curve.positives() > 0 && curve.negatives() > 0) {
        Confusion e = curve.atPrevalence(r.prevalence().getAsDouble()).at(r.threshold()).confusion();
        Markers.counts(d, e);
        JsonNumbers.put(d, "precision", e.precision());
      } else {
        d.put("unavailable", "a deployment prevalence needs both positives and negatives in the data");
      }
    }
    return out;
  }

  private static void bounds(ObjectNode node, String field, Interval i) {
    var a = node.putArray(field);
    JsonNumbers.add(a, i.lower());
    JsonNumbers.add(a, i.upper());
  }
}

package dev.setpoint.cli.evaluate;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The headline numbers of one curve, as {@code setpoint evaluate} reports them.
 *
 * @param positives P, total positive weight
 * @param negatives N, total negative weight
 * @param points the number of distinct scores
 * @param weighted whether any weight differs from 1
 * @param averagePrecision AP, or NaN when undefined (no positives)
 * @param rocAuc ROC AUC, or NaN when undefined (one class missing)
 * @param undefined why AP or AUC is undefined, when one is
 * @param bestF1 the max-F1 selection
 * @param at the operating points at the thresholds the user asked for, in the order asked
 * @param objectives the selection of each objective the user asked for, in the order asked
 */
record CurveSummary(
    double positives,
    double negatives,
    int points,
    boolean weighted,
    double averagePrecision,
    double rocAuc,
    Optional<String> undefined,
    Selection bestF1,
    List<OperatingPoint> at,
    Map<Objective, Selection> objectives) {

  CurveSummary {
    Objects.requireNonNull(undefined, "undefined");
    Objects.requireNonNull(bestF1, "bestF1");
    at = List.copyOf(at);
    objectives = Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
  }

  /** Summarises a curve; never throws for a degenerate curve but records why a metric is undefined. */
  static CurveSummary of(Curve curve, List<Double> thresholds, List<Objective> objectives) {
    double ap = Double.NaN;
    double auc = Double.NaN;
    String undefined = null;
    try {
      auc = curve.rocAuc();
      ap = curve.averagePrecision();
    } catch (IllegalStateException e) {
      undefined = e.getMessage();
      if (curve.positives() > 0) {
        ap = curve.averagePrecision();
      }
    }
    List<OperatingPoint> at = thresholds.stream().map(curve::at).toList();
    Map<Objective, Selection> chosen = new LinkedHashMap<>();
    objectives.forEach(o -> chosen.put(o, o.select(curve)));
    return new CurveSummary(curve.positives(), curve.negatives(), curve.size(), curve.isWeighted(),
        ap, auc, Optional.ofNullable(undefined), Objective.fBeta(1.0).select(curve), at, chosen);
  }
}

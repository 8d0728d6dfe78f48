package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import dev.setpoint.json.JsonNumbers;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.IntervalMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Objective markers: what each stated objective chooses on a curve, exactly as {@code setpoint choose}
 * would ({@link Objective#select}), and the guaranteed-precision point (Learn-then-Test). The page puts
 * them side by side; nothing about them is computed in the browser.
 */
final class Markers {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * What to mark.
   *
   * @param objectives objectives in the syntax of {@link ObjectiveParser}
   * @param guarantee the precision to guarantee and δ, if asked for
   * @param seed the seed of the validation/calibration split of the guarantee
   */
  record Request(List<Objective> objectives, Optional<GuaranteedPrecision> guarantee, long seed) {

    /** From the query: {@code objective} (repeated), {@code guarantee}, {@code delta}, {@code seed}. */
    static Request of(Params p) {
      List<Objective> objectives = new ArrayList<>();
      for (String text : p.all("objective")) {
        try {
          objectives.add(ObjectiveParser.parse(text));
        } catch (ObjectiveSyntaxException e) {
          throw Params.bad("objective", Params.quoted(text) + ": " + e.problem() + " at position "
              + e.position() + "; expected one of " + ObjectiveParser.FORMS);
        }
      }
      if (objectives.size() > 20) {
        throw Params.bad("objective", "at most 20 objectives, was " + objectives.size());
      }
      OptionalDouble target = p.number("guarantee", 0, 1);
      OptionalDouble delta = p.number("delta", 0, 1);
      Optional<GuaranteedPrecision> guarantee = Optional.empty();
      if (target.isPresent()) {
        try {
          guarantee = Optional.of(new GuaranteedPrecision(target.getAsDouble(),
              delta.orElse(0.05)));
        } catch (IllegalArgumentException e) {
          throw Params.bad("guarantee", String.valueOf(e.getMessage()));
        }
      }
      return new Request(objectives, guarantee, p.integer("seed", 0, Integer.MAX_VALUE).orElse(1));
    }
  }

  private Markers() {}

  /** The markers, in the order asked, the guarantee last; each names the thresholds it needs kept. */
  static ArrayNode of(Curve curve, Request request, List<Double> thresholds) {
    ArrayNode markers = NODES.arrayNode();
    for (Objective objective : request.objectives()) {
      ObjectNode m = markers.addObject();
      m.put("objective", objective.syntax());
      selection(m, curve, objective.select(curve), thresholds);
    }
    request.guarantee().ifPresent(g -> guaranteed(markers.addObject(), curve, g, request.seed(),
        thresholds));
    return markers;
  }

  /** A selection's fields: the point chosen, or why none and the nearest point. */
  static void selection(ObjectNode m, Curve curve, Selection selection, List<Double> thresholds) {
    if (selection instanceof Selection.Feasible f) {
      m.put("feasible", true);
      point(m, curve, f.point());
      JsonNumbers.put(m, "lowestTiedThreshold", f.lowestTiedThreshold());
      JsonNumbers.put(m, "value", f.objectiveValue());
      thresholds.add(f.threshold());
    } else {
      Selection.Infeasible inf = (Selection.Infeasible) selection;
      m.put("feasible", false);
      m.put("reason", inf.reason());
      if (inf.nearest().isPresent()) {
        point(m.putObject("nearest"), curve, inf.nearest().get());
        thresholds.add(inf.nearest().get().threshold());
      } else {
        m.putNull("nearest");
      }
    }
  }

  /**
   * A point's threshold and counts as the objective saw them ({@code tp}, {@code fp}, {@code fn},
   * {@code tn}: expected counts when it chose at a deployment prevalence), and {@code at}, the counts
   * of the same threshold on the curve the page shows.
   */
  private static void point(ObjectNode m, Curve curve, OperatingPoint p) {
    JsonNumbers.put(m, "threshold", p.threshold());
    counts(m, p.confusion());
    counts(m.putObject("at"), curve.at(p.threshold()).confusion());
  }

  static void counts(ObjectNode m, Confusion c) {
    JsonNumbers.put(m, "tp", c.truePositives());
    JsonNumbers.put(m, "fp", c.falsePositives());
    JsonNumbers.put(m, "fn", c.falseNegatives());
    JsonNumbers.put(m, "tn", c.trueNegatives());
  }

  private static void guaranteed(ObjectNode m, Curve curve, GuaranteedPrecision g, long seed,
      List<Double> thresholds) {
    m.put("objective", "guaranteed precision>=" + plain(g.minPrecision()) + " at delta="
        + plain(g.delta()));
    m.put("guarantee", true);
    JsonNumbers.put(m, "minPrecision", g.minPrecision());
    JsonNumbers.put(m, "delta", g.delta());
    if (curve.size() == 0 || curve.isWeighted()) {
      m.put("feasible", false);
      m.put("reason", curve.size() == 0 ? "the data has no rows to certify on"
          : "guaranteed selection needs unweighted rows, each an independent draw; this data is "
              + "weighted (docs/definitions.md#guaranteed-selection)");
      m.putNull("nearest");
      return;
    }
    Curve[] halves = DerivedCurves.split(curve, seed);
    Curve validation = halves[0];
    Curve calibration = halves[1];
    m.put("split", "the rows were split at random (seed " + seed + ") into a validation half ("
        + (long) (validation.positives() + validation.negatives()) + " rows), which fixed the "
        + "sequence of thresholds, and a calibration half ("
        + (long) (calibration.positives() + calibration.negatives()) + " rows), which tested it");
    if (validation.size() == 0) {
      m.put("feasible", false);
      m.put("reason", "the validation half has no rows");
      m.putNull("nearest");
      return;
    }
    Selection s = g.select(validation, calibration);
    selection(m, curve, s, thresholds);
    Optional<OperatingPoint> certified = s instanceof Selection.Feasible f ? Optional.of(f.point())
        : ((Selection.Infeasible) s).nearest();
    if (certified.isPresent()) {
      Confusion c = certified.get().confusion();
      ObjectNode cal = m.putObject("calibration");
      counts(cal, c);
      // The one-sided 1 − δ Clopper-Pearson bound the test compares with p (definitions.md).
      JsonNumbers.put(cal, "precisionLowerBound", c.flagged() == 0 ? Double.NaN
          : IntervalMethod.CLOPPER_PEARSON.lowerBound((long) c.truePositives(), (long) c.flagged(),
              1 - g.delta()));
      JsonNumbers.put(cal, "confidence", 1 - g.delta());
    }
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}

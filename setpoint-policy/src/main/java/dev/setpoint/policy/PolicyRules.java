package dev.setpoint.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.spelling.Suggestions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a policy must meet beyond its schema, each reported with a JSON pointer and a plain
 * sentence ({@code docs/policy.md#validation} lists them). Errors make a policy unusable; warnings mark
 * what is legal but probably not meant.
 */
final class PolicyRules {

  private final List<Problem> errors = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  List<Problem> errors() {
    return errors;
  }

  List<Problem> warnings() {
    return warnings;
  }

  /** Numbers the record cannot hold faithfully: NaN and infinities anywhere, an inverted score range. */
  void checkTree(JsonNode root) {
    nonFinite(root, "");
    JsonNode range = root.path("model").path("scoreRange");
    if (range.isObject() && range.path("min").isNumber() && range.path("max").isNumber()
        && range.get("min").asDouble() > range.get("max").asDouble()) {
      errors.add(Problem.at("/model/scoreRange", "min " + range.get("min").asText()
          + " is above max " + range.get("max").asText()));
    }
    JsonNode segments = root.path("segments");
    for (int i = 0; i < segments.size(); i++) {
      JsonNode match = segments.get(i).path("match");
      int index = i;
      match.properties().forEach(e -> {
        JsonNode c = e.getValue();
        String at = "/segments/" + index + "/match/" + SchemaCheck.escape(e.getKey());
        if (c.isObject() && c.has("gte") && c.has("gt")) {
          errors.add(Problem.at(at, "give gte or gt, not both"));
        }
        if (c.isObject() && c.has("lte") && c.has("lt")) {
          errors.add(Problem.at(at, "give lte or lt, not both"));
        }
      });
    }
  }

  private void nonFinite(JsonNode node, String at) {
    if (node.isNumber() && !Double.isFinite(node.asDouble())) {
      errors.add(Problem.at(at, "must be a finite number, was " + node.asText()));
    } else if (node.isObject()) {
      node.properties().forEach(e -> nonFinite(e.getValue(),
          at + "/" + SchemaCheck.escape(e.getKey())));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        nonFinite(node.get(i), at + "/" + i);
      }
    }
  }

  /** Every rule on the policy itself. */
  void check(Policy policy) {
    Set<String> actions = actions(policy);
    Set<String> used = new LinkedHashSet<>();
    Map<String, Integer> names = new HashMap<>();
    List<Segment> segments = policy.segments();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      String at = "/segments/" + i;
      Integer first = names.putIfAbsent(s.name(), i);
      if (first != null) {
        errors.add(Problem.at(at + "/name", "duplicate segment name '" + s.name()
            + "' (also /segments/" + first + ")"));
      }
      ranges(s, at);
      bands(policy, s, at, actions, used);
      provenance(policy, s, at);
    }
    defaultSegment(segments);
    new Reachability(segments, errors).check();
    for (int i = 0; i < policy.actions().size(); i++) {
      String name = policy.actions().get(i).name();
      if (!used.contains(name)) {
        warnings.add(Problem.at("/actions/" + i + "/name", "action '" + name
            + "' is declared but no band uses it"));
      }
    }
  }

  private Set<String> actions(Policy policy) {
    Set<String> known = new LinkedHashSet<>(Actions.BUILT_IN);
    for (int i = 0; i < policy.actions().size(); i++) {
      String name = policy.actions().get(i).name();
      if (Actions.BUILT_IN.contains(name)) {
        errors.add(Problem.at("/actions/" + i + "/name", "'" + name
            + "' is built in; declare only new actions"));
      } else if (!known.add(name)) {
        errors.add(Problem.at("/actions/" + i + "/name", "action '" + name + "' is declared twice"));
      }
    }
    return known;
  }

  private void ranges(Segment s, String at) {
    s.match().conditions().forEach((attribute, c) -> {
      if (c instanceof Condition.Range r && r.isEmpty()) {
        errors.add(Problem.at(at + "/match/" + SchemaCheck.escape(attribute), "the range of '"
            + attribute + "' holds no number, so segment '" + s.name() + "' can never match"));
      }
    });
  }

  private void bands(Policy policy, Segment s, String at, Set<String> actions, Set<String> used) {
    Optional<ModelRef.ScoreRange> range = policy.model().flatMap(ModelRef::scoreRange);
    List<Band> bands = s.bands();
    double above = Double.NaN;
    int aboveIndex = -1;
    Map<String, Integer> seen = new HashMap<>();
    for (int j = 0; j < bands.size(); j++) {
      Band b = bands.get(j);
      String bandAt = at + "/bands/" + j;
      boolean last = j == bands.size() - 1;
      if (!actions.contains(b.action())) {
        String hint = Suggestions.closest(b.action(), actions)
            .map(x -> " (did you mean '" + x + "'?)").orElse("");
        errors.add(Problem.at(bandAt + "/action", "unknown action '" + b.action() + "'" + hint
            + "; the actions are " + String.join(", ", actions)
            + ", and others must be declared under /actions"));
      }
      used.add(b.action());
      Integer twin = seen.putIfAbsent(b.action() + "\u0000" + b.queue().orElse(""), j);
      if (twin != null) {
        warnings.add(Problem.at(bandAt, "bands " + twin + " and " + j + " both take action '"
            + b.action() + "'" + b.queue().map(q -> " to queue '" + q + "'").orElse("")
            + ", so they act the same; merge them or give them different queues"));
      }
      if (last) {
        if (b.minScore().isPresent()) {
          errors.add(Problem.at(bandAt + "/minScore", "the last band takes every score the bands "
              + "above leave, so it has no minScore; scores below " + b.minScore().getAsDouble()
              + " would get no action (add a last band such as {action: allow})"));
        }
      } else if (b.minScore().isEmpty()) {
        errors.add(Problem.at(bandAt, "missing minScore: every band but the last needs one (band "
            + j + " of bands 0-" + (bands.size() - 1) + ")"));
      }
      if (b.minScore().isEmpty()) {
        continue;
      }
      double t = b.minScore().getAsDouble();
      if (!Double.isFinite(t)) {
        continue; // reported by checkTree
      }
      if (range.isPresent() && !range.get().contains(t)) {
        errors.add(Problem.at(bandAt + "/minScore", t + " is outside the model's score range ["
            + range.get().min() + ", " + range.get().max() + "] (/model/scoreRange)"));
      }
      if (aboveIndex >= 0 && t == above) {
        errors.add(Problem.at(bandAt + "/minScore", "overlapping bands: minScore " + t
            + " equals that of band " + aboveIndex + ", so this band would take no score"));
      } else if (aboveIndex >= 0 && t > above) {
        errors.add(Problem.at(bandAt + "/minScore", "bands must go from the highest minScore down: "
            + t + " is above band " + aboveIndex + "'s " + above));
      }
      unreached(s, j, t, bandAt);
      above = t;
      aboveIndex = j;
    }
  }

  /** A warning when the provenance data shows that nothing reaches a band. */
  private void unreached(Segment s, int j, double t, String bandAt) {
    if (s.provenance().isEmpty()) {
      return;
    }
    Provenance p = s.provenance().get();
    OptionalDouble max = p.data().map(Provenance.DataFingerprint::maxScore)
        .orElse(OptionalDouble.empty());
    if (max.isPresent() && t > max.getAsDouble()) {
      warnings.add(Problem.at(bandAt + "/minScore", "no score in the data these thresholds were "
          + "chosen on reaches " + t + " (the highest was " + max.getAsDouble()
          + "), so this band is expected to take nothing"));
      return;
    }
    List<Provenance.BandExpectation> expected = p.expected().map(Provenance.Expected::bands)
        .orElse(List.of());
    if (j < expected.size() && expected.get(j).rows() == 0) {
      warnings.add(Problem.at(bandAt, "band '" + s.bands().get(j).action() + "' took no rows in the "
          + "data these thresholds were chosen on"));
    }
  }

  private void provenance(Policy policy, Segment s, String at) {
    if (s.provenance().isEmpty()) {
      warnings.add(Problem.at(at, "segment '" + s.name() + "' has no provenance: nobody can tell "
          + "how its thresholds were chosen"));
      return;
    }
    Provenance p = s.provenance().get();
    List<Provenance.BandExpectation> expected = p.expected().map(Provenance.Expected::bands)
        .orElse(List.of());
    if (!expected.isEmpty()) {
      List<String> bandActions = s.bands().stream().map(Band::action).toList();
      List<String> expectedActions = expected.stream().map(Provenance.BandExpectation::action)
          .toList();
      if (!bandActions.equals(expectedActions)) {
        warnings.add(Problem.at(at + "/provenance/expected/bands", "the expected counts are for "
            + "bands " + expectedActions + " but the segment has bands " + bandActions
            + ": the bands were changed after they were chosen"));
      }
    }
    shortOfTarget(s, p, at);
    p.scores().ifPresent(h -> histogram(h, at + "/provenance/scores"));
    if (policy.model().isEmpty() || p.model().isEmpty()) {
      return;
    }
    ModelRef model = policy.model().get();
    Provenance.ModelVersion chosenOn = p.model().get();
    if (!chosenOn.name().equals(model.name()) || !chosenOn.version().equals(model.version())) {
      warnings.add(Problem.at(at + "/provenance/model", "the thresholds were chosen on scores of "
          + chosenOn.name() + " " + chosenOn.version() + " but the policy serves " + model.name()
          + " " + model.version() + ": choose them again on the new model's scores"));
    } else if (model.trainedAt().isPresent() && p.createdAt().isPresent()
        && p.createdAt().get().isBefore(model.trainedAt().get())) {
      Instant trained = model.trainedAt().get();
      warnings.add(Problem.at(at + "/provenance/createdAt", "the thresholds were chosen at "
          + p.createdAt().get() + ", before the model was trained (" + trained + ")"));
    }
  }

  /** The histogram's rules the schema cannot state: ascending edges, one more weight than edges. */
  private void histogram(Provenance.ScoreHistogram h, String at) {
    for (int i = 1; i < h.edges().size(); i++) {
      if (!(h.edges().get(i) > h.edges().get(i - 1))) {
        errors.add(Problem.at(at + "/edges/" + i, "edges must ascend strictly, but " + h.edges().get(i)
            + " follows " + h.edges().get(i - 1)));
        return;
      }
    }
    if (h.weights().size() != h.edges().size() + 1) {
      errors.add(Problem.at(at + "/weights", "needs one weight per bin, " + (h.edges().size() + 1)
          + " for " + h.edges().size() + " edges, but has " + h.weights().size()));
    }
  }

  /**
   * A warning when the segment's expected precision (recall) is below the precision (recall) target
   * of the objective its provenance names: typically a segment that inherited its parent's threshold
   * and, on its own rows, reaches far less there (docs/definitions.md#segment-fallback). Monitoring
   * would hold the segment to that lower figure. Objectives at a deployment prevalence are not
   * compared: their target is the deployment precision, the expectation the sample's.
   */
  private void shortOfTarget(Segment s, Provenance p, String at) {
    if (p.expected().isEmpty()) {
      return;
    }
    Provenance.Expected expected = p.expected().get();
    Optional<Objective.Constraint> floor = objective(p.objective()).flatMap(Objective::constraint);
    if (floor.isPresent()) {
      String rate = floor.get().rate().label();
      below(s, at + "/provenance/expected/" + rate, rate, switch (floor.get().rate()) {
        case PRECISION -> expected.precision();
        case RECALL -> expected.recall();
      }, floor.get().floor(), p.objective());
    }
    Matcher bands = BANDS.matcher(p.objective());
    if (bands.lookingAt() && !expected.bands().isEmpty()
        && Actions.BLOCK.equals(expected.bands().get(0).action())) {
      double target = Double.parseDouble(bands.group(1));
      double precision = expected.bands().get(0).precision();
      below(s, at + "/provenance/expected/bands/0", "block precision", Double.isNaN(precision)
          ? OptionalDouble.empty() : OptionalDouble.of(precision), target, p.objective());
    }
  }

  /** How {@code ChosenPolicy.banded} names a band choice: {@code bands: block precision>=0.95, …}. */
  private static final Pattern BANDS =
      Pattern.compile("bands: block precision>=([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)");

  private void below(Segment s, String pointer, String rate, OptionalDouble expected, double target,
      String objective) {
    if (expected.isPresent() && expected.getAsDouble() < target) {
      double e = expected.getAsDouble();
      warnings.add(Problem.at(pointer, "segment '" + s.name() + "' expects " + rate + " "
          + String.format(Locale.ROOT, "%.4f", e) + " at its thresholds, below the target " + target
          + " of its objective '" + objective + "' (an inherited threshold? see its provenance note); "
          + "choose its thresholds on more data, or accept "
          + (e == 0 ? "that it promises nothing there (monitoring reports no promise for it)"
              : "the lower figure, which monitoring holds it to")));
    }
  }

  /**
   * The objective a provenance names, when it is in the objective syntax; empty for free text (a
   * hand-set threshold, a guarantee described in words), which is allowed there.
   */
  private static Optional<Objective> objective(String text) {
    try {
      return Optional.of(ObjectiveParser.parse(text));
    } catch (IllegalArgumentException freeText) {
      return Optional.empty(); // free text is legal in provenance.objective: nothing to compare
    }
  }

  private void defaultSegment(List<Segment> segments) {
    int last = segments.size() - 1;
    if (!segments.get(last).match().isAll()) {
      errors.add(Problem.at("/segments/" + last + "/match", "the last segment must match every "
          + "request (match: {}), or requests that match no segment get no decision; add a last "
          + "segment such as {name: default, match: {}, bands: [...]}"));
    }
  }
}

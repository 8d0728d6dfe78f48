package dev.setpoint.cli.policy;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Condition;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.Policy.ActionDef;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.Validation;
import dev.setpoint.spelling.Suggestions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code setpoint policy explain FILE}: the policy in words, or the trace of one decision. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Explains a policy in words: which requests each segment takes, which scores each band "
          + "takes, and how the thresholds were chosen. With --score, traces one decision as the "
          + "decision service makes it: each segment tried and why it did or did not match, then "
          + "the band. Segments and bands are numbered from 0, as in the service's answers, "
          + "decisions.csv and the policy's JSON pointers.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint policy explain policy.yaml",
      "  setpoint policy explain policy.yaml --score 0.9 --attribute jurisdiction=US",
      "",
      "Exit codes: 0 ok, 2 usage error (a score the service would refuse: not finite, or outside "
          + "the model's score range), 3 the policy cannot be used."
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "POLICY", description = "The policy document.")
  private Path file;

  @Option(names = "--score", paramLabel = "S", description = "Trace the decision for this score: a "
      + "finite number, inside the model's score range when the policy declares one.")
  private @Nullable Double score;

  @Option(names = "--attribute", paramLabel = "NAME=VALUE",
      description = "A request attribute for the trace (repeatable).")
  private Map<String, String> attributes = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException, DataFormatException {
    PrintWriter out = spec.commandLine().getOut();
    Validation.Valid valid = PolicyFiles.load(file, spec.commandLine().getErr());
    Decider decider = Decider.compile(valid);
    if (score != null) {
      // The service's rule for a request's score, from the same code (a 400 there).
      decider.refusal(score).ifPresent(why -> {
        throw new ParameterException(spec.commandLine(), "--score: " + why);
      });
      trace(out, decider, score);
    } else {
      describe(out, valid.policy(), decider);
    }
    out.flush();
    return 0;
  }

  private void describe(PrintWriter out, Policy policy, Decider decider) {
    out.printf(Locale.ROOT, "Policy %s, version %s%s%n", policy.name(), decider.version(),
        policy.model().map(m -> ", for model " + m.name() + " " + m.version()
            + m.scoreRange().map(r -> " (scores in [" + r.min() + ", " + r.max() + "])").orElse(""))
            .orElse(""));
    policy.description().ifPresent(out::println);
    if (!policy.actions().isEmpty()) {
      out.println("Declared actions:");
      for (ActionDef a : policy.actions()) {
        out.println("  " + a.name() + a.description().map(d -> ": " + d).orElse(""));
      }
    }
    out.println("Segments are tried in order; the first whose match holds decides. A score takes "
        + "the first band it reaches (score >= minScore).");
    List<Segment> segments = policy.segments();
    for (int s = 0; s < segments.size(); s++) {
      Segment segment = segments.get(s);
      out.println();
      out.printf(Locale.ROOT, "%d. %s: %s%n", s, segment.name(),
          s == segments.size() - 1 && segment.match().isAll() && segments.size() > 1
              ? "every other request" : PolicyText.match(segment.match()));
      List<Band> bands = segment.bands();
      for (int b = 0; b < bands.size(); b++) {
        out.printf(Locale.ROOT, "   band %d  %-40s %s%n", b, PolicyText.scores(bands, b),
            PolicyText.action(bands.get(b)));
      }
      segment.provenance().ifPresentOrElse(
          p -> PolicyText.provenance(p).forEach(line -> out.println("   " + line)),
          () -> out.println("   no provenance: how these thresholds were chosen is not recorded"));
    }
  }

  private void trace(PrintWriter out, Decider decider, double score) {
    Policy policy = decider.policy();
    out.printf(Locale.ROOT, "score %s with %s:%n", score,
        attributes.isEmpty() ? "no attributes" : attributes.toString().replaceAll("[{}]", ""));
    for (String name : attributes.keySet()) {
      if (!decider.attributes().contains(name)) {
        // Names match exactly, as in the service: 'Jurisdiction' is not 'jurisdiction'.
        out.printf(Locale.ROOT, "  note: the policy does not match on '%s'%s (it matches on %s)%n",
            name, Suggestions.closest(name, decider.attributes())
                .filter(a -> !attributes.containsKey(a))
                .map(a -> "; did you mean '" + a + "'?").orElse(""),
            decider.attributes().isEmpty() ? "no attributes" : String.join(", ", decider.attributes()));
      }
    }
    Decision d = decider.decide(score, attributes);
    for (int s = 0; s <= d.segmentIndex(); s++) {
      Segment segment = policy.segments().get(s);
      List<String> failed = new ArrayList<>();
      segment.match().conditions().forEach((attribute, c) -> {
        String why = failure(attribute, c);
        if (why != null) {
          failed.add(why);
        }
      });
      out.printf(Locale.ROOT, "  %d. %-20s %s%n", s, segment.name(),
          failed.isEmpty() ? "matches (" + PolicyText.match(segment.match()) + ")"
              : "no: " + String.join("; ", failed));
    }
    Segment segment = policy.segments().get(d.segmentIndex());
    out.printf(Locale.ROOT, "  band %d (bands 0-%d): %s -> %s%n", d.band(),
        segment.bands().size() - 1, PolicyText.scores(segment.bands(), d.band()),
        PolicyText.action(segment.bands().get(d.band())));
    out.printf(Locale.ROOT, "decision: %s (segment %s, %s, policy %s version %s, route %s%s)%n",
        d.action() + d.queue().map(q -> " to queue " + q).orElse(""), d.segment(),
        d.threshold().isPresent() ? "threshold " + d.threshold().getAsDouble() : "no threshold",
        policy.name(), d.policyVersion(), d.route().label(),
        d.missingAttributes().isEmpty() ? "" : ", missing " + String.join(", ",
            d.missingAttributes()));
  }

  /**
   * Why a condition fails for the traced request, or null when it holds. A range's value that is not
   * a number is missing, as the decision says and the service answers ({@code missingAttributes}); the
   * trace adds why.
   */
  private @Nullable String failure(String attribute, Condition c) {
    String value = attributes.get(attribute);
    if (value == null) {
      return attribute + " is missing";
    }
    if (c instanceof Condition.OneOf one) {
      return one.values().contains(value) ? null
          : attribute + " is '" + value + "', not " + String.join(" or ", one.values());
    }
    double x;
    try {
      x = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      x = Double.NaN;
    }
    if (Double.isNaN(x)) {
      return attribute + " is missing ('" + value + "' is not a number)";
    }
    return ((Condition.Range) c).contains(x) ? null
        : attribute + " is " + value + ", not " + PolicyText.condition(attribute, c);
  }
}

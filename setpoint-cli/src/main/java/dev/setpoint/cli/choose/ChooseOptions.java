package dev.setpoint.cli.choose;

import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.cli.input.Objectives;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.plot.PlotSpec;
import dev.setpoint.cli.report.OutputFormat;
import dev.setpoint.cli.sketch.SketchableInput;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.policy.options.PolicyOptions;
import dev.setpoint.policy.options.SegmentSupportOptions;
import dev.setpoint.select.Bands;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.stats.IntervalMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code setpoint choose}'s own options (a picocli mixin, after the input and sketch options), in the
 * order its help lists them: what to choose for and what to add to each choice (objectives, bands,
 * per-example costs, a guarantee; segment support, intervals, the bootstrap), the report's format and
 * charts, and the policy -o writes. {@link #request} checks them all, before any read, into a {@link
 * ChooseRequest}: the one place a usage error comes from; {@link #settings} gives the policy's
 * settings.
 */
final class ChooseOptions {

  /** The options a sketch cannot serve: they need the rows themselves. */
  private static final List<String> NEED_ROWS = List.of("--segment", "--block-precision",
      "--review-capacity", "--miss-cost", "--flag-cost", "--confidence", "--bootstrap",
      "--guaranteed-precision", "--guaranteed-recall", "--validation", "--plot");

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Option(names = {"-O", "--objective"}, paramLabel = "OBJECTIVE",
      description = "What to choose for, e.g. recall@precision>=0.95 (repeatable; see the list "
          + "below).")
  private List<String> objectives = new ArrayList<>();

  @Mixin private SegmentSupportOptions support;

  @Option(names = "--block-precision", paramLabel = "P",
      description = "Choose block and review bands: the block band's precision must be >= P.")
  private @Nullable Double blockPrecision;

  @Option(names = "--review-capacity", paramLabel = "BUDGET",
      description = "The review band's capacity, as in a budget objective: flags<=K, rate<=X or "
          + "flags<=K/day,volume=V/day.")
  private @Nullable String reviewCapacity;

  @Option(names = "--miss-cost", paramLabel = "COLUMN|C",
      description = "Per-example costs: the cost of missing each positive, a column (e.g. amount) "
          + "or a constant. With --flag-cost, chooses the threshold of least total cost.")
  private @Nullable String missCost;

  @Option(names = "--flag-cost", paramLabel = "COLUMN|C",
      description = "Per-example costs: the cost of flagging each negative (e.g. a review), a "
          + "column or a constant.")
  private @Nullable String flagCost;

  @Option(names = "--confidence", paramLabel = "C",
      description = "Add confidence intervals at level C (e.g. 0.95) for the chosen precision and "
          + "recall, and for --bootstrap.")
  private @Nullable Double confidence;

  @Option(names = "--interval", paramLabel = "METHOD", defaultValue = "CLOPPER_PEARSON",
      description = "Interval method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private IntervalMethod intervalMethod;

  @Option(names = "--bootstrap", paramLabel = "R",
      description = "Also bootstrap each objective on all rows with R stratified resamples: "
          + "intervals for the threshold, precision and recall it would choose.")
  private @Nullable Integer bootstrap;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}); same seed, same answer.")
  private long seed;

  @Option(names = "--guaranteed-precision", paramLabel = "P",
      description = "Choose a threshold with P(precision >= P) >= 1 - delta by Learn-then-Test: "
          + "FILE is the calibration set, --validation fixes the threshold sequence.")
  private @Nullable Double guaranteedPrecision;

  @Option(names = "--guaranteed-recall", paramLabel = "R",
      description = "Choose the highest threshold with P(recall >= R) >= 1 - delta: the k-th "
          + "highest positive score of FILE, the calibration set (no --validation needed; "
          + "docs/definitions.md#guaranteed-recall).")
  private @Nullable Double guaranteedRecall;

  @Option(names = "--delta", paramLabel = "D", defaultValue = "0.05",
      description = "Risk of the guarantee (default: ${DEFAULT-VALUE}).")
  private double delta;

  @Option(names = "--validation", paramLabel = "FILE",
      description = "A separate validation file for --guaranteed-precision (same columns).")
  private @Nullable Path validation;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  @Option(names = "--plot", converter = OutputPath.Plot.class, paramLabel = "[pr=|roc=|metrics=]FILE",
      description = "Draw a chart as .png or .svg (as evaluate --plot), with each objective's chosen "
          + "threshold marked and named in the legend. With --segment, each segment's chart goes "
          + "beside it, named FILE-SEGMENT.png (pr.png -> pr-DE.png). Repeatable.")
  private List<String> plots = new ArrayList<>();

  @Option(names = {"-o", "--output"}, converter = OutputPath.class, paramLabel = "POLICY",
      description = "Also write the choice as a policy document (.yaml, .yml or .json): one segment "
          + "per --segment value, bands from the chosen thresholds, provenance. Needs exactly one of "
          + "--objective, --block-precision/--review-capacity, --guaranteed-precision or "
          + "--guaranteed-recall.")
  private @Nullable Path output;

  @Mixin private PolicyOptions policy;

  /**
   * The command line as a request, every option checked in the order a user meets them, before any
   * read: the one place a usage error comes from.
   */
  ChooseRequest request(SketchableInput scores) {
    InputOptions input = scores.rows();
    List<Objective> parsed = Objectives.parse(spec.commandLine(), objectives);
    scores.check(NEED_ROWS);
    // Each --plot value was checked as the command line was read (OutputPath.Plot).
    List<PlotSpec> plotSpecs = plots.stream().map(PlotSpec::parse).toList();
    List<ChooseRequest.Ask> asks = new ArrayList<>();
    parsed.forEach(o -> asks.add(new ChooseRequest.ForObjective(o)));
    boolean writesPolicy = output != null;
    if (scores.active()) {
      onSketch(parsed);
      checkPolicy(asks, input.hasSegments());
      return new ChooseRequest.OnSketch(parsed, writesPolicy);
    }
    bands().ifPresent(asks::add);
    guarantee(input).ifPresent(asks::add);
    if (confidence != null && !(confidence > 0 && confidence < 1)) {
      throw new ParameterException(spec.commandLine(), "--confidence must be in (0, 1), was "
          + confidence);
    }
    if (bootstrap != null && bootstrap < 1) {
      throw new ParameterException(spec.commandLine(), "--bootstrap must be >= 1, was " + bootstrap);
    }
    if ((missCost == null) != (flagCost == null)) {
      throw new ParameterException(spec.commandLine(), "--miss-cost and --flag-cost go together");
    }
    if (missCost != null) {
      asks.add(new ChooseRequest.ForExampleCosts(missCost, flagCost));
    }
    checkPolicy(asks, input.hasSegments());
    if (asks.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "Nothing to choose: give --objective (e.g. -O 'recall@precision>=0.95') or "
              + "--block-precision with --review-capacity");
    }
    return new ChooseRequest.OnRows(asks, support.minPositives(), support.minFlags(),
        Optional.ofNullable(confidence), intervalMethod, Optional.ofNullable(bootstrap), seed, delta,
        plotSpecs, writesPolicy);
  }

  /** Refuses a sketch request with nothing a sketch can choose. */
  private void onSketch(List<Objective> parsed) {
    if (parsed.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Nothing to choose: give --objective (e.g. "
          + "-O 'recall@precision>=0.95')");
    }
    for (Objective o : parsed) {
      if (o.fixedThreshold().isPresent()) {
        throw new ParameterException(spec.commandLine(), "Invalid objective for a sketch: '"
            + o.syntax() + "' chooses nothing; 'setpoint evaluate --sketch --at T' bounds its counts");
      }
    }
  }

  /** The confidence level a policy records: --confidence, else 0.95. */
  private double level() {
    return ChooseReport.Asked.level(confidence);
  }

  private Optional<ChooseRequest.Ask> bands() {
    if (blockPrecision == null && reviewCapacity == null) {
      return Optional.empty();
    }
    if (blockPrecision == null || reviewCapacity == null) {
      throw new ParameterException(spec.commandLine(),
          "--block-precision and --review-capacity go together");
    }
    try {
      Objective budget = ObjectiveParser.parse("budget:" + reviewCapacity);
      if (budget.deploymentPrevalence().isPresent()) {
        throw new ParameterException(spec.commandLine(), "--review-capacity takes no ;prevalence=Q "
            + "(the review band's capacity counts flags on the rows as they are), was '"
            + reviewCapacity + "'");
      }
      return Optional.of(new ChooseRequest.ForBands(new Bands(blockPrecision, budget),
          blockPrecision, reviewCapacity));
    } catch (ObjectiveSyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--review-capacity: "
          + e.problem() + " (expected flags<=K, rate<=X or "
          + "flags<=K/day,volume=V/day)");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --block-precision or "
          + "--review-capacity: " + e.getMessage());
    }
  }

  private Optional<ChooseRequest.Ask> guarantee(InputOptions input) {
    if (guaranteedPrecision == null && guaranteedRecall == null) {
      if (validation != null) {
        throw new ParameterException(spec.commandLine(), "--validation is for --guaranteed-precision");
      }
      return Optional.empty();
    }
    if (guaranteedPrecision != null && guaranteedRecall != null) {
      throw new ParameterException(spec.commandLine(), "--guaranteed-precision and "
          + "--guaranteed-recall each choose the threshold: give one");
    }
    if (input.hasWeights()) {
      throw new ParameterException(spec.commandLine(), "a guarantee counts independent rows, and "
          + "--weight makes them weighted (docs/definitions.md#guaranteed-selection): drop --weight");
    }
    if (guaranteedRecall != null && validation != null) {
      throw new ParameterException(spec.commandLine(), "--validation is for --guaranteed-precision; "
          + "--guaranteed-recall needs only FILE (docs/definitions.md#guaranteed-recall)");
    }
    if (guaranteedPrecision != null && validation == null) {
      throw new ParameterException(spec.commandLine(), "--guaranteed-precision needs --validation "
          + "FILE: a separate validation set fixes the sequence of thresholds tested on FILE "
          + "(docs/definitions.md#guaranteed-selection)");
    }
    Guarantee guarantee;
    try {
      guarantee = guaranteedRecall != null ? new GuaranteedRecall(guaranteedRecall, delta)
          : new GuaranteedPrecision(Objects.requireNonNull(guaranteedPrecision), delta);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return Optional.of(new ChooseRequest.ForGuarantee(guarantee, Optional.ofNullable(validation)));
  }

  /** The report's format. */
  OutputFormat format() {
    return format;
  }

  /** The policy file, if -o asks for one. */
  Optional<Path> output() {
    return Optional.ofNullable(output);
  }

  /**
   * Checks the policy options before the (possibly long) read.
   *
   * @param asks what the command line asks to choose: -o needs exactly one that is not per-example
   *     costs
   * @param segmented whether --segment was given
   */
  private void checkPolicy(List<ChooseRequest.Ask> asks, boolean segmented) {
    if (output == null) {
      policy.refuseWithoutPolicy();
      return;
    }
    policy.checkDocumentName(output);
    boolean costs = asks.stream().anyMatch(a -> a instanceof ChooseRequest.ForExampleCosts);
    int sources = asks.size() - (costs ? 1 : 0);
    if (sources != 1 || costs) {
      throw new ParameterException(spec.commandLine(), "-o writes one policy, so it needs exactly "
          + "one of --objective, --block-precision/--review-capacity, --guaranteed-precision or "
          + "--guaranteed-recall "
          + "(got " + sources + (costs ? " and per-example costs" : "") + ")");
    }
    if (asks.get(0) instanceof ChooseRequest.ForGuarantee g && segmented) {
      throw new ParameterException(spec.commandLine(), "a guaranteed-" + g.guarantee().metric()
          + " policy has one segment: drop --segment");
    }
    policy.checkModel();
  }

  /** The settings of the policy written with -o; {@code span}: the lowest and highest score. */
  ChosenPolicy.Settings settings(Optional<ModelRef.ScoreRange> span) {
    try {
      // Only called when -o was given: the settings describe the policy written there.
      return policy.settings(Objects.requireNonNull(output, "-o"), Clock.systemUTC())
          .scoresSeen(span).intervals(intervalMethod, level()).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

}

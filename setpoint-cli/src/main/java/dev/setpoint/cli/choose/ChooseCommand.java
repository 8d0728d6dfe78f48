package dev.setpoint.cli.choose;

import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.cli.input.Objectives;
import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.plot.PlotSpec;
import dev.setpoint.cli.policy.PolicyFiles;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.OutputFormat;
import dev.setpoint.cli.sketch.SketchOptions;
import dev.setpoint.cli.sketch.SketchPolicy;
import dev.setpoint.cli.sketch.SketchReport;
import dev.setpoint.cli.sketch.SketchedData;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.Sha256;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.SettingsBuilder;
import dev.setpoint.select.AtPrevalence;
import dev.setpoint.select.Bands;
import dev.setpoint.select.ExampleCosts;
import dev.setpoint.select.FlagBudget;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Bootstrap;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.stats.IntervalMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code setpoint choose FILE --objective …}: the operating point an objective chooses, per segment. */
@Command(
    name = "choose",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Chooses the operating point for a stated objective on a scored file: the threshold, its "
          + "confusion matrix and rates, or why no threshold can meet the objective and the nearest "
          + "point that can. With --segment, one choice per segment; a segment with too little "
          + "support inherits its parent's (or the default) threshold, and the report says why. "
          + "With --block-precision and --review-capacity, block and review thresholds are chosen "
          + "jointly.",
      "",
      "Decision rule everywhere: a row is flagged iff score >= threshold (docs/definitions.md).",
      ""
    },
    footer = {
      "",
      "Objectives: " + ObjectiveParser.FORMS + ".",
      "",
      "Examples:",
      "  setpoint choose scores.csv -O 'recall@precision>=0.95'",
      "  setpoint choose scores.csv -O 'cost:fn=10,fp=1' -O f1 --format json",
      "  setpoint choose txns.csv -O 'recall@precision>=0.9' --segment country,tier \\",
      "      --min-positives 50",
      "  setpoint choose txns.csv -O 'recall@precision>=0.9' --segment country \\",
      "      --plot pr.png --plot metrics.png",
      "  setpoint choose txns.csv \\",
      "      -O 'budget:flags<=500/day,volume=120000/day;prevalence=0.002'",
      "  setpoint choose txns.csv -O 'recall@precision>=0.9' --segment country \\",
      "      -o policy.yaml --model-name fraud-gbm --model-version 2026-11-01",
      "  setpoint choose txns.csv --block-precision 0.95 \\",
      "      --review-capacity 'flags<=500/day,volume=120000/day'",
      "  setpoint choose txns.csv --miss-cost amount --flag-cost 4",
      "  setpoint choose huge.csv.gz --sketch -O 'recall@precision>=0.9'",
      "  setpoint choose --merge day-1.spsk day-2.spsk -O 'recall@precision>=0.9' -O f1",
      "",
      "With --sketch or --merge the threshold chosen is a bin edge with exact counts, and each answer",
      "states its proven bound on the exact optimum (docs/definitions.md#sketch-bounds).",
      "",
      "Exit codes: 0 ok (also when an objective is infeasible: that is an answer), 2 usage error,",
      "3 data error (the message names file, line, column and value)."
    })
public final class ChooseCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private InputOptions input;

  @Mixin private SketchOptions sketch;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "MORE",
      description = "With --merge: more saved sketches (FILE is the first).")
  private List<Path> more = new ArrayList<>();

  @Option(names = {"-O", "--objective"}, paramLabel = "OBJECTIVE",
      description = "What to choose for, e.g. recall@precision>=0.95 (repeatable; see the list "
          + "below).")
  private List<String> objectives = new ArrayList<>();

  @Option(names = "--min-positives", paramLabel = "N", defaultValue = "30",
      description = "With --segment: the fewest positives a segment needs for its own threshold "
          + "(default: ${DEFAULT-VALUE}).")
  private double minPositives;

  @Option(names = "--min-flags", paramLabel = "N", defaultValue = "0",
      description = "With --segment: the fewest rows a segment's threshold must flag "
          + "(default: ${DEFAULT-VALUE}).")
  private double minFlags;

  @Option(names = "--block-precision", paramLabel = "P",
      description = "Choose block and review bands: the block band's precision must be >= P.")
  private Double blockPrecision;

  @Option(names = "--review-capacity", paramLabel = "BUDGET",
      description = "The review band's capacity, as in a budget objective: flags<=K, rate<=X or "
          + "flags<=K/day,volume=V/day.")
  private String reviewCapacity;

  @Option(names = "--miss-cost", paramLabel = "COLUMN|C",
      description = "Per-example costs: the cost of missing each positive, a column (e.g. amount) "
          + "or a constant. With --flag-cost, chooses the threshold of least total cost.")
  private String missCost;

  @Option(names = "--flag-cost", paramLabel = "COLUMN|C",
      description = "Per-example costs: the cost of flagging each negative (e.g. a review), a "
          + "column or a constant.")
  private String flagCost;

  @Option(names = "--confidence", paramLabel = "C",
      description = "Add confidence intervals at level C (e.g. 0.95) for the chosen precision and "
          + "recall, and for --bootstrap.")
  private Double confidence;

  @Option(names = "--interval", paramLabel = "METHOD", defaultValue = "CLOPPER_PEARSON",
      description = "Interval method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private IntervalMethod intervalMethod;

  @Option(names = "--bootstrap", paramLabel = "R",
      description = "Also bootstrap each objective on all rows with R stratified resamples: "
          + "intervals for the threshold, precision and recall it would choose.")
  private Integer bootstrap;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}); same seed, same answer.")
  private long seed;

  @Option(names = "--guaranteed-precision", paramLabel = "P",
      description = "Choose a threshold with P(precision >= P) >= 1 - delta by Learn-then-Test: "
          + "FILE is the calibration set, --validation fixes the threshold sequence.")
  private Double guaranteedPrecision;

  @Option(names = "--guaranteed-recall", paramLabel = "R",
      description = "Choose the highest threshold with P(recall >= R) >= 1 - delta: the k-th "
          + "highest positive score of FILE, the calibration set (no --validation needed; "
          + "docs/definitions.md#guaranteed-recall).")
  private Double guaranteedRecall;

  @Option(names = "--delta", paramLabel = "D", defaultValue = "0.05",
      description = "Risk of the guarantee (default: ${DEFAULT-VALUE}).")
  private double delta;

  @Option(names = "--validation", paramLabel = "FILE",
      description = "A separate validation file for --guaranteed-precision (same columns).")
  private Path validation;

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
  private Path output;

  @Option(names = "--policy-name", paramLabel = "NAME",
      description = "With -o: the policy's name (default: the output file's name without extension).")
  private String policyName;

  @Option(names = "--model-name", paramLabel = "NAME",
      description = "With -o: the model whose scores these are, recorded in the policy.")
  private String modelName;

  @Option(names = "--model-version", paramLabel = "VERSION",
      description = "With -o: the model's version (needs --model-name).")
  private String modelVersion;

  @Option(names = "--score-range", paramLabel = "MIN,MAX",
      description = "With -o and --model-name: the scores the model can produce; thresholds are "
          + "checked against it (default: 0,1 when every score lies in [0, 1]).")
  private String scoreRange;

  @Option(names = "--action", paramLabel = "ACTION", defaultValue = "review",
      description = "With -o and one objective: the action of the flagged band (default: "
          + "${DEFAULT-VALUE}; block, review, or a name you then declare in the policy).")
  private String flagAction;

  @Option(names = "--queue", paramLabel = "QUEUE",
      description = "With -o: the queue of the review (or flagged) band.")
  private String queue;

  @Option(names = "--created-by", paramLabel = "WHO",
      description = "With -o: who chose the thresholds (default: the user name).")
  private String createdBy;

  @Override
  public Integer call() throws IOException, DataFormatException {
    List<Objective> parsed = Objectives.parse(spec.commandLine(), objectives);
    sketch.check(more, List.of("--segment", "--block-precision", "--review-capacity", "--miss-cost",
        "--flag-cost", "--confidence", "--bootstrap", "--guaranteed-precision",
        "--guaranteed-recall", "--validation", "--plot"));
    List<PlotSpec> plotSpecs = parsePlots();
    if (sketch.active()) {
      return chooseOnSketch(parsed);
    }
    Bands bands = bands();
    Guarantee guarantee = guarantee();
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
    checkOutput(parsed, bands, guarantee);
    if (parsed.isEmpty() && bands == null && guarantee == null && missCost == null) {
      throw new ParameterException(spec.commandLine(),
          "Nothing to choose: give --objective (e.g. -O 'recall@precision>=0.95') or "
              + "--block-precision with --review-capacity");
    }
    ScoredData data = input.read(true);
    int width = data.segmentColumns().size();
    List<ChooseReport.Result> results = new ArrayList<>();
    for (Objective objective : parsed) {
      results.add(new ChooseReport.Result(objective, new SegmentedSelection(objective,
          minPositives, minFlags).choose(data.overall(), data.segments(), width)));
    }
    Bands.Result banded = bands == null ? null : bands.choose(data.overall());
    List<ChooseReport.SegmentBands> perSegment = ChooseReport.segmentBands(data, bands, banded);
    List<BootstrapResult> bootstraps = new ArrayList<>();
    if (bootstrap != null) {
      Bootstrap resampler = bootstrapOf(data);
      for (Objective objective : parsed) {
        bootstraps.add(resampler.run(objective, bootstrap, seed));
      }
    }
    Selection exampleCost = missCost == null ? null
        : ExampleCosts.select(data.overall(), input.readCostCurve(missCost, flagCost));
    ChooseReport.Certification guaranteed = null;
    if (guarantee instanceof GuaranteedRecall r) {
      guaranteed = new ChooseReport.Certification(r, r.select(data.overall()));
    } else if (guarantee != null) {
      guaranteed = new ChooseReport.Certification(guarantee,
          guarantee.select(input.readOther(validation), data.overall()));
    }
    ChooseReport report = new ChooseReport(data, results, banded, perSegment, bootstraps,
        guaranteed, exampleCost, new ChooseReport.Asked(confidence, intervalMethod, missCost,
            flagCost, delta, blockPrecision, reviewCapacity, validation,
            guarantee == null ? "" : how(guarantee)));
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      report.json(out);
    } else {
      report.table(out);
    }
    out.flush();
    if (output != null) {
      writePolicy(data, results, bands, guaranteed);
    }
    if (!plotSpecs.isEmpty()) {
      plots(data, results, banded, guaranteed, exampleCost).write(plotSpecs, parsed,
          spec.commandLine().getErr());
    }
    return 0;
  }

  /** What the charts mark: the thresholds the report printed, per segment. */
  private ChoicePlots plots(ScoredData data, List<ChooseReport.Result> results, Bands.Result banded,
      ChooseReport.Certification guaranteed, Selection exampleCost) {
    ChoicePlots plots = new ChoicePlots(data);
    results.forEach(r -> plots.objective(r.objective(), r.choices()));
    if (exampleCost instanceof Selection.Feasible f) {
      plots.overall("least cost (miss " + missCost + ", flag " + flagCost + ")", f.threshold());
    }
    if (guaranteed != null && guaranteed.selection() instanceof Selection.Feasible f) {
      plots.overall(ChooseReport.guaranteeObjective(guaranteed.guarantee()), f.threshold());
    }
    if (banded instanceof Bands.Chosen b) {
      plots.overall("block band", b.block());
      plots.overall("review band", b.review());
    }
    return plots;
  }

  /** The --plot values, each checked when the command line was read ({@code OutputPath.Plot}). */
  private List<PlotSpec> parsePlots() {
    return plots.stream().map(PlotSpec::parse).toList();
  }

  /** {@code --sketch} or {@code --merge}: each objective on the sketch, with its bound. */
  private int chooseOnSketch(List<Objective> parsed) throws IOException, DataFormatException {
    if (parsed.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Nothing to choose: give --objective (e.g. "
          + "-O 'recall@precision>=0.95')");
    }
    for (Objective o : parsed) {
      Objective inner = o instanceof AtPrevalence a ? a.objective() : o;
      if (inner instanceof dev.setpoint.select.FixedThreshold) {
        throw new ParameterException(spec.commandLine(), "Invalid objective for a sketch: '"
            + o.syntax() + "' chooses nothing; 'setpoint evaluate --sketch --at T' bounds its counts");
      }
    }
    checkOutput(parsed, null, null);
    SketchedData data = sketch.load(input, more);
    data.requireRows();
    SketchReport report = new SketchReport(spec.commandLine().getOut());
    if (format == OutputFormat.JSON) {
      report.choiceJson(data, parsed);
    } else {
      report.choiceTable(data, parsed);
    }
    if (output != null) {
      Optional<String> fileSha256 = data.read().isPresent() ? Optional.of(Sha256.hex(input.file()))
          : Optional.empty();
      PolicyFiles.write(SketchPolicy.of(data, parsed.get(0),
          settings(SketchPolicy.scores(data.sketch())), fileSha256), output,
          spec.commandLine().getErr());
    }
    return 0;
  }

  /** Checks the policy options before the (possibly long) read. */
  private void checkOutput(List<Objective> parsed, Bands bands, Guarantee guarantee) {
    if (output == null) {
      if (policyName != null || modelName != null || scoreRange != null || queue != null) {
        throw new ParameterException(spec.commandLine(), "--policy-name, --model-name, "
            + "--score-range and --queue describe the policy written with -o POLICY.yaml");
      }
      return;
    }
    if (!PolicyFiles.isDocumentName(output)) {
      String hint = "";
      try {
        ObjectiveParser.parse(output.toString());
        hint = "; '" + output + "' is an objective: give it with --objective (or -O)";
      } catch (RuntimeException e) {
        hint = ""; // not an objective either: just a wrong file name
      }
      throw new ParameterException(spec.commandLine(), "-o writes a policy document and needs a "
          + ".yaml, .yml or .json file name, was '" + output + "'" + hint);
    }
    int sources = parsed.size() + (bands != null ? 1 : 0) + (guarantee != null ? 1 : 0);
    if (sources != 1 || exampleCostsGiven()) {
      throw new ParameterException(spec.commandLine(), "-o writes one policy, so it needs exactly "
          + "one of --objective, --block-precision/--review-capacity, --guaranteed-precision or "
          + "--guaranteed-recall "
          + "(got " + sources + (exampleCostsGiven() ? " and per-example costs" : "") + ")");
    }
    if (guarantee != null && input.hasSegments()) {
      throw new ParameterException(spec.commandLine(), "a guaranteed-" + guarantee.metric()
          + " policy has one segment: drop --segment");
    }
    if (modelVersion != null && modelName == null) {
      throw new ParameterException(spec.commandLine(), "--model-version needs --model-name");
    }
  }

  private boolean exampleCostsGiven() {
    return missCost != null;
  }

  private void writePolicy(ScoredData data, List<ChooseReport.Result> results, Bands bands,
      ChooseReport.Certification guaranteed) throws IOException, DataFormatException {
    ChosenPolicy chosen = new ChosenPolicy(settings(ChosenPolicy.span(data.overall())),
        new ChosenPolicy.Data(input.file().toString(), Sha256.hex(input.file()),
            data.read().accepted(), data.overall(), data.segmentColumns(), data.segments(),
            data.segmentRows()));
    Policy policy;
    if (!results.isEmpty()) {
      policy = chosen.single(results.get(0).objective().syntax(), results.get(0).choices());
    } else if (bands != null) {
      policy = chosen.banded("bands: block precision>=" + Numbers.brief(blockPrecision)
          + ", review " + reviewCapacity, bands::choose);
    } else {
      Guarantee g = guaranteed.guarantee();
      policy = chosen.guaranteed(ChooseReport.guaranteeObjective(g) + " (" + how(g) + ")",
          guaranteed.selection(), g, Optional.empty());
    }
    PolicyFiles.write(policy, output, spec.commandLine().getErr());
  }

  /** The settings of the policy written with -o; {@code span}: the lowest and highest score. */
  private ChosenPolicy.Settings settings(Optional<ModelRef.ScoreRange> span) {
    SettingsBuilder settings;
    try {
      settings = ChosenPolicy.Settings.builder(policyName != null ? policyName
          : PolicyFiles.nameFrom(output), Clock.systemUTC()).scoresSeen(span).flagAction(flagAction)
          .intervals(intervalMethod, level());
      if (modelName != null) {
        settings.model(modelName, Optional.ofNullable(modelVersion));
      }
      if (queue != null) {
        settings.queue(queue);
      }
      if (createdBy != null) {
        settings.createdBy(createdBy);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (scoreRange != null) {
      String[] parts = scoreRange.split(",");
      try {
        if (parts.length != 2) {
          throw new IllegalArgumentException("expected MIN,MAX");
        }
        settings.scoreRange(new ModelRef.ScoreRange(Double.parseDouble(parts[0].trim()),
            Double.parseDouble(parts[1].trim())));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--score-range: '"
            + scoreRange + "' (" + e.getMessage() + "); e.g. 0,1");
      }
    }
    return settings.build();
  }

  /** The guarantee asked for, checked; null when none is. */
  private Guarantee guarantee() {
    if (guaranteedPrecision == null && guaranteedRecall == null) {
      if (validation != null) {
        throw new ParameterException(spec.commandLine(), "--validation is for --guaranteed-precision");
      }
      return null;
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
    try {
      return guaranteedRecall != null ? new GuaranteedRecall(guaranteedRecall, delta)
          : new GuaranteedPrecision(guaranteedPrecision, delta);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** How the guarantee was certified, on which files. */
  private String how(Guarantee g) {
    return g instanceof GuaranteedRecall ? "the order statistic of the positives of " + input.file()
        : "Learn-then-Test on " + input.file() + "; thresholds from " + validation;
  }

  private Bootstrap bootstrapOf(ScoredData data) throws DataFormatException {
    try {
      return Bootstrap.of(data.overall());
    } catch (IllegalArgumentException e) {
      throw DataFormatException.ofSource(data.read().source(), "cannot bootstrap: " + e.getMessage());
    }
  }

  private double level() {
    return ChooseReport.Asked.level(confidence);
  }

  private Bands bands() {
    if (blockPrecision == null && reviewCapacity == null) {
      return null;
    }
    if (blockPrecision == null || reviewCapacity == null) {
      throw new ParameterException(spec.commandLine(),
          "--block-precision and --review-capacity go together");
    }
    try {
      Objective budget = ObjectiveParser.parse("budget:" + reviewCapacity);
      return new Bands(blockPrecision, (FlagBudget) budget);
    } catch (ObjectiveSyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--review-capacity: "
          + e.problem() + " (expected flags<=K, rate<=X or "
          + "flags<=K/day,volume=V/day)");
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --block-precision or "
          + "--review-capacity: " + e.getMessage());
    }
  }

}

package dev.setpoint.cli.choose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.cli.report.JsonOutput;
import dev.setpoint.cli.Main;
import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.cli.input.Objectives;
import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.plot.PlotSpec;
import dev.setpoint.cli.policy.PolicyFiles;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.OutputFormat;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.cli.report.SelectionRows.Json;
import dev.setpoint.cli.sketch.SketchOptions;
import dev.setpoint.cli.sketch.SketchPolicy;
import dev.setpoint.cli.sketch.SketchReport;
import dev.setpoint.cli.sketch.SketchedData;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.data.Sha256;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.policy.Policy;
import dev.setpoint.read.ReadSummary;
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
import dev.setpoint.stats.BootstrapResult;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.stats.Intervals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.DoubleFunction;
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
    List<Result> results = new ArrayList<>();
    for (Objective objective : parsed) {
      results.add(new Result(objective, new SegmentedSelection(objective, minPositives, minFlags)
          .choose(data.overall(), data.segments(), width)));
    }
    Bands.Result banded = bands == null ? null : bands.choose(data.overall());
    List<SegmentBands> perSegment = segmentBands(data, bands, banded);
    List<BootstrapResult> bootstraps = new ArrayList<>();
    if (bootstrap != null) {
      Bootstrap resampler = bootstrapOf(data);
      for (Objective objective : parsed) {
        bootstraps.add(resampler.run(objective, bootstrap, seed));
      }
    }
    Selection exampleCost = missCost == null ? null
        : ExampleCosts.select(data.overall(), input.readCostCurve(missCost, flagCost));
    Certification guaranteed = null;
    if (guarantee instanceof GuaranteedRecall r) {
      guaranteed = new Certification(r, r.select(data.overall()));
    } else if (guarantee != null) {
      guaranteed = new Certification(guarantee,
          guarantee.select(input.readOther(validation), data.overall()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      json(out, data, results, banded, perSegment, bootstraps, guaranteed, exampleCost);
    } else {
      table(out, data, results, banded, perSegment, bootstraps, guaranteed, exampleCost);
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
  private ChoicePlots plots(ScoredData data, List<Result> results, Bands.Result banded,
      Certification guaranteed, Selection exampleCost) {
    ChoicePlots plots = new ChoicePlots(data);
    results.forEach(r -> plots.objective(r.objective(), r.choices()));
    if (exampleCost instanceof Selection.Feasible f) {
      plots.overall("least cost (miss " + missCost + ", flag " + flagCost + ")", f.threshold());
    }
    if (guaranteed != null && guaranteed.selection() instanceof Selection.Feasible f) {
      plots.overall(guaranteeObjective(guaranteed.guarantee()), f.threshold());
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
      Objective inner = o instanceof dev.setpoint.select.AtPrevalence a ? a.objective() : o;
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

  private void writePolicy(ScoredData data, List<Result> results, Bands bands,
      Certification guaranteed) throws IOException, DataFormatException {
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
      policy = chosen.guaranteed(guaranteeObjective(g) + " (" + how(g) + ")",
          guaranteed.selection(), g, Optional.empty());
    }
    PolicyFiles.write(policy, output, spec.commandLine().getErr());
  }

  /** The settings of the policy written with -o; {@code span}: the lowest and highest score. */
  private ChosenPolicy.Settings settings(Optional<ModelRef.ScoreRange> span) {
    String name = policyName != null ? policyName : PolicyFiles.nameFrom(output);
    Optional<ModelRef.ScoreRange> range = Optional.empty();
    if (scoreRange != null) {
      String[] parts = scoreRange.split(",");
      try {
        if (parts.length != 2) {
          throw new IllegalArgumentException("expected MIN,MAX");
        }
        range = Optional.of(new ModelRef.ScoreRange(Double.parseDouble(parts[0].trim()),
            Double.parseDouble(parts[1].trim())));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--score-range: '"
            + scoreRange + "' (" + e.getMessage() + "); e.g. 0,1");
      }
    } else if (span.filter(r -> r.min() >= 0 && r.max() <= 1).isPresent()) {
      range = Optional.of(new ModelRef.ScoreRange(0, 1));
    }
    Optional<ModelRef> model = modelName == null ? Optional.empty()
        : Optional.of(new ModelRef(modelName, modelVersion == null ? "unversioned" : modelVersion,
            Optional.empty(), range));
    String version = Main.class.getPackage().getImplementationVersion();
    return new ChosenPolicy.Settings(name, model, range, flagAction, Optional.ofNullable(queue),
        intervalMethod, level(), createdBy != null ? createdBy : System.getProperty("user.name",
            "unknown"), Instant.now().truncatedTo(ChronoUnit.SECONDS),
        "setpoint " + (version == null ? "development build" : version));
  }

  private record Result(Objective objective, List<SegmentedSelection.Choice> choices) {}

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

  /** A guarantee and what it chose on FILE. */
  private record Certification(Guarantee guarantee, Selection selection) {}

  /** {@code guaranteed precision>=0.9 at delta=0.05}, the objective as reports and policies name it. */
  private static String guaranteeObjective(Guarantee g) {
    return "guaranteed " + g.metric() + ">=" + Numbers.brief(g.target()) + " at delta="
        + Numbers.brief(g.delta());
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
    return confidence == null ? 0.95 : confidence;
  }

  private void intervals(PrintWriter out, Selection selection) {
    if (confidence == null || !(selection instanceof Selection.Feasible f)) {
      return;
    }
    try {
      Interval p = Intervals.precision(f.point().confusion(), intervalMethod, confidence);
      Interval r = Intervals.recall(f.point().confusion(), intervalMethod, confidence);
      out.printf(Locale.ROOT, "  %-34s %s %s: precision %s, recall %s%n", "",
          Numbers.level(confidence), intervalMethod.name().toLowerCase(Locale.ROOT)
              .replace('_', '-'), range(p), range(r));
    } catch (IllegalArgumentException e) {
      out.printf(Locale.ROOT, "  %-34s no interval: %s%n", "", e.getMessage());
    }
  }

  private static String range(Interval i) {
    return i.isDefined() ? "[" + Numbers.rate(i.lower()) + ", " + Numbers.rate(i.upper()) + "]"
        : "undefined";
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

  /**
   * Why a segment's counts under a deployment prevalence are the sample's: it lacks positives or
   * negatives, so they cannot be reweighted ({@code AtPrevalence#at}); empty otherwise.
   */
  private static Optional<String> notReweighted(Objective objective, ScoredData data,
      SegmentedSelection.Choice c) {
    if (!(objective instanceof AtPrevalence) || c.segment() == SegmentKey.NONE
        || !(c.effective() instanceof Selection.Feasible)) {
      return Optional.empty();
    }
    dev.setpoint.curve.Curve curve = data.segments().get(c.segment());
    if (curve.positives() > 0 && curve.negatives() > 0) {
      return Optional.empty();
    }
    return Optional.of("sample counts, not reweighted: this segment has no "
        + (curve.positives() > 0 ? "negatives" : "positives"));
  }

  /** A segment's bands, on its own rows. */
  private record SegmentBands(SegmentKey segment, Bands.InSegment in) {}

  /**
   * With --segment and bands: every segment's bands, in key order, as the policy written with -o
   * gets them; empty otherwise (or when the bands are impossible on all rows).
   */
  private static List<SegmentBands> segmentBands(ScoredData data, Bands bands, Bands.Result overall) {
    List<SegmentBands> out = new ArrayList<>();
    if (bands == null || !(overall instanceof Bands.Chosen defaults)) {
      return out;
    }
    int width = data.segmentColumns().size();
    data.segments().entrySet().stream()
        .filter(e -> e.getKey().values().size() == width && width > 0)
        .sorted(java.util.Map.Entry.comparingByKey(SegmentKey.ORDER))
        .forEach(e -> out.add(new SegmentBands(e.getKey(), Bands.inSegment(e.getKey(),
            e.getValue(), bands.choose(e.getValue()), defaults))));
    return out;
  }

  private void table(PrintWriter out, ScoredData data, List<Result> results, Bands.Result banded,
      List<SegmentBands> perSegment, List<BootstrapResult> bootstraps, Certification guaranteed, Selection exampleCost) {
    ReadSummary read = data.read();
    out.printf(Locale.ROOT, "%s: %,d rows used, %s positives, %s negatives%s%n", read.source(),
        read.accepted(), Numbers.count(data.overall().positives()),
        Numbers.count(data.overall().negatives()),
        read.droppedRows() > 0 ? String.format(Locale.ROOT, ", %,d dropped", read.droppedRows())
            : "");
    for (Result r : results) {
      out.println();
      out.println("objective " + r.objective().syntax());
      if (r.objective() instanceof AtPrevalence a) {
        out.println("  (counts are expected counts reweighted to prevalence " + Numbers.brief(
            a.prevalence()) + ", per as many rows as the data has: docs/definitions.md#deployment-prevalence)");
      }
      boolean segmented = !data.segmentColumns().isEmpty();
      SelectionRows.header(out, segmented ? "segment" : "", segmented,
          SelectionRows.hasValue(r.objective()));
      for (SegmentedSelection.Choice c : r.choices()) {
        String label = c.segment() == SegmentKey.NONE ? "(default: all rows)" : c.segment().label();
        SelectionRows.row(out, label, r.objective(), c.effective(),
            segmented ? c.originLabel() : "");
        notReweighted(r.objective(), data, c).ifPresent(why -> out.printf(Locale.ROOT,
            "  %-34s %s%n", "", "(" + why + ")"));
        intervals(out, c.effective());
        c.reason().ifPresent(why -> out.printf(Locale.ROOT, "  %-34s fell back: %s%n", "", why));
      }
    }
    for (BootstrapResult b : bootstraps) {
      out.println();
      out.printf(Locale.ROOT, "bootstrap of %s: %,d stratified resamples (seed %d), %,d infeasible; "
          + "%s percentile intervals%n", b.objective().syntax(), b.replicates(), b.seed(),
          b.infeasible(), Numbers.level(level()));
      for (BootstrapResult.Statistic st : List.of(BootstrapResult.Statistic.THRESHOLD,
          BootstrapResult.Statistic.PRECISION, BootstrapResult.Statistic.RECALL)) {
        Interval i = b.interval(st, level());
        DoubleFunction<String> figure = st == BootstrapResult.Statistic.THRESHOLD
            ? Numbers::threshold : Numbers::rate;
        out.printf(Locale.ROOT, "  %-12s %s%n", st.name().toLowerCase(Locale.ROOT),
            i.isDefined() ? "[" + figure.apply(i.lower()) + ", " + figure.apply(i.upper()) + "]"
                : "undefined");
      }
    }
    if (exampleCost != null) {
      out.println();
      out.println("least total cost with per-example costs: miss " + missCost + ", flag " + flagCost);
      SelectionRows.header(out, "");
      SelectionRows.row(out, "", exampleCost, Numbers::count);
      intervals(out, exampleCost);
    }
    if (guaranteed != null) {
      out.println();
      Guarantee g = guaranteed.guarantee();
      out.println("guaranteed: P(" + g.metric() + " >= " + Numbers.brief(g.target()) + ") >= "
          + Numbers.brief(1 - delta) + " (" + how(g) + ")");
      SelectionRows.header(out, "", false, false);
      SelectionRows.row(out, "", guaranteed.selection(), null, "");
    }
    if (banded != null) {
      out.println();
      out.println("bands: block precision >= " + Numbers.brief(blockPrecision) + ", review "
          + reviewCapacity);
      if (banded instanceof Bands.Chosen b) {
        out.printf(Locale.ROOT, "  %-8s %-44s %10s %10s %10s %9s%n", "band", "scores", "rows",
            "positives", "negatives", "precision");
        band(out, "block", ">= " + Numbers.threshold(b.block()), b.blocked());
        band(out, "review", "[" + Numbers.threshold(b.review()) + ", "
            + Numbers.threshold(b.block()) + ")", b.reviewed());
        band(out, "allow", "< " + Numbers.threshold(b.review()), b.allowed());
        out.printf(Locale.ROOT, "  positives caught by block + review: %s of %s (recall %s)%n",
            Numbers.count(b.blocked().positives() + b.reviewed().positives()),
            Numbers.count(data.overall().positives()), Numbers.rate(b.caughtRecall()));
        if (!perSegment.isEmpty()) {
          out.println();
          out.println("  per segment, each on its own rows:");
          out.println(String.format(Locale.ROOT, SEGMENT_BANDS, "segment", "block >=", "review >=",
              "blocked", "precision", "reviewed", "precision", "recall", "thresholds from")
              .stripTrailing());
          for (SegmentBands s : perSegment) {
            Bands.Chosen c = s.in().bands();
            out.println(String.format(Locale.ROOT, SEGMENT_BANDS, s.segment().label(),
                Numbers.threshold(c.block()), Numbers.threshold(c.review()),
                Numbers.count(c.blocked().weight()), Numbers.rate(c.blocked().precision()),
                Numbers.count(c.reviewed().weight()), Numbers.rate(c.reviewed().precision()),
                Numbers.rate(c.caughtRecall()), s.in().reason().isPresent() ? "default" : "own"));
            s.in().reason().ifPresent(why -> out.printf(Locale.ROOT, "  %-34s fell back: %s%n", "",
                why));
          }
        }
      } else {
        out.println("  impossible: " + ((Bands.Impossible) banded).reason());
      }
    }
  }

  private static void band(PrintWriter out, String name, String range, Bands.Band band) {
    out.printf(Locale.ROOT, "  %-8s %-44s %10s %10s %10s %9s%n", name, range,
        Numbers.count(band.weight()), Numbers.count(band.positives()),
        Numbers.count(band.negatives()), Numbers.rate(band.precision()));
  }

  private static final String SEGMENT_BANDS = "  %-34s %-22s %-22s %9s %9s %9s %9s %9s  %s";

  private void json(PrintWriter out, ScoredData data, List<Result> results, Bands.Result banded,
      List<SegmentBands> perSegment, List<BootstrapResult> bootstraps, Certification guaranteed, Selection exampleCost)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("source", data.read().source());
    root.put("rowsUsed", data.read().accepted());
    root.put("rowsDropped", data.read().droppedRows());
    Json.number(root, "positives", data.overall().positives());
    Json.number(root, "negatives", data.overall().negatives());
    ArrayNode columns = root.putArray("segmentColumns");
    data.segmentColumns().forEach(columns::add);
    ArrayNode objectivesNode = root.putArray("objectives");
    for (Result r : results) {
      ObjectNode o = objectivesNode.addObject();
      o.put("objective", r.objective().syntax());
      if (r.objective() instanceof AtPrevalence a) {
        Json.number(o, "countsReweightedToPrevalence", a.prevalence());
      }
      ArrayNode segments = o.putArray("segments");
      for (SegmentedSelection.Choice c : r.choices()) {
        ObjectNode s = segments.addObject();
        ArrayNode key = s.putArray("segment");
        c.segment().values().forEach(key::add);
        ArrayNode source = s.putArray("source");
        c.source().values().forEach(source::add);
        s.put("thresholdFrom", c.origin().name().toLowerCase(Locale.ROOT));
        c.reason().ifPresent(why -> s.put("fallbackReason", why));
        notReweighted(r.objective(), data, c).ifPresent(why -> s.put("countsNotReweighted", why));
        ObjectNode selection = s.putObject("selection");
        SelectionRows.json(selection, r.objective(), c.effective());
        if (confidence != null && c.effective() instanceof Selection.Feasible f) {
          try {
            ObjectNode iv = selection.putObject("intervals");
            iv.put("method", intervalMethod.name().toLowerCase(Locale.ROOT));
            Json.number(iv, "confidence", confidence);
            interval(iv, "precision", Intervals.precision(f.point().confusion(), intervalMethod,
                confidence));
            interval(iv, "recall", Intervals.recall(f.point().confusion(), intervalMethod,
                confidence));
          } catch (IllegalArgumentException e) {
            selection.put("intervalsUnavailable", e.getMessage());
          }
        }
        if (c.reason().isPresent()) {
          SelectionRows.json(s.putObject("ownSelection"), r.objective(), c.own());
        }
      }
    }
    if (banded instanceof Bands.Chosen b) {
      ObjectNode node = root.putObject("bands");
      Json.number(node, "blockThreshold", b.block());
      Json.number(node, "reviewThreshold", b.review());
      bandJson(node.putObject("block"), b.blocked());
      bandJson(node.putObject("review"), b.reviewed());
      bandJson(node.putObject("allow"), b.allowed());
      Json.number(node, "caughtRecall", b.caughtRecall());
      if (!perSegment.isEmpty()) {
        ArrayNode segments = node.putArray("segments");
        for (SegmentBands s : perSegment) {
          ObjectNode sn = segments.addObject();
          ArrayNode key = sn.putArray("segment");
          s.segment().values().forEach(key::add);
          sn.put("thresholdFrom", s.in().reason().isPresent() ? "default" : "own");
          s.in().reason().ifPresent(why -> sn.put("fallbackReason", why));
          Bands.Chosen c = s.in().bands();
          Json.number(sn, "blockThreshold", c.block());
          Json.number(sn, "reviewThreshold", c.review());
          bandJson(sn.putObject("block"), c.blocked());
          bandJson(sn.putObject("review"), c.reviewed());
          bandJson(sn.putObject("allow"), c.allowed());
          Json.number(sn, "caughtRecall", c.caughtRecall());
        }
      }
    } else if (banded instanceof Bands.Impossible imp) {
      root.putObject("bands").put("feasible", false).put("reason", imp.reason());
    }
    if (!bootstraps.isEmpty()) {
      ArrayNode boots = root.putArray("bootstrap");
      for (BootstrapResult b : bootstraps) {
        ObjectNode node = boots.addObject();
        node.put("objective", b.objective().syntax());
        node.put("replicates", b.replicates());
        node.put("seed", b.seed());
        node.put("infeasible", b.infeasible());
        Json.number(node, "confidence", level());
        for (BootstrapResult.Statistic st : BootstrapResult.Statistic.values()) {
          interval(node, st.name().toLowerCase(Locale.ROOT), b.interval(st, level()));
        }
      }
    }
    if (exampleCost != null) {
      ObjectNode node = root.putObject("exampleCosts");
      node.put("missCost", missCost);
      node.put("flagCost", flagCost);
      ObjectNode sel = node.putObject("selection");
      if (exampleCost instanceof Selection.Feasible f) {
        sel.put("feasible", true);
        Json.number(sel, "totalCost", f.objectiveValue());
        Json.number(sel, "lowestTiedThreshold", f.lowestTiedThreshold());
        Json.point(sel, f.point());
      } else {
        sel.put("feasible", false).put("reason", ((Selection.Infeasible) exampleCost).reason());
      }
    }
    if (guaranteed != null) {
      Guarantee g = guaranteed.guarantee();
      ObjectNode node = root.putObject("guaranteed");
      node.put("metric", g.metric());
      node.put("method", g.method());
      Json.number(node, g instanceof GuaranteedRecall ? "minRecall" : "minPrecision", g.target());
      Json.number(node, "delta", delta);
      if (validation != null) {
        node.put("validation", validation.toString());
      }
      SelectionRows.json(node.putObject("selection"), guaranteeObjective(g),
          guaranteed.selection());
    }
    JsonOutput.print(root, out);
  }

  private static void interval(ObjectNode node, String field, Interval i) {
    ArrayNode a = node.putArray(field);
    if (i.isDefined()) {
      a.add(i.lower()).add(i.upper());
    } else {
      a.addNull().addNull();
    }
  }

  private static void bandJson(ObjectNode node, Bands.Band band) {
    Json.number(node, "rows", band.weight());
    Json.number(node, "positives", band.positives());
    Json.number(node, "negatives", band.negatives());
    Json.number(node, "precision", band.precision());
  }
}

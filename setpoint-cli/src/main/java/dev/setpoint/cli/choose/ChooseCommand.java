package dev.setpoint.cli.choose;

import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.policy.PolicyFiles;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.OutputFormat;
import dev.setpoint.cli.sketch.SketchableInput;
import dev.setpoint.cli.sketch.SketchReport;
import dev.setpoint.cli.sketch.SketchedData;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.Sha256;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.Policy;
import dev.setpoint.select.Bands;
import dev.setpoint.select.ExampleCosts;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Bootstrap;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedRecall;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Mixin private SketchableInput scores;

  @Mixin private ChooseOptions options;

  @Override
  public Integer call() throws IOException, DataFormatException {
    ChooseRequest request = options.request(scores);
    if (request instanceof ChooseRequest.OnSketch onSketch) {
      chooseOnSketch(onSketch);
      return 0;
    }
    ChooseRequest.OnRows onRows = (ChooseRequest.OnRows) request;
    ChooseReport report = run(onRows, scores.rows().read(true));
    PrintWriter out = spec.commandLine().getOut();
    if (options.format() == OutputFormat.JSON) {
      new ChooseJson().write(report, out);
    } else {
      new ChooseTable(out).print(report);
    }
    out.flush();
    if (onRows.writesPolicy()) {
      writePolicy(onRows.asks().get(0), report);
    }
    if (!onRows.plots().isEmpty()) {
      plots(report).write(onRows.plots(), onRows.objectives(), spec.commandLine().getErr());
    }
    return 0;
  }

  /** Chooses what the request asks on the rows read: the report, not yet rendered. */
  private ChooseReport run(ChooseRequest.OnRows request, ScoredData data) throws IOException,
      DataFormatException {
    int width = data.segmentColumns().size();
    List<ChooseReport.Result> results = new ArrayList<>();
    for (Objective objective : request.objectives()) {
      results.add(new ChooseReport.Result(objective, new SegmentedSelection(objective,
          request.minPositives(), request.minFlags()).choose(data.overall(), data.segments(),
          width)));
    }
    Optional<ChooseRequest.ForBands> bands = request.ask(ChooseRequest.ForBands.class);
    Bands.Result banded = bands.map(b -> b.bands().choose(data.overall())).orElse(null);
    List<ChooseReport.SegmentBands> perSegment = ChooseReport.segmentBands(data,
        bands.map(ChooseRequest.ForBands::bands).orElse(null), banded);
    List<BootstrapResult> bootstraps = new ArrayList<>();
    if (request.bootstrap().isPresent()) {
      Bootstrap resampler = bootstrapOf(data);
      for (Objective objective : request.objectives()) {
        bootstraps.add(resampler.run(objective, request.bootstrap().get(), request.seed()));
      }
    }
    Optional<ChooseRequest.ForExampleCosts> costs =
        request.ask(ChooseRequest.ForExampleCosts.class);
    Selection exampleCost = costs.isEmpty() ? null : ExampleCosts.select(data.overall(),
        scores.rows().readCostCurve(costs.get().missCost(), costs.get().flagCost()));
    Optional<ChooseRequest.ForGuarantee> guarantee = request.ask(ChooseRequest.ForGuarantee.class);
    ChooseReport.Certification guaranteed = null;
    if (guarantee.isPresent()) {
      Guarantee g = guarantee.get().guarantee();
      guaranteed = new ChooseReport.Certification(g, g instanceof GuaranteedRecall r
          ? r.select(data.overall())
          : g.select(scores.rows().readOther(guarantee.get().validation().orElseThrow()),
              data.overall()));
    }
    return new ChooseReport(data, results, banded, perSegment, bootstraps, guaranteed, exampleCost,
        new ChooseReport.Asked(request.confidence().orElse(null), request.interval(),
            costs.map(ChooseRequest.ForExampleCosts::missCost).orElse(null),
            costs.map(ChooseRequest.ForExampleCosts::flagCost).orElse(null), request.delta(),
            bands.map(ChooseRequest.ForBands::blockPrecision).orElse(null),
            bands.map(ChooseRequest.ForBands::reviewCapacity).orElse(null),
            guarantee.flatMap(ChooseRequest.ForGuarantee::validation).orElse(null),
            guarantee.map(this::how).orElse("")));
  }

  /** What the charts mark: the thresholds the report printed, per segment. */
  private ChoicePlots plots(ChooseReport report) {
    ChoicePlots plots = new ChoicePlots(report.data());
    report.results().forEach(r -> plots.objective(r.objective(), r.choices()));
    if (report.exampleCost() instanceof Selection.Feasible f) {
      plots.overall("least cost (miss " + report.asked().missCost() + ", flag "
          + report.asked().flagCost() + ")", f.threshold());
    }
    ChooseReport.Certification guaranteed = report.guaranteed();
    if (guaranteed != null && guaranteed.selection() instanceof Selection.Feasible f) {
      plots.overall(ChooseReport.guaranteeObjective(guaranteed.guarantee()), f.threshold());
    }
    if (report.banded() instanceof Bands.Chosen b) {
      plots.overall("block band", b.block());
      plots.overall("review band", b.review());
    }
    return plots;
  }

  /** {@code --sketch} or {@code --merge}: each objective on the sketch, with its bound. */
  private void chooseOnSketch(ChooseRequest.OnSketch request) throws IOException,
      DataFormatException {
    SketchedData data = scores.load();
    data.requireRows();
    SketchReport report = new SketchReport(spec.commandLine().getOut());
    if (options.format() == OutputFormat.JSON) {
      report.choiceJson(data, request.objectives());
    } else {
      report.choiceTable(data, request.objectives());
    }
    if (request.writesPolicy()) {
      Optional<String> fileSha256 = data.read().isPresent()
          ? Optional.of(Sha256.hex(scores.rows().file())) : Optional.empty();
      PolicyFiles.write(SketchPolicy.of(data, request.objectives().get(0),
          options.settings(SketchPolicy.scores(data.sketch())), fileSha256),
          options.output().orElseThrow(), spec.commandLine().getErr());
    }
  }

  /** Writes the one thing asked as a policy (-o). */
  private void writePolicy(ChooseRequest.Ask ask, ChooseReport report) throws IOException,
      DataFormatException {
    ScoredData data = report.data();
    ChosenPolicy chosen = new ChosenPolicy(options.settings(ChosenPolicy.span(data.overall())),
        new ChosenPolicy.Data(scores.rows().file().toString(), Sha256.hex(scores.rows().file()),
            data.read().accepted(), data.overall(), data.segmentColumns(), data.segments(),
            data.segmentRows()));
    Policy written;
    if (ask instanceof ChooseRequest.ForObjective) {
      ChooseReport.Result result = report.results().get(0);
      written = chosen.single(result.objective().syntax(), result.choices());
    } else if (ask instanceof ChooseRequest.ForBands b) {
      written = chosen.banded("bands: block precision>=" + Numbers.brief(b.blockPrecision())
          + ", review " + b.reviewCapacity(), b.bands()::choose);
    } else {
      // The guarantee asked for is certified by run().
      ChooseReport.Certification certified = Objects.requireNonNull(report.guaranteed());
      Guarantee g = certified.guarantee();
      written = chosen.guaranteed(ChooseReport.guaranteeObjective(g) + " (" + how(
          (ChooseRequest.ForGuarantee) ask) + ")", certified.selection(), g,
          Optional.empty());
    }
    PolicyFiles.write(written, options.output().orElseThrow(), spec.commandLine().getErr());
  }

  /** How the guarantee was certified, on which files. */
  private String how(ChooseRequest.ForGuarantee asked) {
    return asked.guarantee() instanceof GuaranteedRecall
        ? "the order statistic of the positives of " + scores.rows().file()
        : "Learn-then-Test on " + scores.rows().file() + "; thresholds from "
            + asked.validation().orElseThrow();
  }

  private Bootstrap bootstrapOf(ScoredData data) throws DataFormatException {
    try {
      return Bootstrap.of(data.overall());
    } catch (IllegalArgumentException e) {
      throw DataFormatException.ofSource(data.read().source(), "cannot bootstrap: " + e.getMessage());
    }
  }
}

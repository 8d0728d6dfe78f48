package dev.setpoint.cli.evaluate;

import dev.setpoint.cli.input.Objectives;
import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.plot.CurvePlot;
import dev.setpoint.cli.plot.Marks;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.plot.PlotSpec;
import dev.setpoint.cli.report.OutputFormat;
import dev.setpoint.cli.sketch.SketchableInput;
import dev.setpoint.cli.sketch.SketchReport;
import dev.setpoint.cli.sketch.SketchedData;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint evaluate FILE}: exact curves and headline metrics of a scored file. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Reads a scored file and reports its exact curves: rows and class balance, average precision, "
          + "ROC AUC, the best F1 and its threshold, and the confusion matrix at chosen thresholds.",
      "",
      "Decision rule everywhere: a row is flagged iff score >= threshold (docs/definitions.md).",
      ""
    },
    footer = {
      "",
      "Formats: .csv, .tsv, .jsonl/.ndjson (each optionally .gz) and .parquet, detected from the name.",
      "Labels: 1/true are positive and 0/false negative unless --positive-label says otherwise.",
      "",
      "Examples:",
      "  setpoint evaluate scores.csv",
      "  setpoint evaluate scores.csv --at 0.3,0.5,0.9 --plot pr.png --plot roc.svg",
      "  setpoint evaluate scores.csv -O cost:fn=10,fp=1 --plot metrics.png",
      "  setpoint evaluate txns.parquet --score p_fraud --label is_fraud \\",
      "      --weight amount --format json",
      "  setpoint evaluate cases.csv.gz --positive-label fraud --segment country,tier \\",
      "      --curve points.csv",
      "  setpoint evaluate scores.csv -O recall@precision>=0.9 -O cost:fn=10,fp=1",
      "  setpoint evaluate huge.csv.gz --sketch --bins 10000 --save-sketch day-1.spsk",
      "  setpoint evaluate --merge day-1.spsk day-2.spsk day-3.spsk \\",
      "      -O recall@precision>=0.9",
      "",
      "--sketch streams the rows into a fixed-memory histogram (24 bytes a bin) instead of holding",
      "them: thresholds it chooses are bin edges with exact counts, and every number that is not",
      "exact is printed with its proven bound (docs/definitions.md#sketch-bounds). Scores below the",
      "range are counted as one more bin; scores at or above its top fall in the last bin.",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error (the message names file, line, column and value)."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private SketchableInput scores;

  @Option(names = "--at", paramLabel = "T", split = ",",
      description = "Report the confusion matrix and rates at these thresholds (e.g. 0.3,0.9).")
  private List<Double> at = new ArrayList<>();

  @Option(names = {"-O", "--objective"}, paramLabel = "OBJECTIVE",
      description = "Also report the operating point an objective chooses, e.g. "
          + "recall@precision>=0.9, cost:fn=10,fp=1, budget:flags<=500. Repeatable.")
  private List<String> objectives = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  @Option(names = "--curve", converter = OutputPath.class, paramLabel = "FILE.csv",
      description = "Write every curve point (threshold, TP, FP, FN, TN, rates) to this CSV file.")
  private @Nullable Path curveFile;

  @Option(names = "--plot", converter = OutputPath.Plot.class, paramLabel = "[pr=|roc=|metrics=]FILE",
      description = "Draw a chart as .png or .svg: the PR or ROC curve, or precision, recall, F1, "
          + "flag rate (and the cost of a cost objective) against the threshold. The kind comes from "
          + "the name (pr.png, roc.svg, metrics.png) or a prefix (roc=out/chart.png). The best F1, "
          + "each -O objective's choice and each --at threshold are marked and named in the legend. "
          + "Repeatable.")
  private List<String> plots = new ArrayList<>();

  @Override
  public Integer call() throws IOException, DataFormatException {
    List<PlotSpec> plotSpecs = parsePlots();
    validateThresholds();
    List<Objective> parsedObjectives = Objectives.parse(spec.commandLine(), objectives);
    scores.check(List.of("--segment", "--plot"));
    if (scores.active()) {
      return evaluateSketch(parsedObjectives);
    }
    ScoredData data = scores.rows().read(false);
    requireBothClasses(data.read(), data.overall(), data.options());
    Evaluation evaluation = evaluate(data, parsedObjectives);

    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      new JsonReport().write(evaluation, out);
    } else {
      new TableReport(out).print(evaluation);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (curveFile != null) {
      CurvePointsCsv.write(data.overall(), curveFile);
      err.printf(Locale.ROOT, "wrote %,d curve points to %s%n", data.overall().size(), curveFile);
    }
    for (PlotSpec plot : plotSpecs) {
      CurvePlot.write(data.overall(), data.name(), marks(evaluation.overall()), parsedObjectives,
          plot);
      err.printf(Locale.ROOT, "wrote %s to %s%n", plot.kind().title(), plot.file());
    }
    if (!plotSpecs.isEmpty()) {
      evaluation.overall().objectives().forEach((o, selection) -> {
        if (selection instanceof Selection.Infeasible) {
          err.printf(Locale.ROOT, "not marked on the charts: %s chooses no threshold%n", o.syntax());
        }
      });
    }
    err.flush();
    return 0;
  }

  /** {@code --sketch} or {@code --merge}: the same report from a sketch, with bounds. */
  private int evaluateSketch(List<Objective> parsedObjectives) throws IOException,
      DataFormatException {
    for (Objective o : parsedObjectives) {
      OptionalDouble fixed = o.fixedThreshold();
      if (fixed.isPresent()) {
        throw new ParameterException(spec.commandLine(), "Invalid objective for a sketch: '"
            + o.syntax() + "' chooses nothing; use --at " + fixed.getAsDouble() + " for the bounds of "
            + "its counts");
      }
    }
    SketchedData data = scores.load();
    data.requireBothClasses();
    SketchReport report = new SketchReport(spec.commandLine().getOut());
    if (format == OutputFormat.JSON) {
      report.evaluationJson(data, at, parsedObjectives);
    } else {
      report.evaluationTable(data, at, parsedObjectives);
    }
    if (curveFile != null) {
      Curve curve = data.sketch().curve();
      CurvePointsCsv.write(curve, curveFile);
      PrintWriter err = spec.commandLine().getErr();
      err.printf(Locale.ROOT, "wrote %,d curve points (the sketch's bin edges, exact) to %s%n",
          curve.size(), curveFile);
      err.flush();
    }
    return 0;
  }

  private Evaluation evaluate(ScoredData data, List<Objective> parsedObjectives) {
    CurveSummary all = CurveSummary.of(data.overall(), at, parsedObjectives);
    Map<SegmentKey, CurveSummary> bySegment = new LinkedHashMap<>();
    data.segments().forEach((key, curve) ->
        bySegment.put(key, CurveSummary.of(curve, at, parsedObjectives)));
    return new Evaluation(data.read(), all, data.segmentColumns(), bySegment);
  }

  /** AP and ROC AUC of the whole file need both classes: a file with one class is a data error. */
  private static void requireBothClasses(ReadSummary read, Curve curve, ReadOptions options)
      throws DataFormatException {
    if (curve.positives() > 0 && curve.negatives() > 0) {
      return;
    }
    String has = curve.positives() > 0 ? "only positives" : curve.negatives() > 0
        ? "only negatives" : "no rows of non-zero weight";
    String labels = "label column '" + options.labelColumn() + "', positive label(s) "
        + String.join("/", new java.util.TreeSet<>(options.positiveLabels()));
    throw DataFormatException.ofSource(read.source(), "average precision and ROC AUC need both"
        + " positives and negatives, but the " + String.format(Locale.ROOT, "%,d", read.accepted())
        + " rows used have " + has + " (" + labels + ")");
  }

  /**
   * What the charts mark: the best F1, each objective's chosen point and each --at threshold, from the
   * same selections the report prints.
   */
  static Marks marks(CurveSummary summary) {
    Marks.Builder marks = Marks.builder();
    if (summary.bestF1() instanceof Selection.Feasible f) {
      marks.add(String.format(Locale.ROOT, "best F1 %.4f", f.objectiveValue()), f.point());
    }
    summary.objectives().forEach((o, selection) -> {
      if (selection instanceof Selection.Feasible f) {
        marks.add(o.syntax(), f.point());
      }
    });
    summary.at().forEach(p -> marks.add("--at " + Numbers.brief(p.threshold()), p));
    return marks.build();
  }

  /** The --plot values, each checked when the command line was read ({@code OutputPath.Plot}). */
  private List<PlotSpec> parsePlots() {
    return plots.stream().map(PlotSpec::parse).toList();
  }

  private void validateThresholds() {
    for (double t : at) {
      if (Double.isNaN(t)) {
        throw new ParameterException(spec.commandLine(),
            "--at: NaN is not a threshold (give a number, e.g. 0.5)");
      }
    }
  }
}

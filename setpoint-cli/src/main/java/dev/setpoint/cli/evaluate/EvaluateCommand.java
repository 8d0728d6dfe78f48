package dev.setpoint.cli.evaluate;

import dev.setpoint.cli.ProgressDisplay;
import dev.setpoint.cli.plot.CurvePlot;
import dev.setpoint.cli.plot.PlotSpec;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.read.ScoreFiles;
import dev.setpoint.read.ScoreFormat;
import dev.setpoint.select.Selection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
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
      "  setpoint evaluate txns.parquet --score p_fraud --label is_fraud --weight amount --format json",
      "  setpoint evaluate cases.csv.gz --positive-label fraud --segment country,tier --curve points.csv",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error (the message names file, line, column and value)."
    })
public final class EvaluateCommand implements Callable<Integer> {

  /** Output formats of the report. */
  public enum OutputFormat {
    TABLE,
    JSON
  }

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The scored file to read.")
  private Path file;

  @Option(names = "--score", paramLabel = "COLUMN", defaultValue = "score",
      description = "Column holding the model score (default: ${DEFAULT-VALUE}).")
  private String scoreColumn;

  @Option(names = "--label", paramLabel = "COLUMN", defaultValue = "label",
      description = "Column holding the true class (default: ${DEFAULT-VALUE}).")
  private String labelColumn;

  @Option(names = "--weight", paramLabel = "COLUMN",
      description = "Column holding a row weight (finite, >= 0). Default: every row weighs 1.")
  private String weightColumn;

  @Option(names = "--positive-label", paramLabel = "VALUE", split = ",",
      description = "Label value(s) of the positive class (default: 1,true). "
          + "Every other value is then negative, unless --negative-label is given.")
  private List<String> positiveLabels;

  @Option(names = "--negative-label", paramLabel = "VALUE", split = ",",
      description = "Label value(s) of the negative class; any other value is then an error.")
  private List<String> negativeLabels;

  @Option(names = "--segment", paramLabel = "COLUMN", split = ",",
      description = "Also evaluate each segment, keyed by these columns (e.g. country,tier).")
  private List<String> segmentColumns;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "CSV field separator (default: ',' for .csv, tab for .tsv); 'tab' for a tab.")
  private String delimiter;

  @Option(names = "--input-format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Read as this format instead of guessing from the file name: csv, tsv, jsonl "
          + "(or ndjson), parquet.")
  private ScoreFormat inputFormat;

  @Option(names = "--drop-invalid",
      description = "Drop rows with a bad score, label or weight, and report how many by reason, "
          + "instead of stopping at the first.")
  private boolean dropInvalid;

  @Option(names = "--at", paramLabel = "T", split = ",",
      description = "Report the confusion matrix and rates at these thresholds (e.g. 0.3,0.9).")
  private List<Double> at = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  @Option(names = "--curve", paramLabel = "FILE.csv",
      description = "Write every curve point (threshold, TP, FP, FN, TN, rates) to this CSV file.")
  private Path curveFile;

  @Option(names = "--plot", paramLabel = "[pr=|roc=]FILE",
      description = "Draw a chart as .png or .svg; the kind comes from the name (pr.png, roc.svg) "
          + "or a prefix (roc=out/chart.png). Repeatable.")
  private List<String> plots = new ArrayList<>();

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Progress bar on stderr for reads over a second: ${COMPLETION-CANDIDATES} "
          + "(default: ${DEFAULT-VALUE}: when stderr is a terminal).")
  private ProgressDisplay.Mode progress;

  @Override
  public Integer call() throws IOException, DataFormatException {
    List<PlotSpec> plotSpecs = parsePlots();
    validateThresholds();
    ReadOptions options = readOptions();
    SegmentedCurves sink = new SegmentedCurves();
    ReadSummary read;
    Curve overall;
    Map<SegmentKey, Curve> segments;
    try (ProgressDisplay display = new ProgressDisplay(displayName(), progress,
        System.err)) {
      read = ScoreFiles.read(file, options, sink, display);
      display.phase(String.format(Locale.ROOT, "sorting %,d rows", read.accepted()));
      overall = sink.buildOverall();
      segments = sink.buildSegments();
    }
    requireBothClasses(read, overall, options);
    Evaluation evaluation = evaluate(read, overall, segments);

    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      new JsonReport().write(evaluation, out);
    } else {
      new TableReport(out).print(evaluation);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (curveFile != null) {
      CurvePointsCsv.write(overall, curveFile);
      err.printf(Locale.ROOT, "wrote %,d curve points to %s%n", overall.size(), curveFile);
    }
    for (PlotSpec plot : plotSpecs) {
      CurvePlot.write(overall, displayName(), marks(evaluation.overall()), plot);
      err.printf(Locale.ROOT, "wrote %s chart to %s%n", plot.kind().name(), plot.file());
    }
    err.flush();
    return 0;
  }

  /** The file's name for progress and chart titles; the whole path when it has no name ("/"). */
  private String displayName() {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  private Evaluation evaluate(ReadSummary read, Curve overall, Map<SegmentKey, Curve> segments) {
    CurveSummary all = CurveSummary.of(overall, at);
    Map<SegmentKey, CurveSummary> bySegment = new LinkedHashMap<>();
    segments.forEach((key, curve) -> bySegment.put(key, CurveSummary.of(curve, at)));
    return new Evaluation(read, all, segmentColumns == null ? List.of() : segmentColumns, bySegment);
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

  private List<CurvePlot.Mark> marks(CurveSummary summary) {
    List<CurvePlot.Mark> marks = new ArrayList<>();
    if (summary.bestF1() instanceof Selection.Feasible f) {
      marks.add(new CurvePlot.Mark(String.format(Locale.ROOT, "best F1 %.4f (score >= %s)",
          f.objectiveValue(), TableReport.brief(f.threshold())), f.point()));
    }
    summary.at().forEach(p -> marks.add(new CurvePlot.Mark(String.format(Locale.ROOT,
        "score >= %s: precision %s, recall %s", TableReport.brief(p.threshold()),
        TableReport.rate(p.confusion().precision()), TableReport.rate(p.confusion().recall())), p)));
    return marks;
  }

  private List<PlotSpec> parsePlots() {
    List<PlotSpec> specs = new ArrayList<>();
    for (String plot : plots) {
      try {
        specs.add(PlotSpec.parse(plot));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--plot': "
            + e.getMessage());
      }
    }
    return specs;
  }

  private void validateThresholds() {
    for (double t : at) {
      if (Double.isNaN(t)) {
        throw new ParameterException(spec.commandLine(),
            "Invalid value for option '--at': NaN is not a threshold");
      }
    }
  }

  private ReadOptions readOptions() {
    ReadOptions options = ReadOptions.defaults()
        .withScoreColumn(scoreColumn)
        .withLabelColumn(labelColumn)
        .withDropInvalid(dropInvalid);
    try {
      if (weightColumn != null) {
        options = options.withWeightColumn(weightColumn);
      }
      if (positiveLabels != null) {
        options = options.withPositiveLabels(new LinkedHashSet<>(positiveLabels));
      }
      if (negativeLabels != null) {
        options = options.withNegativeLabels(new LinkedHashSet<>(negativeLabels));
      }
      if (segmentColumns != null) {
        options = options.withSegmentColumns(segmentColumns);
      }
      if (delimiter != null) {
        options = options.withDelimiter(parseDelimiter(delimiter));
      }
      if (inputFormat != null) {
        options = options.withFormat(inputFormat);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return options;
  }

  private char parseDelimiter(String value) {
    switch (value) {
      case "tab":
      case "\\t":
      case "\t":
        return '\t';
      default:
        if (value.length() != 1) {
          throw new ParameterException(spec.commandLine(), "Invalid value for option '--delimiter': '"
              + value + "' must be a single character or 'tab'");
        }
        return value.charAt(0);
    }
  }

  /** Accepts the names users type ({@code jsonl}, {@code ndjson}) as well as the enum constants. */
  static final class FormatConverter implements ITypeConverter<ScoreFormat> {
    @Override
    public ScoreFormat convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "csv" -> ScoreFormat.CSV;
        case "tsv", "tab" -> ScoreFormat.TSV;
        case "jsonl", "ndjson", "json_lines", "json-lines" -> ScoreFormat.JSON_LINES;
        case "parquet", "pq" -> ScoreFormat.PARQUET;
        default -> throw new TypeConversionException(
            "'" + value + "' is not a format; expected csv, tsv, jsonl or parquet");
      };
    }
  }
}

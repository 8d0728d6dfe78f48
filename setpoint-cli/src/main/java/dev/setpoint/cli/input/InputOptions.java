package dev.setpoint.cli.input;

import dev.setpoint.cli.ProgressDisplay;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.curve.SegmentedCurves;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.ScoreSink;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.options.ColumnOptions;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.read.RowSink;
import dev.setpoint.read.ScoreFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The input file and how to read it: the options every command that reads scored data shares
 * (a picocli mixin), and the read itself.
 */
public final class InputOptions {

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The scored file to read.")
  private Path file;

  @Mixin private ColumnOptions.ScoreAndLabel columns;

  @Mixin private ColumnOptions.Weight weight;

  @Mixin private ColumnOptions.PositiveLabels positiveLabels;

  @Option(names = "--negative-label", paramLabel = "VALUE", split = ",",
      description = "Label value(s) of the negative class; any other value is then an error.")
  private @Nullable List<String> negativeLabels;

  @Mixin private ColumnOptions.Segments segments;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "CSV field separator (default: ',' for .csv, tab for .tsv); 'tab' for a tab.")
  private @Nullable String delimiter;

  @Mixin private InputFormatOption inputFormat;

  @Option(names = "--drop-invalid",
      description = "Drop rows with a bad score, label or weight, and report how many by reason, "
          + "instead of stopping at the first.")
  private boolean dropInvalid;

  @Mixin private ProgressDisplay.ModeOption progress;

  /** The file's name for titles; the whole path when it has none ("/"). */
  public String displayName() {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /**
   * Reads the file into curves.
   *
   * @param withParents also build a curve per prefix of multi-column segment keys
   */
  public ScoredData read(boolean withParents) throws IOException, DataFormatException {
    ReadOptions options = readOptions();
    SegmentedCurves sink = new SegmentedCurves(withParents);
    try (ProgressDisplay display = ProgressDisplay.onStderr(displayName(), progress.mode())) {
      ReadSummary read = ScoreFiles.read(file, options, sink, display);
      display.phase(String.format(Locale.ROOT, "sorting %,d rows", read.accepted()));
      Curve overall = sink.buildOverall();
      Map<SegmentKey, Long> rows = sink.rows();
      Map<SegmentKey, Curve> curves = sink.buildSegments();
      return new ScoredData(displayName(), options, read, overall, segments.columns(), curves, rows);
    }
  }

  /**
   * Streams the file's rows into {@code sink} (no segments), with the progress display: memory is
   * whatever the sink keeps, not the file's length.
   */
  public ReadSummary readInto(ScoreSink sink) throws IOException, DataFormatException {
    try (ProgressDisplay display = ProgressDisplay.onStderr(displayName(), progress.mode())) {
      return ScoreFiles.read(file, readOptions().withSegmentColumns(List.of()), sink, display);
    }
  }

  /** Reads another file with the same options, into the curve of all its rows (no segments). */
  public Curve readOther(Path other) throws IOException, DataFormatException {
    CurveBuilder builder = Curve.builder();
    ScoreFiles.read(other, readOptions().withSegmentColumns(List.of()),
        (score, positive, weight, segment) -> builder.add(score, positive, weight));
    return builder.build();
  }

  /**
   * Reads the file's cost curve for per-example costs: each positive row weighs the cost of missing
   * it, each negative row the cost of flagging it. Each cost is a column name or a constant; a column
   * is read as the weight column (so it must hold finite numbers >= 0, with the same errors).
   *
   * @throws ParameterException if --weight is also given (costs replace weights here)
   */
  public Curve readCostCurve(String missCost, String flagCost) throws IOException,
      DataFormatException {
    if (hasWeights()) {
      throw new ParameterException(spec.commandLine(),
          "per-example costs replace row weights: drop --weight or fold it into the cost column");
    }
    CurveBuilder builder = Curve.builder();
    Double missConstant = constant(missCost);
    Double flagConstant = constant(flagCost);
    ReadOptions base = readOptions().withSegmentColumns(List.of());
    if (missConstant != null && flagConstant != null) {
      ScoreFiles.read(file, base, (score, positive, weight, segment) ->
          builder.add(score, positive, positive ? missConstant : flagConstant));
      return builder.build();
    }
    if (missConstant == null) {
      ScoreFiles.read(file, base.withWeightColumn(missCost), (score, positive, weight, segment) -> {
        if (positive) {
          builder.add(score, true, weight);
        } else if (flagConstant != null) {
          builder.add(score, false, flagConstant);
        }
      });
    }
    if (flagConstant == null) {
      ScoreFiles.read(file, base.withWeightColumn(flagCost), (score, positive, weight, segment) -> {
        if (!positive) {
          builder.add(score, false, weight);
        } else if (missConstant != null) {
          builder.add(score, true, missConstant);
        }
      });
    }
    return builder.build();
  }

  /** A cost given as a number, or null when it names a column. */
  private @Nullable Double constant(String cost) {
    try {
      double value = Double.parseDouble(cost);
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new ParameterException(spec.commandLine(), "a cost must be finite and >= 0, was " + cost);
      }
      return value;
    } catch (NumberFormatException e) {
      return null; // not a number: a column name
    }
  }

  /** Reads the file's rows into primitive arrays (no segments). */
  public ScoreArrays readRows() throws IOException, DataFormatException {
    ScoreArrays rows = new ScoreArrays();
    try (ProgressDisplay display = ProgressDisplay.onStderr(displayName(), progress.mode())) {
      ScoreFiles.read(file, readOptions(), rows, display);
    }
    return rows;
  }

  /**
   * Reads the file row by row with the raw values of {@code columns}, for applying a policy. Labels are
   * optional: a file without the label column reaches the sink unlabelled. A column in {@code
   * mayBeAbsent} the file lacks is {@code null} in every row; any other column it lacks is an error.
   *
   * @throws ParameterException if --segment was given (a policy names its own attributes)
   */
  public ReadSummary readRows(List<String> columns, Set<String> mayBeAbsent, RowSink sink)
      throws IOException, DataFormatException {
    if (hasSegments()) {
      throw new ParameterException(spec.commandLine(), "--segment does not apply here: the policy's "
          + "segments match on its attributes; map an attribute to a column with --attribute "
          + "NAME=COLUMN");
    }
    ReadOptions options = readOptions().withSegmentColumns(columns).withLabelsOptional(true)
        .withColumnsThatMayBeAbsent(mayBeAbsent);
    try (ProgressDisplay display = ProgressDisplay.onStderr(displayName(), progress.mode())) {
      return ScoreFiles.readRows(file, options, sink, display);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** A data error about the score of data row {@code row} (1 = the first row after the header). */
  public DataFormatException scoreError(long row, String problem) {
    return new DataFormatException(file.toString(), "row " + row, columns.score().trim(), "",
        problem);
  }

  /** Whether {@code column} is read as the score, the label or the weight. */
  public boolean readsAsScoreLabelOrWeight(String column) {
    String c = column.trim();
    return c.equals(columns.score().trim()) || c.equals(columns.label().trim())
        || weight.weight().map(w -> c.equals(w.trim())).orElse(false);
  }

  /** Whether --weight was given. */
  public boolean hasWeights() {
    return weight.weight().isPresent();
  }

  /** Whether --segment was given. */
  public boolean hasSegments() {
    return !segments.columns().isEmpty();
  }

  /** The file as given. */
  public Path file() {
    return file;
  }

  private ReadOptions readOptions() {
    ReadOptions options = ReadOptions.defaults()
        .withScoreColumn(columns.score())
        .withLabelColumn(columns.label())
        .withDropInvalid(dropInvalid);
    try {
      if (weight.weight().isPresent()) {
        options = options.withWeightColumn(weight.weight().get());
      }
      if (positiveLabels.values().isPresent()) {
        options = options.withPositiveLabels(new LinkedHashSet<>(positiveLabels.values().get()));
      }
      if (negativeLabels != null) {
        options = options.withNegativeLabels(new LinkedHashSet<>(negativeLabels));
      }
      if (hasSegments()) {
        options = options.withSegmentColumns(segments.columns());
      }
      if (delimiter != null) {
        options = options.withDelimiter(parseDelimiter(delimiter));
      }
      options = inputFormat.applyTo(options);
      options.requireDistinctColumns();
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
          throw new ParameterException(spec.commandLine(), "--delimiter: '"
              + value + "' is not one character (give one, e.g. ';', or 'tab')");
        }
        return value.charAt(0);
    }
  }
}

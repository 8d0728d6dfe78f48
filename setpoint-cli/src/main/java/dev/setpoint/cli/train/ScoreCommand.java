package dev.setpoint.cli.train;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.setpoint.calibrate.Calibration;
import dev.setpoint.cli.calibrate.CalibratorFile;
import dev.setpoint.cli.input.InputFormatOption;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadProgress;
import dev.setpoint.read.ScoreFiles;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code setpoint score --model m.json FILE}: a score per row from a trained model. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Scores each row of a data file with a model written by 'setpoint train': reads the model's "
          + "feature columns by name, applies its standardisation, and writes the probability of the "
          + "positive class as column 'score', one row per input row, in order, as CSV.",
      "",
      "With --label the label column is copied as column 'label' (1/true positive, 0/false negative, "
          + "written 1/0), so the output can go straight to 'setpoint evaluate' or 'setpoint choose'. "
          + "--keep copies other columns (an id, a timestamp) as they are, first. --calibrator maps "
          + "each score through a calibrator file from 'setpoint calibrate -o' before it is written.",
      ""
    },
    footer = {
      "",
      "Formats: .csv, .tsv, .jsonl/.ndjson (each optionally .gz) and .parquet, detected from the name,"
          + " read as every other command reads them.",
      "",
      "Examples:",
      "  setpoint score --model model.json data.csv -o scores.csv",
      "  setpoint score --model model.json data.csv | head",
      "  setpoint score --model model.json test.csv --label y -o scores.csv && \\",
      "      setpoint evaluate scores.csv",
      "  setpoint score --model model.json events.parquet --keep id,ts -o scores.csv",
      "  setpoint score --model model.json new.jsonl --calibrator calibrator.json \\",
      "      -o probabilities.csv",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error."
    })
public final class ScoreCommand implements Callable<Integer> {

  /** A feature value written as text: a plain decimal number, as the score readers accept. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  @Spec private CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "A model file from 'setpoint train'.")
  private Path modelFile;

  @Parameters(index = "0", paramLabel = "FILE",
      description = "A data file with the model's feature columns (CSV, TSV, JSON Lines, Parquet).")
  private Path file;

  @Option(names = "--label", paramLabel = "COLUMN",
      description = "Copy this label column to the output as 'label' (1 or 0).")
  private @Nullable String label;

  @Option(names = "--keep", paramLabel = "COLUMN", split = ",",
      description = "Copy these columns to the output as they are, before 'score' (e.g. id,ts).")
  private List<String> keep = new ArrayList<>();

  @Option(names = "--calibrator", paramLabel = "FILE.json",
      description = "Write calibrated probabilities: apply this calibrator file (from 'setpoint "
          + "calibrate -o') to each score.")
  private @Nullable Path calibratorFile;

  @Mixin private InputFormatOption inputFormat;

  @Option(names = {"-o", "--output"}, converter = OutputPath.class, paramLabel = "FILE",
      description = "Where to write the scores (CSV; default: standard output).")
  private @Nullable Path output;

  @Override
  public Integer call() throws IOException, DataFormatException {
    TrainedModel model = TrainedModel.read(modelFile);
    CalibratorFile calibrator = calibratorFile == null ? null : CalibratorFile.read(calibratorFile);
    Rows rows = read(model.featureNames());
    double[] scores = model.scores(rows.features());
    if (calibrator != null) {
      Calibration calibration = calibrator.calibration();
      for (int i = 0; i < scores.length; i++) {
        scores[i] = calibration.apply(scores[i]);
      }
    }
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      write(out, rows, scores);
      out.flush();
    } else {
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        write(w, rows, scores);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("scored " + scores.length + " rows of " + file + " with " + modelFile
        + (calibrator == null ? "" : ", calibrated by " + calibratorFile + " ("
            + calibrator.method() + ")")
        + " into " + (output == null ? "standard output" : output));
    err.flush();
    return 0;
  }

  /**
   * The rows as read: features in the model's order, labels when asked for, kept columns' text.
   *
   * @param labels 1/0 per row, or null without --label
   * @param kept per row, the --keep columns' values in the order asked
   */
  private record Rows(FeatureMatrix features, int @Nullable [] labels, List<String[]> kept) {}

  /**
   * Reads the file with the score readers every command uses (formats, header checks, "did you mean"
   * for a misspelt column): the model's first feature that is not kept is read as the "score" column,
   * which checks it as a finite decimal number; the other features and the kept columns are read as
   * raw extra columns, and the features among them are checked here by the same rule.
   */
  private Rows read(List<String> features) throws IOException, DataFormatException {
    for (String k : keep) {
      if (k.isBlank()) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--keep': an "
            + "empty column name; list column names separated by commas, e.g. --keep id,ts");
      }
    }
    if (label != null && features.contains(label)) {
      throw new ParameterException(spec.commandLine(), "--label " + label + " is one of the model's "
          + "features " + features + "; name the column that holds the true class");
    }
    String first = features.stream().filter(f -> !keep.contains(f)).findFirst()
        .orElse(features.get(0));
    List<String> extra = new ArrayList<>();
    for (String f : features) {
      if (!f.equals(first)) {
        extra.add(f);
      }
    }
    for (String k : keep) {
      if (!k.equals(first) && !k.equals(label) && !extra.contains(k)) {
        extra.add(k);
      }
    }
    int width = features.size();
    int[] featureSlot = new int[width]; // -1: the "score" column
    for (int j = 0; j < width; j++) {
      featureSlot[j] = features.get(j).equals(first) ? -1 : extra.indexOf(features.get(j));
    }
    int[] keptSlot = new int[keep.size()]; // -1: the first feature, -2: the label
    for (int k = 0; k < keptSlot.length; k++) {
      String name = keep.get(k);
      keptSlot[k] = name.equals(first) ? -1 : name.equals(label) ? -2 : extra.indexOf(name);
    }
    ReadOptions options = ReadOptions.defaults().withScoreColumn(first).withSegmentColumns(extra);
    if (label != null) {
      options = options.withLabelColumn(label);
    } else {
      // No label is read; the label column's name must still differ from the columns read.
      String unused = "label";
      while (extra.contains(unused) || unused.equals(first)) {
        unused += "_";
      }
      options = options.withLabelColumn(unused).withLabelsRead(false);
    }
    options = inputFormat.applyTo(options);
    String source = file.toString();
    double[][] values = {new double[1024 * width]};
    int[][] labels = {new int[1024]};
    List<String[]> kept = new ArrayList<>();
    int[] n = {0};
    try {
      ScoreFiles.readRows(file, options, (score, y, weight, raw, row) -> {
        int i = n[0];
        if (i == labels[0].length) {
          labels[0] = Arrays.copyOf(labels[0], i * 2);
          values[0] = Arrays.copyOf(values[0], i * 2 * width);
        }
        for (int j = 0; j < width; j++) {
          values[0][i * width + j] = featureSlot[j] < 0 ? score
              : feature(source, row, features.get(j), raw[featureSlot[j]]);
        }
        labels[0][i] = y;
        if (!keep.isEmpty()) {
          String[] text = new String[keptSlot.length];
          for (int k = 0; k < text.length; k++) {
            text[k] = keptSlot[k] == -1 ? Double.toString(score)
                : keptSlot[k] == -2 ? Integer.toString(y) : raw[keptSlot[k]];
          }
          kept.add(text);
        }
        n[0]++;
      }, ReadProgress.NONE);
    } catch (FeatureException e) {
      throw e.error;
    }
    int rows = n[0];
    return new Rows(FeatureMatrix.unlabelled(features, Arrays.copyOf(values[0], rows * width)),
        label == null ? null : Arrays.copyOf(labels[0], rows), kept);
  }

  private static double feature(String source, long row, String column, String text) {
    String t = text.strip();
    String problem = null;
    if (t.isEmpty()) {
      problem = "is empty: a feature value is required";
    } else if (!DECIMAL.matcher(t).matches()) {
      problem = "is not a number";
    } else if (!Double.isFinite(Double.parseDouble(t))) {
      problem = "is out of the range of a double";
    }
    if (problem != null) {
      throw new FeatureException(new DataFormatException(source, "row " + row, column, text,
          problem));
    }
    return Double.parseDouble(t);
  }

  /** Carries a bad feature value out of the row callback, which cannot throw checked exceptions. */
  private static final class FeatureException extends RuntimeException {
    private final transient DataFormatException error;

    FeatureException(DataFormatException error) {
      super(error.getMessage(), error, false, false);
      this.error = error;
    }
  }

  private void write(Writer w, Rows rows, double[] scores) throws IOException {
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
    int width = keep.size() + 1 + (label == null ? 0 : 1);
    String[] fields = new String[width];
    for (int k = 0; k < keep.size(); k++) {
      fields[k] = keep.get(k);
    }
    fields[keep.size()] = "score";
    if (label != null) {
      fields[width - 1] = "label";
    }
    try {
      csv.writeRecord(fields);
      for (int i = 0; i < scores.length; i++) {
        if (!keep.isEmpty()) {
          System.arraycopy(rows.kept().get(i), 0, fields, 0, keep.size());
        }
        fields[keep.size()] = Double.toString(scores[i]);
        int[] labels = rows.labels();
        if (label != null && labels != null) {
          fields[width - 1] = Integer.toString(labels[i]);
        }
        csv.writeRecord(fields);
      }
      csv.flush();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

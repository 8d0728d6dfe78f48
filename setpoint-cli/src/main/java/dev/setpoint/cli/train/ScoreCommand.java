package dev.setpoint.cli.train;

import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.model.ModelFile;
import dev.setpoint.train.model.TrainedModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code setpoint score --model m.json FILE}: a score per row from a trained model. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Scores each row of a CSV with a model written by 'setpoint train': reads the model's feature "
          + "columns by name, applies its standardisation, and writes the probability of the positive "
          + "class as column 'score', one row per input row, in order.",
      "",
      "With --label the label column is copied as column 'label' (0/1), so the output can go straight "
          + "to 'setpoint evaluate' or 'setpoint choose'.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint score --model model.json data.csv -o scores.csv",
      "  setpoint score --model model.json data.csv | head",
      "  setpoint score --model model.json test.csv --label y -o scores.csv && \\",
      "      setpoint evaluate scores.csv",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error."
    })
public final class ScoreCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "A model file from 'setpoint train'.")
  private Path modelFile;

  @Parameters(index = "0", paramLabel = "FILE", description = "CSV with the model's feature columns.")
  private Path file;

  @Option(names = "--label", paramLabel = "COLUMN",
      description = "Copy this 0/1 column to the output as 'label'.")
  private String label;

  @Option(names = {"-o", "--output"}, converter = OutputPath.class, paramLabel = "FILE",
      description = "Where to write the scores (CSV; default: standard output).")
  private Path output;

  @Override
  public Integer call() throws IOException, DataFormatException {
    TrainedModel model = ModelFile.read(modelFile);
    FeatureMatrix rows = label == null
        ? FeatureCsv.readUnlabelled(file, model.featureNames())
        : FeatureCsv.read(file, label, model.featureNames()).matrix();
    double[] scores = model.scores(rows);
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      write(out, rows, scores);
      out.flush();
    } else {
      try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        write(w, rows, scores);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("scored " + scores.length + " rows of " + file + " with " + modelFile + " into "
        + (output == null ? "standard output" : output));
    err.flush();
    return 0;
  }

  private void write(Writer w, FeatureMatrix rows, double[] scores) throws IOException {
    w.write(label == null ? "score\n" : "score,label\n");
    for (int i = 0; i < scores.length; i++) {
      w.write(Double.toString(scores[i]));
      if (label != null) {
        w.write(rows.label(i) ? ",1" : ",0");
      }
      w.write('\n');
    }
  }
}

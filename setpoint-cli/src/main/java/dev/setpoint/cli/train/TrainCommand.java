package dev.setpoint.cli.train;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.select.RecallAtPrecision;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.fit.EpochReport;
import dev.setpoint.train.fit.LogisticRegressionTrainer;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.fit.TrainingResult;
import dev.setpoint.train.loss.BinaryCrossEntropy;
import dev.setpoint.train.loss.Loss;
import dev.setpoint.train.loss.WeightedCrossEntropy;
import dev.setpoint.train.model.ModelFile;
import dev.setpoint.train.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint train FILE}: fit logistic regression, choosing the epoch by the exact objective. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Trains logistic regression on a CSV of numeric features and a 0/1 label, and writes a model "
          + "file (versioned JSON with the standardisation and the training provenance).",
      "",
      "Rows are split, stratified and seeded, into training, validation and calibration sets "
          + "(60/20/20). Features are standardised on the training rows. After each epoch the exact "
          + "validation recall at precision >= P is computed on the validation logits (every distinct "
          + "score a threshold, docs/definitions.md); the best epoch is kept and training stops after "
          + "--patience epochs without improvement. One line per epoch goes to stderr.",
      "",
      "Not yet: the MLP, the Lagrangian losses, and the deployed threshold from the calibration "
          + "rows (see docs/training.md).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint train data.csv --label y --features a,b,c --objective 'recall@precision>=0.95' "
          + "--seed 1 -o model.json",
      "  setpoint train data.csv --label y --loss weighted_bce --negative-weight 4 -o model.json",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error."
    })
public final class TrainCommand implements Callable<Integer> {

  /** The training loss. */
  public enum LossName {
    /** Binary cross-entropy. */
    BCE,
    /** Cross-entropy with a fixed weight on negatives (--negative-weight). */
    WEIGHTED_BCE
  }

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "CSV with a header, feature columns and "
      + "a 0/1 label column.")
  private Path file;

  @Option(names = "--label", paramLabel = "COLUMN", defaultValue = "label",
      description = "The 0/1 label column (default: ${DEFAULT-VALUE}).")
  private String label;

  @Option(names = "--features", paramLabel = "COLUMN", split = ",",
      description = "Feature columns, in order (default: every column but the label).")
  private List<String> features = new ArrayList<>();

  @Option(names = "--objective", paramLabel = "OBJECTIVE", defaultValue = "recall@precision>=0.95",
      description = "Chooses the epoch on validation; only recall@precision>=P so far "
          + "(default: ${DEFAULT-VALUE}).")
  private String objective;

  @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "bce",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private LossName loss;

  @Option(names = "--negative-weight", paramLabel = "W", defaultValue = "1",
      description = "Weight of negatives for weighted_bce; positives weigh 1 (default: ${DEFAULT-VALUE}).")
  private double negativeWeight;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seeds the split and the batch order (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "200",
      description = "Epoch budget (default: ${DEFAULT-VALUE}).")
  private int epochs;

  @Option(names = "--patience", paramLabel = "N", defaultValue = "20",
      description = "Stop after N epochs without a better validation result (default: ${DEFAULT-VALUE}).")
  private int patience;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
      description = "Examples per Adam step (default: ${DEFAULT-VALUE}).")
  private int batchSize;

  @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "0.01",
      description = "Adam step size (default: ${DEFAULT-VALUE}).")
  private double learningRate;

  @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "1e-4",
      description = "L2 penalty on the weights (default: ${DEFAULT-VALUE}).")
  private double l2;

  @Option(names = {"-o", "--output"}, paramLabel = "MODEL", required = true,
      description = "Where to write the model file (JSON).")
  private Path output;

  @Override
  public Integer call() throws IOException, DataFormatException {
    TrainingConfig config = config();
    FeatureTable table = FeatureCsv.read(file, label, features);
    StratifiedSplit split;
    try {
      split = StratifiedSplit.of(table.matrix(), SplitFractions.DEFAULT, seed);
    } catch (IllegalArgumentException e) {
      throw DataFormatException.ofSource(file.toString(), "cannot be split: " + e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    String name = config.objective().syntax();
    TrainingResult result = new LogisticRegressionTrainer(config).train(split,
        r -> err.println(progressLine(r, config.maxEpochs(), name)));
    TrainedModel model = result.model(table, Instant.now());
    ModelFile.write(model, output);
    PrintWriter out = spec.commandLine().getOut();
    double value = result.bestValidation().value();
    out.printf(Locale.ROOT, "logistic regression on %d features, %d rows (%d train, %d validation, "
        + "%d calibration), loss %s, seed %d%n", table.matrix().features(), table.matrix().rows(),
        split.train().rows(), split.validation().rows(), split.calibration().rows(),
        config.method().describe(), seed);
    out.printf(Locale.ROOT, "best epoch %d of %d: validation %s = %s (AP %.4f)%n",
        result.bestEpoch(), result.history().size(), name,
        Double.isNaN(value) ? "infeasible (no threshold reaches the precision target)"
            : String.format(Locale.ROOT, "%.4f", value),
        result.bestValidation().averagePrecision());
    out.println("model written to " + output);
    return 0;
  }

  private TrainingConfig config() {
    Objective parsed;
    try {
      parsed = ObjectiveParser.parse(objective);
    } catch (ObjectiveSyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--objective: " + e.getMessage());
    }
    if (features.contains(label)) {
      throw new ParameterException(spec.commandLine(), "--features: the label column '" + label
          + "' cannot also be a feature");
    }
    if (!(parsed instanceof RecallAtPrecision target)) {
      throw new ParameterException(spec.commandLine(), "--objective: training supports only "
          + "recall@precision>=P so far, was '" + objective + "'");
    }
    try {
      Loss chosen = switch (loss) {
        case BCE -> new BinaryCrossEntropy();
        case WEIGHTED_BCE -> new WeightedCrossEntropy(1, negativeWeight);
      };
      return new TrainingConfig(new TrainingMethod.Fixed(chosen), target, epochs, batchSize,
          learningRate, l2, patience, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  static String progressLine(EpochReport r, int budget, String objective) {
    double v = r.validation().value();
    return String.format(Locale.ROOT, "epoch %d/%d  loss %.5f  validation %s %s  AP %.4f%s",
        r.epoch(), budget, r.trainingLoss(), objective,
        Double.isNaN(v) ? "infeasible" : String.format(Locale.ROOT, "%.4f", v),
        r.validation().averagePrecision(), r.best() ? "  best" : "");
  }
}

package dev.setpoint.cli.train;

import dev.setpoint.select.Objective;
import dev.setpoint.train.fit.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The model {@code setpoint train} fits and the schedule it fits it on (a picocli mixin): {@code
 * --model}, {@code --hidden}, threads, seed, epochs, patience, time, batch, step size and L2; {@link
 * #config} turns them, with the method, into a checked {@link TrainingConfig}.
 */
final class FitOptions {

  /** The model to train. */
  enum ModelName {
    /** Logistic regression. */
    LR,
    /** A multilayer perceptron with ReLU hidden layers (--hidden). */
    MLP
  }

  /** The widest hidden layer the command accepts. */
  static final int MAX_WIDTH = 4096;

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "lr",
      description = "lr (logistic regression) or mlp (ReLU perceptron, see --hidden) "
          + "(default: ${DEFAULT-VALUE}).")
  private ModelName model;

  @Option(names = "--hidden", paramLabel = "WIDTHS",
      description = "Hidden layer widths for --model mlp: one or two, comma-separated, each 1 to "
          + MAX_WIDTH + " (default: 32).")
  private String hidden;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads (shards per batch); the weights are reproducible for the same seed and "
          + "thread count (default: the available processors, ${DEFAULT-VALUE} here).")
  private int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seeds the split, the batch order and the initial weights "
          + "(default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "200",
      description = "Epoch budget (default: ${DEFAULT-VALUE}).")
  private int epochs;

  @Option(names = "--patience", paramLabel = "N", defaultValue = "20",
      description = "Stop after N epochs without a better validation result (default: ${DEFAULT-VALUE}).")
  private int patience;

  @Option(names = "--max-seconds", paramLabel = "S",
      description = "Stop after the epoch during which S seconds pass; the best epoch is kept.")
  private Double maxSeconds;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
      description = "Examples per Adam step (default: ${DEFAULT-VALUE}).")
  private int batchSize;

  @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "0.01",
      description = "Adam step size (default: ${DEFAULT-VALUE}).")
  private double learningRate;

  @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "1e-4",
      description = "L2 penalty on the weights (default: ${DEFAULT-VALUE}).")
  private double l2;

  /** The seed of the split, the batch order and the initial weights. */
  long seed() {
    return seed;
  }

  /** Refuses a time limit that is not a finite positive number of seconds. */
  void check() {
    if (maxSeconds != null && !(maxSeconds > 0 && Double.isFinite(maxSeconds))) {
      throw new ParameterException(spec.commandLine(), "--max-seconds must be finite and > 0, was "
          + maxSeconds);
    }
  }

  /**
   * The configuration for {@code trainingRows} rows, every value checked: a usage error names the
   * option. Called once with one row before the read, so that a bad setting never waits for it.
   */
  TrainingConfig config(MethodOptions method, Objective target, int trainingRows) {
    List<Integer> widths = hiddenWidths();
    try {
      int batchesPerEpoch = (trainingRows + Math.min(batchSize, trainingRows) - 1)
          / Math.max(1, Math.min(batchSize, trainingRows));
      return new TrainingConfig(method.method(batchesPerEpoch), target, epochs, batchSize,
          learningRate, l2, patience, seed,
          maxSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(maxSeconds), widths,
          threads);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The hidden layers: none for LR; for MLP, --hidden parsed and checked (default 32). */
  private List<Integer> hiddenWidths() {
    if (model == ModelName.LR) {
      if (hidden != null) {
        throw new ParameterException(spec.commandLine(), "--hidden: hidden layers need --model mlp, "
            + "was given '" + hidden + "' with --model lr");
      }
      return List.of();
    }
    if (hidden == null) {
      return List.of(32);
    }
    String[] parts = hidden.split(",", -1);
    if (parts.length > 2) {
      throw new ParameterException(spec.commandLine(), "--hidden: '" + hidden + "' has "
          + parts.length + " layers; the MLP has one or two hidden layers");
    }
    List<Integer> widths = new ArrayList<>();
    for (String part : parts) {
      int width;
      try {
        width = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        width = 0;
      }
      if (width < 1 || width > MAX_WIDTH) {
        throw new ParameterException(spec.commandLine(), "--hidden: '" + part + "' in '" + hidden
            + "' is not a layer width (a whole number from 1 to " + MAX_WIDTH + ")");
      }
      widths.add(width);
    }
    return widths;
  }
}

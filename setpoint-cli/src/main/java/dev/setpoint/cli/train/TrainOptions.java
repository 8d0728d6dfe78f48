package dev.setpoint.cli.train;

import dev.setpoint.cli.ProgressDisplay;
import dev.setpoint.cli.input.Objectives;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.options.PolicyOptions;
import dev.setpoint.select.Objective;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.TrainingData;
import dev.setpoint.train.fit.TrainingMethod.MultiplierStep;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code setpoint train}'s options (a picocli mixin), in the order its help lists them: the data set
 * (FILE, columns, split), the objective and method, the model and its schedule, what is written and
 * certified, and progress. {@link #request} checks them all, before any read, into a {@link
 * TrainRequest}: the one place a usage error comes from.
 */
final class TrainOptions {

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

  @Parameters(index = "0", paramLabel = "FILE", description = "CSV with a header, feature columns and "
      + "a 0/1 label column.")
  private Path file;

  @Option(names = "--label", paramLabel = "COLUMN", defaultValue = "label",
      description = "The 0/1 label column (default: ${DEFAULT-VALUE}).")
  private String label;

  @Option(names = "--features", paramLabel = "COLUMN", split = ",",
      description = "Feature columns, in order (default: every column but the label).")
  private List<String> features = new ArrayList<>();

  @Option(names = "--validation", paramLabel = "FILE",
      description = "Choose the epoch on this file's rows (same label and feature columns) instead of "
          + "a share of FILE's.")
  private @Nullable Path validationFile;

  @Option(names = "--calibration", paramLabel = "FILE",
      description = "Certify the deployed threshold on this file's rows (same label and feature "
          + "columns) instead of a share of FILE's.")
  private @Nullable Path calibrationFile;

  @Option(names = "--split", paramLabel = "TRAIN,VALIDATION,CALIBRATION",
      description = "Shares of FILE's rows, summing to 1 (default: 0.6,0.2,0.2; with --validation "
          + "0.75,0,0.25; with --calibration 0.75,0.25,0). A set read from its own file has share 0; "
          + "a calibration share of 0 without --calibration means no calibration set.")
  private @Nullable String split;

  @Option(names = "--objective", paramLabel = "OBJECTIVE", defaultValue = "recall@precision>=0.95",
      description = "The setpoint: recall@precision>=P or precision@recall>=R, in 'setpoint choose' "
          + "syntax (default: ${DEFAULT-VALUE}).")
  private String objective;

  @Option(names = "--loss", paramLabel = "METHOD", defaultValue = "bce",
      description = "bce, weighted_bce, dual_bce, proxy_lagrangian, eban, naive_stop or "
          + "naive_reweight (default: ${DEFAULT-VALUE}).")
  private Loss loss;

  @Option(names = "--negative-weight", paramLabel = "W",
      description = "weighted_bce: the weight of negatives; positives weigh 1 (default: 1).")
  private @Nullable Double negativeWeight;

  @Option(names = "--multiplier-rate", paramLabel = "RATE",
      description = "dual_bce, proxy_lagrangian, eban: the multiplier's step size per step (defaults: "
          + "0.1, 2, 0.05; with --multiplier-step epoch, times the batches per epoch).")
  private @Nullable Double multiplierRate;

  @Option(names = "--multiplier-cap", paramLabel = "CAP",
      description = "dual_bce, eban: the largest lambda (default: 100).")
  private @Nullable Double multiplierCap;

  @Option(names = "--multiplier-start", paramLabel = "LAMBDA",
      description = "dual_bce, eban: lambda at the start (default: 1).")
  private @Nullable Double multiplierStart;

  @Option(names = "--multiplier-smoothing", paramLabel = "BETA",
      description = "dual_bce: moving average of the batch violations, in [0, 1) (default: 0.9).")
  private Double multiplierSmoothing;

  @Option(names = "--multiplier-step", paramLabel = "WHEN",
      description = "dual_bce, proxy_lagrangian, eban: move the multiplier after every batch or once "
          + "per epoch on the whole training set: batch or epoch (default: batch).")
  private @Nullable MultiplierStep multiplierStep;

  @Option(names = "--proxy-radius", paramLabel = "R",
      description = "proxy_lagrangian: TFCO's minimum multiplier radius, in (0, 1) (default: 0.001).")
  private @Nullable Double proxyRadius;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "lr",
      description = "lr (logistic regression) or mlp (ReLU perceptron, see --hidden) "
          + "(default: ${DEFAULT-VALUE}).")
  private ModelName model;

  @Option(names = "--hidden", paramLabel = "WIDTHS",
      description = "Hidden layer widths for --model mlp: one or two, comma-separated, each 1 to "
          + MAX_WIDTH + " (default: 32).")
  private @Nullable String hidden;

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
  private @Nullable Double maxSeconds;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
      description = "Examples per Adam step (default: ${DEFAULT-VALUE}).")
  private int batchSize;

  @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "0.01",
      description = "Adam step size (default: ${DEFAULT-VALUE}).")
  private double learningRate;

  @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "1e-4",
      description = "L2 penalty on the weights (default: ${DEFAULT-VALUE}).")
  private double l2;

  @Option(names = "--delta", paramLabel = "D", defaultValue = "0.05",
      description = "Risk of the deployed threshold's guarantee, P(precision >= P) >= 1 - D "
          + "or P(recall >= R) >= 1 - D (default: ${DEFAULT-VALUE}).")
  private double delta;

  @Option(names = {"-o", "--output"}, converter = OutputPath.class, paramLabel = "MODEL",
      required = true,
      description = "Where to write the model file (JSON).")
  private Path output;

  @Option(names = "--policy", converter = OutputPath.class, paramLabel = "POLICY",
      description = "Also write the certified threshold as a policy (.yaml, .yml or .json); exit 3 "
          + "without one when no threshold is certified.")
  private @Nullable Path policy;

  @Mixin private PolicyOptions.Name policyName;

  @Mixin private PolicyOptions.Action action;

  @Mixin private ProgressDisplay.ModeOption progress;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no epoch lines.")
  private boolean quiet;

  /**
   * The options as a request, every one checked before the (possibly long) read, in the order a user
   * meets them: the one place a usage error comes from.
   */
  TrainRequest request() {
    Objective target = objective();
    checkColumns();
    checkMethodOptions();
    checkMaxSeconds();
    Optional<Guarantee> guarantee = guarantee(target);
    checkPolicy();
    SplitFractions shares = shares(policy != null);
    IntFunction<TrainingConfig> configFor = rows -> config(target, rows);
    var unused = configFor.apply(1); // refuses bad method options now, before the read
    return new TrainRequest(new TrainingFiles(file, label, features,
        Optional.ofNullable(validationFile), Optional.ofNullable(calibrationFile)), target,
        guarantee, shares, seed, configFor);
  }

  /** How progress is shown: --progress, or never with --quiet. */
  ProgressDisplay.Mode progress() {
    return quiet ? ProgressDisplay.Mode.NEVER : progress.mode();
  }

  /** Whether --quiet asks for neither a bar nor epoch lines. */
  boolean quiet() {
    return quiet;
  }

  /** Refuses the label column as a feature. */
  private void checkColumns() {
    if (features.contains(label)) {
      throw new ParameterException(spec.commandLine(), "--features: the label column '" + label
          + "' cannot also be a feature");
    }
  }

  /**
   * FILE's shares: --split, checked against the files given, or the default for them. A usage error
   * names the option, before any file is read.
   *
   * @param policyWanted whether --policy asks for a certified threshold, which needs calibration rows
   */
  private SplitFractions shares(boolean policyWanted) {
    boolean validationGiven = validationFile != null;
    boolean calibrationGiven = calibrationFile != null;
    if (validationGiven && calibrationGiven && split != null) {
      throw new ParameterException(spec.commandLine(), "--split: with --validation and "
          + "--calibration every row of " + file + " is a training row; drop --split");
    }
    SplitFractions shares = split == null
        ? TrainingData.defaultShares(validationGiven, calibrationGiven) : parseSplit(split);
    try {
      TrainingData.checkShares(shares, file.toString(),
          Optional.ofNullable(validationFile).map(f -> "--validation " + f),
          Optional.ofNullable(calibrationFile).map(f -> "--calibration " + f));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--split: " + e.getMessage());
    }
    if (policyWanted && !calibrationGiven && shares.calibration() == 0) {
      throw new ParameterException(spec.commandLine(), "--policy needs calibration rows to certify "
          + "its threshold on, and --split " + split + " keeps none: give a calibration share or "
          + "--calibration FILE");
    }
    return shares;
  }

  private SplitFractions parseSplit(String split) {
    String[] parts = split.split(",", -1);
    double[] values = new double[parts.length];
    try {
      if (parts.length != 3) {
        throw new NumberFormatException();
      }
      for (int i = 0; i < 3; i++) {
        values[i] = Double.parseDouble(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--split: '" + split + "' is not "
          + "TRAIN,VALIDATION,CALIBRATION (three shares summing to 1, e.g. 0.7,0.15,0.15)");
    }
    try {
      return new SplitFractions(values[0], values[1], values[2]);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--split: '" + split + "': " + e.getMessage());
    }
  }

  /** The setpoint, parsed: one of the two constrained objectives training accepts. */
  private Objective objective() {
    Objective parsed = Objectives.parse(spec.commandLine(), List.of(objective)).get(0);
    try {
      TrainingConfig.requireTrainable(parsed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--objective: " + e.getMessage());
    }
    return parsed;
  }

  /** Refuses an option the chosen method does not read, naming both. */
  private void checkMethodOptions() {
    require("--negative-weight", negativeWeight, EnumSet.of(Loss.WEIGHTED_BCE));
    EnumSet<Loss> lagrangian = EnumSet.of(Loss.DUAL_BCE, Loss.PROXY_LAGRANGIAN, Loss.EBAN);
    require("--multiplier-rate", multiplierRate, lagrangian);
    require("--multiplier-step", multiplierStep, lagrangian);
    require("--multiplier-cap", multiplierCap, EnumSet.of(Loss.DUAL_BCE, Loss.EBAN));
    require("--multiplier-start", multiplierStart, EnumSet.of(Loss.DUAL_BCE, Loss.EBAN));
    require("--multiplier-smoothing", multiplierSmoothing, EnumSet.of(Loss.DUAL_BCE));
    require("--proxy-radius", proxyRadius, EnumSet.of(Loss.PROXY_LAGRANGIAN));
  }

  private void require(String option, @Nullable Object value, EnumSet<Loss> methods) {
    if (value != null && !methods.contains(loss)) {
      List<String> names = new ArrayList<>();
      methods.forEach(m -> names.add(m.label()));
      throw new ParameterException(spec.commandLine(), option + " does not apply to --loss "
          + loss.label() + "; it applies to " + String.join(", ", names));
    }
  }

  /** The method of --loss with the multiplier options given. */
  private TrainingMethod method(int batchesPerEpoch) {
    return loss.method(new Loss.Given(negativeWeight, multiplierRate, multiplierCap,
        multiplierStart, multiplierSmoothing, multiplierStep, proxyRadius), batchesPerEpoch);
  }

  /** Refuses a time limit that is not a finite positive number of seconds. */
  private void checkMaxSeconds() {
    if (maxSeconds != null && !(maxSeconds > 0 && Double.isFinite(maxSeconds))) {
      throw new ParameterException(spec.commandLine(), "--max-seconds must be finite and > 0, was "
          + maxSeconds);
    }
  }

  /**
   * The configuration for {@code trainingRows} rows, every value checked: a usage error names the
   * option. Called once with one row before the read, so that a bad setting never waits for it.
   */
  private TrainingConfig config(Objective target, int trainingRows) {
    List<Integer> widths = hiddenWidths();
    try {
      int batchesPerEpoch = (trainingRows + Math.min(batchSize, trainingRows) - 1)
          / Math.max(1, Math.min(batchSize, trainingRows));
      return new TrainingConfig(method(batchesPerEpoch), target, epochs, batchSize,
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

  /** The model file to write. */
  Path output() {
    return output;
  }

  /** The policy file to write, if --policy asks for one. */
  Optional<Path> policy() {
    return Optional.ofNullable(policy);
  }

  /** The policy's name: --policy-name, else the policy file's name. */
  String policyName() {
    return policyName.name(Objects.requireNonNull(policy, "--policy"));
  }

  /** The action of the band above the threshold. */
  String action() {
    return action.action();
  }

  /**
   * The guarantee for the deployed threshold; empty when the objective sets no precision or recall
   * target below 1 (then --policy is a usage error).
   */
  private Optional<Guarantee> guarantee(Objective target) {
    if (!(delta > 0 && delta < 1)) {
      throw new ParameterException(spec.commandLine(), "--delta must be in (0, 1), was " + delta);
    }
    Optional<Objective.Constraint> floor = target.constraint().filter(c -> c.floor() < 1);
    if (floor.isPresent()) {
      double f = floor.get().floor();
      return Optional.of(switch (floor.get().rate()) {
        case PRECISION -> new GuaranteedPrecision(f, delta);
        case RECALL -> new GuaranteedRecall(f, delta);
      });
    }
    if (policy != null) {
      // objective() admits only the two constrained objectives, so the target here is 1.
      throw new ParameterException(spec.commandLine(), "--policy needs a precision or recall target "
          + "below 1 to certify a threshold for, and the objective is '" + objective + "' (a rate of "
          + "1 can never be certified from a sample)");
    }
    return Optional.empty();
  }

  /** Checks the policy options; -o and --policy were checked as the command line was read. */
  private void checkPolicy() {
    if (policy == null) {
      if (policyName.given()) {
        throw new ParameterException(spec.commandLine(), "--policy-name names the policy written "
            + "with --policy POLICY.yaml");
      }
      return;
    }
    if (!PolicyDocuments.isDocumentName(policy)) {
      throw new ParameterException(spec.commandLine(), "--policy writes a policy document and "
          + "needs a .yaml, .yml or .json file name, was '" + policy + "'");
    }
    if (policy.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      throw new ParameterException(spec.commandLine(), "--policy and -o name the same file '"
          + policy + "'");
    }
  }
}

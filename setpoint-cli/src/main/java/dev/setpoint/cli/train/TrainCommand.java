package dev.setpoint.cli.train;

import dev.setpoint.cli.ProgressDisplay;
import dev.setpoint.cli.input.Objectives;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.policy.PolicyFiles;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.Sha256;
import dev.setpoint.policy.ToolVersion;
import dev.setpoint.select.Objective;
import dev.setpoint.select.PrecisionAtRecall;
import dev.setpoint.select.RecallAtPrecision;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.data.TrainingData;
import dev.setpoint.train.deploy.DeployedThreshold;
import dev.setpoint.train.fit.EpochReport;
import dev.setpoint.train.fit.EpochReport.Multiplier;
import dev.setpoint.train.fit.Trainer;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.fit.TrainingMethod.MultiplierStep;
import dev.setpoint.train.fit.TrainingResult;
import dev.setpoint.train.model.ModelFile;
import dev.setpoint.train.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code setpoint train FILE}: fit logistic regression or a perceptron toward a setpoint with a chosen
 * method, pick the epoch by the exact objective, certify a threshold on the calibration split, write the model and,
 * with {@code --policy}, a policy.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Trains logistic regression or a small ReLU perceptron (--model mlp --hidden 32,16) on a CSV of "
          + "numeric features and a 0/1 label toward a setpoint (recall@precision>=P or "
          + "precision@recall>=R) and writes a model file (versioned JSON with the standardisation and "
          + "the training provenance).",
      "",
      "Rows are split, stratified and seeded, into training, validation and calibration sets "
          + "(60/20/20, or --split); --validation and --calibration read those sets from files of "
          + "their own instead. Features are standardised on the training rows. After each epoch "
          + "the exact validation objective is computed on the validation logits (every distinct "
          + "score a threshold, docs/definitions.md); the best epoch is kept and training stops after "
          + "--patience epochs without improvement, or after the epoch that passes --max-seconds.",
      "",
      "Methods (--loss): bce; weighted_bce (--negative-weight); dual_bce (BCE with Lagrange weights, "
          + "lambda by dual ascent on the true constraint); proxy_lagrangian (TFCO's two-player "
          + "game); eban (Eban et al.'s surrogate, capped lambda); naive_stop and naive_reweight "
          + "(the naive answers, as baselines). Every method trains either model. See "
          + "docs/training.md#methods.",
      "",
      "Each batch is split into --threads contiguous shards whose gradients are added in a fixed "
          + "order: the same seed and thread count give bit-identical weights; another thread count "
          + "differs in the last bits.",
      "",
      "With recall@precision>=P the deployed threshold is chosen on the calibration split so that "
          + "P(precision >= P) >= 1 - delta (Learn-then-Test); with precision@recall>=R so that "
          + "P(recall >= R) >= 1 - delta (the highest such threshold); --policy writes it as a "
          + "policy that 'setpoint decide' and 'setpoint serve' accept. Progress: a bar on a "
          + "terminal, else one line per epoch on stderr (--quiet: none).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint train data.csv --label y --features a,b,c \\",
      "      --objective 'recall@precision>=0.95' --seed 1 -o model.json",
      "  setpoint train data.csv --label y --loss dual_bce \\",
      "      --objective 'recall@precision>=0.9' -o model.json --policy policy.yaml",
      "  setpoint train data.csv --label y --loss weighted_bce --negative-weight 4 \\",
      "      -o model.json",
      "  setpoint train train.csv --validation valid.csv --calibration calib.csv \\",
      "      --label y --loss dual_bce -o model.json --policy policy.yaml",
      "  setpoint train data.csv --label y --model mlp --hidden 32,16 --threads 2 \\",
      "      --loss dual_bce -o model.json",
      "  setpoint train data.csv --label y --loss proxy_lagrangian \\",
      "      --objective 'precision@recall>=0.98' --max-seconds 60 -o model.json",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error (also: --policy and no threshold is certified)."
    })
public final class TrainCommand implements Callable<Integer> {

  /** The training method. */
  public enum Method {
    /** Binary cross-entropy. */
    BCE,
    /** Cross-entropy with a fixed weight on negatives (--negative-weight). */
    WEIGHTED_BCE,
    /** Dual-weighted BCE: Lagrange weights, λ by dual ascent on the true constraint. */
    DUAL_BCE,
    /** The proxy-Lagrangian (TFCO). */
    PROXY_LAGRANGIAN,
    /** Eban et al.'s surrogate with a capped multiplier. */
    EBAN,
    /** Naive baseline: BCE, stop when a batch's precision dips below the target. */
    NAIVE_STOP,
    /** Naive baseline: BCE re-weighted by a rounded batch recall. */
    NAIVE_REWEIGHT;

    /** The name as given on the command line. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The model to train. */
  public enum ModelName {
    /** Logistic regression. */
    LR,
    /** A multilayer perceptron with ReLU hidden layers (--hidden). */
    MLP
  }

  /** The widest hidden layer the command accepts. */
  static final int MAX_WIDTH = 4096;

  /** Rate, cap, start and smoothing defaults of the multiplier options (docs/training.md#defaults). */
  private static final TrainingMethod.DualWeighted DUAL = TrainingMethod.DualWeighted.defaults();
  private static final TrainingMethod.ProxyLagrangian PROXY = TrainingMethod.ProxyLagrangian.defaults();
  private static final TrainingMethod.Eban EBAN = TrainingMethod.Eban.defaults();

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

  @Option(names = "--validation", paramLabel = "FILE",
      description = "Choose the epoch on this file's rows (same label and feature columns) instead of "
          + "a share of FILE's.")
  private Path validationFile;

  @Option(names = "--calibration", paramLabel = "FILE",
      description = "Certify the deployed threshold on this file's rows (same label and feature "
          + "columns) instead of a share of FILE's.")
  private Path calibrationFile;

  @Option(names = "--split", paramLabel = "TRAIN,VALIDATION,CALIBRATION",
      description = "Shares of FILE's rows, summing to 1 (default: 0.6,0.2,0.2; with --validation "
          + "0.75,0,0.25; with --calibration 0.75,0.25,0). A set read from its own file has share 0; "
          + "a calibration share of 0 without --calibration means no calibration set.")
  private String split;

  @Option(names = "--objective", paramLabel = "OBJECTIVE", defaultValue = "recall@precision>=0.95",
      description = "The setpoint: recall@precision>=P or precision@recall>=R, in 'setpoint choose' "
          + "syntax (default: ${DEFAULT-VALUE}).")
  private String objective;

  @Option(names = "--loss", paramLabel = "METHOD", defaultValue = "bce",
      description = "bce, weighted_bce, dual_bce, proxy_lagrangian, eban, naive_stop or "
          + "naive_reweight (default: ${DEFAULT-VALUE}).")
  private Method loss;

  @Option(names = "--negative-weight", paramLabel = "W",
      description = "weighted_bce: the weight of negatives; positives weigh 1 (default: 1).")
  private Double negativeWeight;

  @Option(names = "--multiplier-rate", paramLabel = "RATE",
      description = "dual_bce, proxy_lagrangian, eban: the multiplier's step size per step (defaults: "
          + "0.1, 2, 0.05; with --multiplier-step epoch, times the batches per epoch).")
  private Double multiplierRate;

  @Option(names = "--multiplier-cap", paramLabel = "CAP",
      description = "dual_bce, eban: the largest lambda (default: 100).")
  private Double multiplierCap;

  @Option(names = "--multiplier-start", paramLabel = "LAMBDA",
      description = "dual_bce, eban: lambda at the start (default: 1).")
  private Double multiplierStart;

  @Option(names = "--multiplier-smoothing", paramLabel = "BETA",
      description = "dual_bce: moving average of the batch violations, in [0, 1) (default: 0.9).")
  private Double multiplierSmoothing;

  @Option(names = "--multiplier-step", paramLabel = "WHEN",
      description = "dual_bce, proxy_lagrangian, eban: move the multiplier after every batch or once "
          + "per epoch on the whole training set: batch or epoch (default: batch).")
  private MultiplierStep multiplierStep;

  @Option(names = "--proxy-radius", paramLabel = "R",
      description = "proxy_lagrangian: TFCO's minimum multiplier radius, in (0, 1) (default: 0.001).")
  private Double proxyRadius;

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
  private Path policy;

  @Option(names = "--policy-name", paramLabel = "NAME",
      description = "With --policy: the policy's name (default: the policy file's name).")
  private String policyName;

  @Option(names = "--action", paramLabel = "ACTION", defaultValue = "review",
      description = "With --policy: the action above the threshold (default: ${DEFAULT-VALUE}).")
  private String action;

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Progress bar on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: "
          + "when stderr is a terminal; otherwise one line per epoch).")
  private ProgressDisplay.Mode progress;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no epoch lines.")
  private boolean quiet;

  @Override
  public Integer call() throws IOException, DataFormatException {
    Objective target = objective();
    checkMethodOptions();
    Guarantee guarantee = guarantee(target);
    checkPolicyOptions(guarantee);
    SplitFractions shares = shares();
    config(target, 1); // every setting checked before the (possibly long) read
    TrainingData data = read(shares);
    StratifiedSplit split = data.split(seed);
    TrainingConfig config = config(target, split.train().rows());
    PrintWriter err = spec.commandLine().getErr();
    TrainingResult result;
    Path name = file.getFileName();
    try (ProgressDisplay display = ProgressDisplay.epochs(name == null ? file.toString()
        : name.toString(), quiet ? ProgressDisplay.Mode.NEVER : progress, System.err)) {
      boolean lines = !quiet && !display.enabled();
      String syntax = target.syntax();
      Consumer<EpochReport> onEpoch = r -> {
        if (lines) {
          err.println(progressLine(r, config.maxEpochs(), syntax));
          err.flush();
        }
        display.epoch(r.epoch(), config.maxEpochs(), figures(r, syntax));
      };
      result = new Trainer(config).train(split, onEpoch);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TrainedModel model = result.model(data, now);
    String json = ModelFile.toJson(model);
    Files.writeString(output, json, StandardCharsets.UTF_8);
    String modelSha256 = Sha256.hex(json);
    PrintWriter out = spec.commandLine().getOut();
    summary(out, data, split, result, modelSha256);
    DeployedThreshold deployed = guarantee == null ? null
        : DeployedThreshold.choose(model, split.validation(), split.calibration(), guarantee);
    deployment(out, target, deployed);
    out.flush();
    if (policy != null) {
      if (deployed instanceof DeployedThreshold.NotCertified nc) {
        throw DataFormatException.ofSource(file.toString(), "cannot write a policy: " + nc.reason()
            + " (the model was written to " + output + ")");
      }
      Path modelName = output.getFileName();
      String fileName = modelName == null ? "model" : modelName.toString();
      TrainedPolicy trained = new TrainedPolicy(model, fileName.replaceFirst("\\.[^.]*$", ""),
          modelSha256, result, (DeployedThreshold.Certified) deployed,
          policyName != null ? policyName : PolicyFiles.nameFrom(policy), action,
          System.getProperty("user.name", "unknown"), now,
          ToolVersion.of("setpoint").recorded());
      PolicyFiles.write(trained.policy(), policy, err);
    }
    return 0;
  }

  /**
   * FILE's shares: --split, checked against the files given, or the default for them. A usage error
   * names the option, before any file is read.
   */
  private SplitFractions shares() {
    boolean validationGiven = validationFile != null;
    boolean calibrationGiven = calibrationFile != null;
    if (validationGiven && calibrationGiven && split != null) {
      throw new ParameterException(spec.commandLine(), "--split: with --validation and "
          + "--calibration every row of " + file + " is a training row; drop --split");
    }
    SplitFractions shares = split == null
        ? TrainingData.defaultShares(validationGiven, calibrationGiven) : parseSplit();
    try {
      TrainingData.checkShares(shares, file.toString(),
          Optional.ofNullable(validationFile).map(f -> "--validation " + f),
          Optional.ofNullable(calibrationFile).map(f -> "--calibration " + f));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--split: " + e.getMessage());
    }
    if (policy != null && !calibrationGiven && shares.calibration() == 0) {
      throw new ParameterException(spec.commandLine(), "--policy needs calibration rows to certify "
          + "its threshold on, and --split " + split + " keeps none: give a calibration share or "
          + "--calibration FILE");
    }
    return shares;
  }

  private SplitFractions parseSplit() {
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

  /**
   * Reads FILE and the validation and calibration files, with FILE's feature columns. A given file
   * with the same bytes as FILE, or as the other given file, is refused: its rows would not be held
   * out.
   */
  private TrainingData read(SplitFractions shares) throws IOException, DataFormatException {
    FeatureTable table = FeatureCsv.read(file, label, features);
    List<String> names = table.matrix().featureNames();
    Optional<FeatureTable> validation = validationFile == null ? Optional.empty()
        : Optional.of(FeatureCsv.read(validationFile, label, names));
    Optional<FeatureTable> calibration = calibrationFile == null ? Optional.empty()
        : Optional.of(FeatureCsv.read(calibrationFile, label, names));
    List<FeatureTable> seen = new ArrayList<>(List.of(table));
    for (Optional<FeatureTable> given : List.of(validation, calibration)) {
      if (given.isEmpty()) {
        continue;
      }
      for (FeatureTable earlier : seen) {
        if (earlier.sha256().equals(given.get().sha256())) {
          throw DataFormatException.ofSource(given.get().source(), "has the same bytes as "
              + earlier.source() + " (sha256 " + earlier.sha256() + "): the training, validation "
              + "and calibration rows must be held apart");
        }
      }
      seen.add(given.get());
    }
    return new TrainingData(table, shares, validation, calibration);
  }

  private Objective objective() {
    Objective parsed = Objectives.parse(spec.commandLine(), List.of(objective)).get(0);
    try {
      TrainingConfig.requireTrainable(parsed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--objective: " + e.getMessage());
    }
    if (features.contains(label)) {
      throw new ParameterException(spec.commandLine(), "--features: the label column '" + label
          + "' cannot also be a feature");
    }
    return parsed;
  }

  /** Refuses an option the chosen method does not read, naming both. */
  private void checkMethodOptions() {
    require("--negative-weight", negativeWeight, EnumSet.of(Method.WEIGHTED_BCE));
    EnumSet<Method> lagrangian = EnumSet.of(Method.DUAL_BCE, Method.PROXY_LAGRANGIAN, Method.EBAN);
    require("--multiplier-rate", multiplierRate, lagrangian);
    require("--multiplier-step", multiplierStep, lagrangian);
    require("--multiplier-cap", multiplierCap, EnumSet.of(Method.DUAL_BCE, Method.EBAN));
    require("--multiplier-start", multiplierStart, EnumSet.of(Method.DUAL_BCE, Method.EBAN));
    require("--multiplier-smoothing", multiplierSmoothing, EnumSet.of(Method.DUAL_BCE));
    require("--proxy-radius", proxyRadius, EnumSet.of(Method.PROXY_LAGRANGIAN));
    if (maxSeconds != null && !(maxSeconds > 0 && Double.isFinite(maxSeconds))) {
      throw new ParameterException(spec.commandLine(), "--max-seconds must be finite and > 0, was "
          + maxSeconds);
    }
  }

  private void require(String option, Object value, EnumSet<Method> methods) {
    if (value != null && !methods.contains(loss)) {
      List<String> names = new ArrayList<>();
      methods.forEach(m -> names.add(m.label()));
      throw new ParameterException(spec.commandLine(), option + " does not apply to --loss "
          + loss.label() + "; it applies to " + String.join(", ", names));
    }
  }

  /**
   * The guarantee for the deployed threshold; null when the objective sets no precision or recall
   * target below 1 (then --policy is a usage error).
   */
  private Guarantee guarantee(Objective target) {
    if (!(delta > 0 && delta < 1)) {
      throw new ParameterException(spec.commandLine(), "--delta must be in (0, 1), was " + delta);
    }
    if (target instanceof RecallAtPrecision r && r.minPrecision() < 1) {
      return new GuaranteedPrecision(r.minPrecision(), delta);
    }
    if (target instanceof PrecisionAtRecall r && r.minRecall() < 1) {
      return new GuaranteedRecall(r.minRecall(), delta);
    }
    if (policy != null) {
      // objective() admits only the two constrained objectives, so the target here is 1.
      throw new ParameterException(spec.commandLine(), "--policy needs a precision or recall target "
          + "below 1 to certify a threshold for, and the objective is '" + objective + "' (a rate of "
          + "1 can never be certified from a sample)");
    }
    return null;
  }

  private void checkPolicyOptions(Guarantee guarantee) {
    // -o and --policy are checked as the command line is read (OutputPath), before training.
    if (policy == null) {
      if (policyName != null) {
        throw new ParameterException(spec.commandLine(), "--policy-name names the policy written "
            + "with --policy POLICY.yaml");
      }
      return;
    }
    if (!PolicyFiles.isDocumentName(policy)) {
      throw new ParameterException(spec.commandLine(), "--policy writes a policy document and "
          + "needs a .yaml, .yml or .json file name, was '" + policy + "'");
    }
    if (policy.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      throw new ParameterException(spec.commandLine(), "--policy and -o name the same file '"
          + policy + "'");
    }
  }

  private TrainingConfig config(Objective target, int trainingRows) {
    List<Integer> widths = hiddenWidths();
    try {
      int batchesPerEpoch = (trainingRows + Math.min(batchSize, trainingRows) - 1)
          / Math.max(1, Math.min(batchSize, trainingRows));
      return new TrainingConfig(method(batchesPerEpoch), target, epochs, batchSize, learningRate, l2,
          patience, seed, maxSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(maxSeconds),
          widths, threads);
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

  /** The model in words: {@code logistic regression} or {@code MLP 32,16 (ReLU)}. */
  static String describe(List<Integer> hidden) {
    if (hidden.isEmpty()) {
      return "logistic regression";
    }
    return "MLP " + hidden.stream().map(String::valueOf).collect(Collectors.joining(",")) + " (ReLU)";
  }

  /**
   * The method with the given options and the defaults for the rest; a per-epoch multiplier step
   * defaults to the per-batch rate times the batches per epoch, so λ moves about as far in an epoch.
   */
  private TrainingMethod method(int batchesPerEpoch) {
    MultiplierStep step = multiplierStep == null ? MultiplierStep.BATCH : multiplierStep;
    int scale = step == MultiplierStep.EPOCH ? batchesPerEpoch : 1;
    return switch (loss) {
      case BCE -> TrainingMethod.bce();
      case WEIGHTED_BCE -> TrainingMethod.weightedBce(1,
          negativeWeight == null ? 1 : negativeWeight);
      case DUAL_BCE -> new TrainingMethod.DualWeighted(
          or(multiplierRate, times(DUAL.rate(), scale)), or(multiplierCap, DUAL.cap()),
          or(multiplierStart, DUAL.initial()), or(multiplierSmoothing, DUAL.smoothing()), step);
      case PROXY_LAGRANGIAN -> new TrainingMethod.ProxyLagrangian(
          or(multiplierRate, times(PROXY.rate(), scale)), or(proxyRadius, PROXY.radius()), step);
      case EBAN -> new TrainingMethod.Eban(or(multiplierRate, times(EBAN.rate(), scale)),
          or(multiplierCap, EBAN.cap()), or(multiplierStart, EBAN.initial()), step);
      case NAIVE_STOP -> new TrainingMethod.NaiveStop();
      case NAIVE_REWEIGHT -> new TrainingMethod.NaiveReweight();
    };
  }

  /** {@code rate · scale} in decimal, so that 0.1 · 6 is recorded as 0.6, not 0.6000000000000001. */
  private static double times(double rate, int scale) {
    return new java.math.BigDecimal(Double.toString(rate)).multiply(java.math.BigDecimal.valueOf(scale))
        .doubleValue();
  }

  private static double or(Double given, double fallback) {
    return given == null ? fallback : given;
  }

  private void summary(PrintWriter out, TrainingData data, StratifiedSplit split,
      TrainingResult result, String modelSha256) {
    TrainingConfig config = result.config();
    String name = config.objective().syntax();
    double value = result.bestValidation().value();
    out.printf(Locale.ROOT, "%s on %d features, %s, loss %s, seed %d, %d thread%s%n",
        describe(config.hidden()), data.file().matrix().features(), sets(data, split),
        config.method().describe(), seed, config.threads(), config.threads() == 1 ? "" : "s");
    out.printf(Locale.ROOT, "best epoch %d of %d: validation %s = %s (AP %.4f)%s%n",
        result.bestEpoch(), result.history().size(), name,
        Double.isNaN(value) ? "infeasible (no threshold reaches the target)"
            : String.format(Locale.ROOT, "%.4f", value),
        result.bestValidation().averagePrecision(), multipliers(result.best(), ", "));
    out.println("stopped by " + result.stop().describe());
    capReached(result).ifPresent(out::println);
    out.println("model written to " + output + " (sha256 " + modelSha256 + ")");
  }

  /**
   * The sets and where they come from: {@code 500 rows (300 train, 100 validation, 100 calibration)},
   * or with files of their own {@code 500 rows of data.csv (375 train, 125 calibration), 200
   * validation rows from v.csv}.
   */
  static String sets(TrainingData data, StratifiedSplit split) {
    if (data.validation().isEmpty() && data.calibration().isEmpty()) {
      return String.format(Locale.ROOT, "%d rows (%d train, %d validation, %d calibration)",
          data.file().matrix().rows(), split.train().rows(), split.validation().rows(),
          split.calibration().rows());
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d rows of %s (%d train",
        data.file().matrix().rows(), data.file().source(), split.train().rows()));
    if (data.validation().isEmpty()) {
      sb.append(String.format(Locale.ROOT, ", %d validation", split.validation().rows()));
    }
    if (data.calibration().isEmpty()) {
      sb.append(String.format(Locale.ROOT, ", %d calibration", split.calibration().rows()));
    }
    sb.append(')');
    data.validation().ifPresent(v -> sb.append(String.format(Locale.ROOT,
        ", %d validation rows from %s", v.matrix().rows(), v.source())));
    data.calibration().ifPresent(c -> sb.append(String.format(Locale.ROOT,
        ", %d calibration rows from %s", c.matrix().rows(), c.source())));
    return sb.toString();
  }

  /** A note when a capped multiplier sat at its cap: the constraint may be training-infeasible. */
  private static Optional<String> capReached(TrainingResult result) {
    double cap = result.config().method() instanceof TrainingMethod.DualWeighted d ? d.cap()
        : result.config().method() instanceof TrainingMethod.Eban e ? e.cap() : Double.NaN;
    for (EpochReport r : result.history()) {
      for (Multiplier m : r.multipliers()) {
        if (m.value() == cap) {
          return Optional.of("note: " + m.name() + " reached its cap " + Numbers.brief(cap)
              + " in epoch " + r.epoch() + ": the constraint may be out of reach in training "
              + "(docs/training.md#methods)");
        }
      }
    }
    return Optional.empty();
  }

  private void deployment(PrintWriter out, Objective target, DeployedThreshold deployed) {
    if (deployed == null) {
      out.println("deployed threshold: none chosen: a guarantee needs a precision or recall target "
          + "below 1 and the objective is " + target.syntax()
          + " ('setpoint choose' chooses on scores)");
    } else if (deployed instanceof DeployedThreshold.Certified c) {
      Guarantee g = c.guarantee();
      out.printf(Locale.ROOT, "deployed threshold: score >= %s, certified P(%s >= %s) >= %s "
          + "by %s on %s calibration rows: flags %s (%s positives), precision %s, "
          + "recall %s; one-sided %s lower bound on %s %s%n",
          Numbers.threshold(c.threshold()), g.metric(), Numbers.brief(g.target()),
          Numbers.brief(1 - g.delta()), describe(g),
          Numbers.count(c.calibration().positives() + c.calibration().negatives()),
          Numbers.count(c.confusion().flagged()), Numbers.count(c.confusion().truePositives()),
          Numbers.rate(c.confusion().precision()), Numbers.rate(c.confusion().recall()),
          Numbers.level(1 - g.delta()), g.metric(), Numbers.rate(c.lowerBound()));
    } else {
      out.println("deployed threshold: not certified: "
          + ((DeployedThreshold.NotCertified) deployed).reason());
    }
  }

  /** How a guarantee certifies, in words: "Learn-then-Test", "the order statistic of the positives". */
  static String describe(Guarantee g) {
    return g instanceof GuaranteedRecall ? "the order statistic of the positives" : "Learn-then-Test";
  }

  /** Each multiplier as {@code <separator>lambda 1.234}. */
  private static String multipliers(EpochReport r, String separator) {
    StringBuilder sb = new StringBuilder();
    for (Multiplier m : r.multipliers()) {
      sb.append(String.format(Locale.ROOT, "%s%s %.4g", separator, m.name(), m.value()));
    }
    return sb.toString();
  }

  private static String value(EpochReport r) {
    double v = r.validation().value();
    return Double.isNaN(v) ? "infeasible" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** The figures beside the progress bar. */
  static String figures(EpochReport r, String objective) {
    return String.format(Locale.ROOT, "loss %.5f%s %s %s", r.trainingLoss(), multipliers(r, " "),
        objective, value(r));
  }

  /** One line per epoch, when there is no bar. */
  static String progressLine(EpochReport r, int budget, String objective) {
    return String.format(Locale.ROOT, "epoch %d/%d  loss %.5f%s  validation %s %s  AP %.4f%s",
        r.epoch(), budget, r.trainingLoss(), multipliers(r, "  "), objective, value(r),
        r.validation().averagePrecision(), r.best() ? "  best" : "");
  }
}

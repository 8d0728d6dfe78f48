package dev.setpoint.cli.train;

import dev.setpoint.cli.ProgressDisplay;
import dev.setpoint.cli.policy.PolicyFiles;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.Sha256;
import dev.setpoint.policy.ToolVersion;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.data.TrainingData;
import dev.setpoint.train.deploy.DeployedThreshold;
import dev.setpoint.train.fit.EpochReport;
import dev.setpoint.train.fit.Trainer;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingResult;
import dev.setpoint.train.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code setpoint train FILE}: fit logistic regression or a perceptron toward a setpoint with a chosen
 * method, pick the epoch by the exact objective, certify a threshold on the calibration split, write the model and,
 * with {@code --policy}, a policy.
 */
@Command(
    name = "train",
    resourceBundle = "dev.setpoint.cli.train.TrainOptions",
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

  @Spec private CommandSpec spec;

  @Mixin private TrainOptions options;

  @Override
  public Integer call() throws IOException, DataFormatException {
    TrainRequest request = options.request();
    TrainReport report = run(request);
    PrintWriter out = spec.commandLine().getOut();
    report.print(out);
    out.flush();
    Optional<Path> policy = options.policy();
    if (policy.isPresent()) {
      writePolicy(report, request.files().file(), policy.get());
    }
    return 0;
  }

  /** Reads, trains (with the progress display), writes the model and certifies its threshold. */
  private TrainReport run(TrainRequest request) throws IOException, DataFormatException {
    TrainingData read = request.files().read(request.shares());
    StratifiedSplit split = read.split(request.seed());
    TrainingConfig config = request.configFor().apply(split.train().rows());
    PrintWriter err = spec.commandLine().getErr();
    TrainingResult result;
    try (ProgressDisplay display = ProgressDisplay.epochsOnStderr(request.files().displayName(),
        options.progress())) {
      boolean lines = !options.quiet() && !display.enabled();
      String syntax = request.target().syntax();
      Consumer<EpochReport> onEpoch = r -> {
        if (lines) {
          err.println(TrainReport.progressLine(r, config.maxEpochs(), syntax));
          err.flush();
        }
        display.epoch(r.epoch(), config.maxEpochs(), TrainReport.figures(r, syntax));
      };
      result = new Trainer(config).train(split, onEpoch);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TrainedModel model = result.model(read, now);
    String json = model.toJson();
    Files.writeString(options.output(), json, StandardCharsets.UTF_8);
    Optional<DeployedThreshold> deployed = request.guarantee().map(g ->
        DeployedThreshold.choose(model, split.validation(), split.calibration(), g));
    return new TrainReport(read, split, result, model, options.output(), Sha256.hex(json),
        deployed);
  }

  /** Writes the certified threshold as a policy; a data error when none was certified. */
  private void writePolicy(TrainReport report, Path file, Path policy) throws IOException,
      DataFormatException {
    DeployedThreshold deployed = report.deployed().orElseThrow();
    Path output = options.output();
    if (deployed instanceof DeployedThreshold.NotCertified nc) {
      throw DataFormatException.ofSource(file.toString(), "cannot write a policy: "
          + nc.reason() + " (the model was written to " + output + ")");
    }
    Path modelName = output.getFileName();
    String fileName = modelName == null ? "model" : modelName.toString();
    TrainedPolicy trained = new TrainedPolicy(report.model(), fileName.replaceFirst("\\.[^.]*$", ""),
        report.modelSha256(), report.result(), (DeployedThreshold.Certified) deployed,
        options.policyName(), options.action(),
        System.getProperty("user.name", "unknown"), report.model().provenance().trainedAt(),
        ToolVersion.of("setpoint").recorded());
    PolicyFiles.write(trained.policy(), policy, spec.commandLine().getErr());
  }
}

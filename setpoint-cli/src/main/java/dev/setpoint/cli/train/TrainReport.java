package dev.setpoint.cli.train;

import dev.setpoint.cli.report.Numbers;
import dev.setpoint.select.Objective;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.data.TrainingData;
import dev.setpoint.train.deploy.DeployedThreshold;
import dev.setpoint.train.fit.EpochReport;
import dev.setpoint.train.fit.EpochReport.Multiplier;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.fit.TrainingResult;
import dev.setpoint.train.model.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code setpoint train} did, and its rendering for people ({@link #print}); the epoch lines and
 * the figures beside the progress bar ({@link #progressLine}, {@link #figures}) are rendered here too.
 *
 * @param data the rows read
 * @param split the training, validation and calibration sets
 * @param result the training run
 * @param model the model written
 * @param modelFile where it was written
 * @param modelSha256 the SHA-256 of the model file's bytes
 * @param deployed the deployed threshold; empty when the objective sets no target a guarantee can
 *     certify
 */
record TrainReport(TrainingData data, StratifiedSplit split, TrainingResult result,
    TrainedModel model, Path modelFile, String modelSha256, Optional<DeployedThreshold> deployed) {

  /** The summary: the run, the best epoch, why it stopped, the model file and the threshold. */
  void print(PrintWriter out) {
    TrainingConfig config = result.config();
    String name = config.objective().syntax();
    double value = result.bestValidation().value();
    out.printf(Locale.ROOT, "%s on %d features, %s, loss %s, seed %d, %d thread%s%n",
        describe(config.hidden()), data.file().matrix().features(), sets(data, split),
        config.method().describe(), config.seed(), config.threads(),
        config.threads() == 1 ? "" : "s");
    out.printf(Locale.ROOT, "best epoch %d of %d: validation %s = %s (AP %.4f)%s%n",
        result.bestEpoch(), result.history().size(), name,
        Double.isNaN(value) ? "infeasible (no threshold reaches the target)"
            : String.format(Locale.ROOT, "%.4f", value),
        result.bestValidation().averagePrecision(), multipliers(result.best(), ", "));
    out.println("stopped by " + result.stop().describe());
    capReached(result).ifPresent(out::println);
    out.println("model written to " + modelFile + " (sha256 " + modelSha256 + ")");
    deployment(out, config.objective());
  }

  private void deployment(PrintWriter out, Objective target) {
    if (deployed.isEmpty()) {
      out.println("deployed threshold: none chosen: a guarantee needs a precision or recall target "
          + "below 1 and the objective is " + target.syntax()
          + " ('setpoint choose' chooses on scores)");
    } else if (deployed.get() instanceof DeployedThreshold.Certified c) {
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
          + ((DeployedThreshold.NotCertified) deployed.get()).reason());
    }
  }

  /** The model in words: {@code logistic regression} or {@code MLP 32,16 (ReLU)}. */
  static String describe(List<Integer> hidden) {
    if (hidden.isEmpty()) {
      return "logistic regression";
    }
    return "MLP " + hidden.stream().map(String::valueOf).collect(Collectors.joining(",")) + " (ReLU)";
  }

  /** How a guarantee certifies, in words: "Learn-then-Test", "the order statistic of the positives". */
  static String describe(Guarantee g) {
    return g instanceof GuaranteedRecall ? "the order statistic of the positives" : "Learn-then-Test";
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

package dev.setpoint.train.fit;

import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.Standardization;
import dev.setpoint.train.data.TrainingData;
import dev.setpoint.train.fit.EpochReport.ValidationScore;
import dev.setpoint.train.model.Model;
import dev.setpoint.train.model.TrainedModel;
import dev.setpoint.train.model.TrainingProvenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of training: the best epoch's parameters, the whole history and why it ended.
 *
 * @param config what was trained
 * @param standardization fitted on the training rows
 * @param parameters the best epoch's parameters: logistic regression or a perceptron
 * @param bestEpoch 1-based
 * @param history one report per epoch run
 * @param stop why training ended
 */
public record TrainingResult(TrainingConfig config, Standardization standardization,
    Model parameters, int bestEpoch, List<EpochReport> history, StopReason stop) {

  /** Validates the parts. */
  public TrainingResult {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(standardization, "standardization");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(stop, "stop");
    history = List.copyOf(history);
    if (bestEpoch < 1 || bestEpoch > history.size()) {
      throw new IllegalArgumentException("best epoch " + bestEpoch + " is not among the "
          + history.size() + " epochs run");
    }
  }

  /** The best epoch's report. */
  public EpochReport best() {
    return history.get(bestEpoch - 1);
  }

  /** The best epoch's validation result. */
  public ValidationScore bestValidation() {
    return best().validation();
  }

  /**
   * The deployable model, with provenance naming the data file and this run: the method with its
   * settings, the multipliers of the kept epoch, why training ended and on how many threads. How the
   * file's rows were split is not recorded: for code that splits the rows itself.
   */
  public TrainedModel model(FeatureTable data, Instant trainedAt) {
    return model(data, Optional.empty(), Optional.empty(), Optional.empty(), trainedAt);
  }

  /**
   * The deployable model, with provenance naming every file the rows came from, how the data file was
   * split, and this run (as {@link #model(FeatureTable, Instant)}).
   */
  public TrainedModel model(TrainingData data, Instant trainedAt) {
    return model(data.file(), Optional.of(data.shares()),
        data.validation().map(TrainingProvenance.DataFile::of),
        data.calibration().map(TrainingProvenance.DataFile::of), trainedAt);
  }

  private TrainedModel model(FeatureTable data, Optional<SplitFractions> split,
      Optional<TrainingProvenance.DataFile> validationData,
      Optional<TrainingProvenance.DataFile> calibrationData, Instant trainedAt) {
    Map<String, Double> multipliers = new LinkedHashMap<>();
    best().multipliers().forEach(m -> multipliers.put(m.name(), m.value()));
    TrainingProvenance provenance = new TrainingProvenance(data.source(), data.sha256(),
        data.matrix().rows(), data.matrix().positives(), config.seed(), config.method().describe(),
        config.objective().syntax(), history.size(), bestEpoch, bestValidation().value(),
        System.getProperty("java.version"), System.getProperty("os.arch"), trainedAt, multipliers,
        stop.describe(), config.threads(), split, validationData, calibrationData);
    return new TrainedModel(data.matrix().featureNames(), standardization, parameters, provenance);
  }

  /** Why training ended: recorded in the result and in the model's provenance. */
  public sealed interface StopReason {

    /** A sentence for people, also written to the model file. */
    String describe();

    /** Every epoch of the budget ran. */
    record EpochBudget(int epochs) implements StopReason {
      @Override
      public String describe() {
        return "epoch budget: all " + epochs + " epochs ran";
      }
    }

    /** {@code patience} epochs in a row brought no better validation result. */
    record Patience(int patience) implements StopReason {
      @Override
      public String describe() {
        return "early stop: " + patience + " epochs without a better validation result";
      }
    }

    /**
     * The time budget was exceeded; the epoch under way when it was finished first.
     *
     * @param maxSeconds the budget
     * @param elapsedSeconds the time taken when training stopped
     */
    record TimeBudget(double maxSeconds, double elapsedSeconds) implements StopReason {
      @Override
      public String describe() {
        return String.format(Locale.ROOT, "time budget: stopped after the epoch that passed %s s "
            + "(%.1f s elapsed)", plain(maxSeconds), elapsedSeconds);
      }
    }

    /**
     * The naive baseline stopped because one batch's metric dipped below the target.
     *
     * @param epoch 1-based
     * @param batch 1-based, within the epoch
     * @param detail what was measured, e.g. {@code batch precision 0.8 < 0.9 at σ(z) > 0.5}
     */
    record BatchDip(int epoch, int batch, String detail) implements StopReason {
      @Override
      public String describe() {
        return "naive stop: epoch " + epoch + ", batch " + batch + ": " + detail;
      }
    }

    private static String plain(double value) {
      return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
  }
}

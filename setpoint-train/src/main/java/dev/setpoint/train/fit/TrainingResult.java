package dev.setpoint.train.fit;

import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.Standardization;
import dev.setpoint.train.model.Model;
import dev.setpoint.train.model.TrainedModel;
import dev.setpoint.train.model.TrainingProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of training: the best epoch's parameters and the whole history.
 *
 * @param config what was trained
 * @param standardization fitted on the training rows
 * @param parameters the best epoch's parameters
 * @param bestEpoch 1-based
 * @param history one report per epoch run
 */
public record TrainingResult(TrainingConfig config, Standardization standardization,
    Model parameters, int bestEpoch, List<EpochReport> history) {

  /** Validates the parts. */
  public TrainingResult {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(standardization, "standardization");
    Objects.requireNonNull(parameters, "parameters");
    history = List.copyOf(history);
    if (bestEpoch < 1 || bestEpoch > history.size()) {
      throw new IllegalArgumentException("best epoch " + bestEpoch + " is not among the "
          + history.size() + " epochs run");
    }
  }

  /** The best epoch's validation result. */
  public ValidationScore bestValidation() {
    return history.get(bestEpoch - 1).validation();
  }

  /** The deployable model, with provenance naming the data file and this run. */
  public TrainedModel model(FeatureTable data, Instant trainedAt) {
    TrainingProvenance provenance = new TrainingProvenance(data.source(), data.sha256(),
        data.matrix().rows(), data.matrix().positives(), config.seed(), config.loss().name(),
        config.objective().syntax(), history.size(), bestEpoch, bestValidation().value(),
        System.getProperty("java.version"), System.getProperty("os.arch"), trainedAt,
        config.threads());
    return new TrainedModel(data.matrix().featureNames(), standardization, parameters, provenance);
  }
}

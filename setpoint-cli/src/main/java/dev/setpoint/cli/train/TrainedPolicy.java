package dev.setpoint.cli.train;

import dev.setpoint.cli.report.Numbers;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.policy.Policy;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.train.deploy.DeployedThreshold;
import dev.setpoint.train.fit.TrainingResult;
import dev.setpoint.train.model.TrainedModel;
import dev.setpoint.train.model.TrainingProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy {@code setpoint train --policy} writes: one segment (every request), a band above the
 * certified threshold and {@code allow} below, in the format {@code setpoint choose -o} writes (built by
 * the same {@link ChosenPolicy}), so {@code setpoint decide} and the decision service read it.
 *
 * <p>Provenance records the training run in the document's existing fields: {@code model} names the
 * model file and its version is the SHA-256 of the file's bytes; {@code data} is the SHA-256 of the file
 * the calibration rows came from (the training file, or {@code --calibration}'s) with the calibration
 * rows, positives, negatives and score range; {@code expected} the
 * calibration counts per band; {@code interval} the Learn-then-Test bound ({@code method:
 * learn-then-test}, {@code confidence} 1 − δ, {@code precisionLower} the one-sided Clopper-Pearson
 * bound); and {@code note} the method, objective, seed, epochs, multipliers, the model and its
 * threads, and why training stopped.
 *
 * @param model the trained model
 * @param modelName the model's name in the policy (the model file's name without extension)
 * @param modelSha256 the SHA-256 of the model file's bytes, lower-case hex
 * @param result the training run
 * @param certified the threshold
 * @param name the policy's name
 * @param action the action of the flagged band
 * @param createdBy who
 * @param createdAt when: the model's {@code trainedAt} too, so the policy is never older than its model
 * @param tool the tool and version
 */
record TrainedPolicy(TrainedModel model, String modelName, String modelSha256, TrainingResult result,
    DeployedThreshold.Certified certified, String name, String action, String createdBy,
    Instant createdAt, String tool) {

  TrainedPolicy {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(certified, "certified");
  }

  /** The objective as recorded: the guarantee, as {@code setpoint choose --guaranteed-precision} says. */
  String objective() {
    Guarantee g = certified.guarantee();
    TrainingProvenance p = model.provenance();
    return "guaranteed " + g.metric() + ">=" + Numbers.brief(g.target()) + " at delta="
        + Numbers.brief(g.delta()) + " (" + TrainReport.describe(g) + " on "
        + set("calibration", p.calibrationData())
        + (g instanceof GuaranteedPrecision ? "; thresholds from "
            + set("validation", p.validationData()) + ")" : ")");
  }

  /** {@code the calibration split}, or {@code the calibration rows of c.csv} when read from a file. */
  private static String set(String name, Optional<TrainingProvenance.DataFile> file) {
    return file.map(f -> "the " + name + " rows of " + f.source()).orElse("the " + name + " split");
  }

  /** The note: the training run in words. */
  String note() {
    TrainingProvenance p = model.provenance();
    StringBuilder note = new StringBuilder("trained by setpoint train on ").append(p.dataSource())
        .append(": ").append(p.loss()).append(", objective ").append(p.objective()).append(", seed ")
        .append(p.seed()).append(", best epoch ").append(p.bestEpoch()).append(" of ")
        .append(p.epochsRun()).append(" (validation ").append(Double.isNaN(p.validationValue())
            ? "infeasible" : Numbers.brief(p.validationValue())).append(')');
    p.multipliers().forEach((k, v) -> note.append(", ").append(k).append(' ').append(Numbers.brief(v)));
    note.append("; ").append(TrainReport.describe(result.config().hidden())).append(" on ")
        .append(p.threads()).append(p.threads() == 1 ? " thread" : " threads");
    p.validationData().ifPresent(v -> note.append("; validation rows from ").append(v.source()));
    note.append("; ").append(p.stoppedBy()).append("; threshold certified on ")
        .append(set("calibration", p.calibrationData())).append(": ")
        .append((long) certified.confusion().flagged()).append(" flagged, ")
        .append((long) certified.confusion().falsePositives()).append(" false positive")
        .append(certified.confusion().falsePositives() == 1 ? "" : "s");
    return note.toString();
  }

  /** The policy. */
  Policy policy() throws DataFormatException {
    ModelRef.ScoreRange scores = new ModelRef.ScoreRange(0, 1);
    ModelRef ref = new ModelRef(modelName, "sha256:" + modelSha256, Optional.of(createdAt),
        Optional.of(scores));
    double confidence = 1 - certified.guarantee().delta();
    ChosenPolicy.Settings settings = new ChosenPolicy.Settings(name, Optional.of(ref),
        Optional.of(scores), action, Optional.empty(), IntervalMethod.CLOPPER_PEARSON, confidence,
        createdBy, createdAt, tool);
    TrainingProvenance p = model.provenance();
    long rows = (long) (certified.calibration().positives() + certified.calibration().negatives());
    // The data the threshold was certified on: the calibration file, or the split of the data file.
    String source = p.calibrationData().map(TrainingProvenance.DataFile::source)
        .orElse(p.dataSource());
    String sha256 = p.calibrationData().map(TrainingProvenance.DataFile::sha256)
        .orElse(p.dataSha256());
    ChosenPolicy chosen = new ChosenPolicy(settings, new ChosenPolicy.Data(source, sha256, rows,
        certified.calibration(), List.of(), Map.of(), Map.of()));
    return chosen.guaranteed(objective(), certified.selection(), certified.guarantee(),
        Optional.of(note()));
  }
}

package dev.setpoint.train.model;

import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a model was trained, recorded in its file.
 *
 * @param dataSource the training file as named on the command line
 * @param dataSha256 SHA-256 of that file's bytes, lower-case hex
 * @param rows rows in the file
 * @param positives positive rows in the file
 * @param seed the seed of the split, the initialisation and the batch order
 * @param loss the training method with its settings ({@code bce}, {@code dual_bce(rate=0.05, …)}, …)
 * @param objective the validation objective in {@code setpoint choose} syntax
 * @param epochsRun epochs actually run (early stopping may end before the budget)
 * @param bestEpoch the epoch whose parameters were kept (1-based)
 * @param validationValue the objective's exact value on the validation set at {@code bestEpoch}; NaN if
 *     no epoch was feasible
 * @param javaVersion {@code java.version}: floating point may differ by platform
 * @param osArch {@code os.arch}
 * @param trainedAt when training finished
 * @param multipliers the method's Lagrange multipliers at {@code bestEpoch}, by name, in order; empty
 *     for a method without any (and in files written before multipliers were recorded)
 * @param stoppedBy why training ended, a sentence ({@code early stop: 20 epochs without a better
 *     validation result}, {@code time budget: …}); {@code not recorded} in older files
 * @param threads the number of threads (shards per batch) it ran on: the weights are reproducible bit for
 *     bit with the same seed and the same thread count; 1 in files written before threads existed
 * @param split how the data file's rows were shared between training, validation and calibration;
 *     empty when not recorded (files written before it was, and models from code that split the rows
 *     itself)
 * @param validationData the validation set's own file, when it was not cut from the data file
 * @param calibrationData the calibration set's own file, when it was not cut from the data file
 */
public record TrainingProvenance(String dataSource, String dataSha256, long rows, long positives,
    long seed, String loss, String objective, int epochsRun, int bestEpoch, double validationValue,
    String javaVersion, String osArch, Instant trainedAt, Map<String, Double> multipliers,
    String stoppedBy, int threads, Optional<SplitFractions> split, Optional<DataFile> validationData,
    Optional<DataFile> calibrationData) {

  /**
   * A file a set of rows was read from.
   *
   * @param source the file as named on the command line
   * @param sha256 SHA-256 of its bytes, lower-case hex
   * @param rows its rows
   * @param positives its positive rows
   */
  public record DataFile(String source, String sha256, long rows, long positives) {

    /** Validates the digest and the counts. */
    public DataFile {
      Objects.requireNonNull(source, "source");
      requireSha256(sha256, "sha256");
      requireCounts(rows, positives);
    }

    /** The file a table was read from. */
    public static DataFile of(FeatureTable table) {
      return new DataFile(table.source(), table.sha256(), table.matrix().rows(),
          table.matrix().positives());
    }
  }

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Validates every field. */
  public TrainingProvenance {
    Objects.requireNonNull(dataSource, "dataSource");
    requireSha256(dataSha256, "dataSha256");
    requireCounts(rows, positives);
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(objective, "objective");
    if (epochsRun < 1 || bestEpoch < 1 || bestEpoch > epochsRun) {
      throw new IllegalArgumentException("bestEpoch must be in [1, epochsRun], were " + bestEpoch
          + " and " + epochsRun);
    }
    Objects.requireNonNull(javaVersion, "javaVersion");
    Objects.requireNonNull(osArch, "osArch");
    Objects.requireNonNull(trainedAt, "trainedAt");
    Objects.requireNonNull(multipliers, "multipliers");
    for (Map.Entry<String, Double> m : multipliers.entrySet()) {
      if (!Double.isFinite(m.getValue())) {
        throw new IllegalArgumentException("multiplier " + m.getKey() + " must be finite, was "
            + m.getValue());
      }
    }
    multipliers = Collections.unmodifiableMap(new LinkedHashMap<>(multipliers));
    Objects.requireNonNull(stoppedBy, "stoppedBy");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(validationData, "validationData");
    Objects.requireNonNull(calibrationData, "calibrationData");
  }

  private static void requireSha256(String value, String name) {
    if (!HEX64.matcher(Objects.requireNonNull(value, name)).matches()) {
      throw new IllegalArgumentException(name + " must be 64 lower-case hex digits, was '" + value
          + "'");
    }
  }

  private static void requireCounts(long rows, long positives) {
    if (rows < 1 || positives < 0 || positives > rows) {
      throw new IllegalArgumentException("rows must be >= 1 and positives in [0, rows], were " + rows
          + " and " + positives);
    }
  }
}

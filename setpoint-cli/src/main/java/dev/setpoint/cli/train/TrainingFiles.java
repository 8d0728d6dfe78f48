package dev.setpoint.cli.train;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files {@code setpoint train} reads and how: FILE, its label and feature columns, and the
 * validation and calibration files when they are given apart.
 *
 * @param file FILE
 * @param label the 0/1 label column
 * @param features the feature columns, in order; empty for every column but the label
 * @param validation --validation
 * @param calibration --calibration
 */
record TrainingFiles(Path file, String label, List<String> features, Optional<Path> validation,
    Optional<Path> calibration) {

  TrainingFiles {
    features = List.copyOf(features);
  }

  /** FILE's name for the progress display; the whole path when it has none ("/"). */
  String displayName() {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /**
   * Reads FILE and the validation and calibration files, with FILE's feature columns. A given file
   * with the same bytes as FILE, or as the other given file, is refused: its rows would not be held
   * out.
   */
  TrainingData read(SplitFractions shares) throws IOException, DataFormatException {
    FeatureTable table = FeatureCsv.read(file, label, features);
    List<String> names = table.matrix().featureNames();
    Optional<FeatureTable> validationRows = validation.isEmpty() ? Optional.empty()
        : Optional.of(FeatureCsv.read(validation.get(), label, names));
    Optional<FeatureTable> calibrationRows = calibration.isEmpty() ? Optional.empty()
        : Optional.of(FeatureCsv.read(calibration.get(), label, names));
    List<FeatureTable> seen = new ArrayList<>(List.of(table));
    for (Optional<FeatureTable> given : List.of(validationRows, calibrationRows)) {
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
    return new TrainingData(table, shares, validationRows, calibrationRows);
  }
}

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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code setpoint train}'s data (a picocli mixin): FILE, its label and feature columns, and where the
 * validation and calibration rows come from (shares of FILE, or files of their own); checks the shares
 * before the read and reads the files.
 */
final class TrainingSetOptions {

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

  /** FILE as given. */
  Path file() {
    return file;
  }

  /** FILE's name for the progress display; the whole path when it has none ("/"). */
  String displayName() {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /** Refuses the label column as a feature. */
  void checkColumns() {
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
  SplitFractions shares(boolean policyWanted) {
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
    if (policyWanted && !calibrationGiven && shares.calibration() == 0) {
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
  TrainingData read(SplitFractions shares) throws IOException, DataFormatException {
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
}

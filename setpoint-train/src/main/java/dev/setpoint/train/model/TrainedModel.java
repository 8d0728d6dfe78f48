package dev.setpoint.train.model;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.Standardization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A deployable model: the feature names it reads, the standardisation fitted on its training rows, its
 * parameters, and how it was trained. Its score is the probability {@code σ(z)} of the positive class.
 * Its file is versioned JSON ({@link #toJson}, {@link #read}; the format is {@code ModelFile}'s).
 *
 * @param featureNames the features in the order the parameters expect
 * @param standardization applied to raw rows before the logit
 * @param parameters the fitted parameters (logistic regression or a multilayer perceptron)
 * @param provenance how it was trained
 */
public record TrainedModel(List<String> featureNames, Standardization standardization,
    Model parameters, TrainingProvenance provenance) {

  private static final int SCORING_CHUNK = 256;

  /** Validates that the parts agree on the number of features. */
  public TrainedModel {
    featureNames = List.copyOf(featureNames);
    Objects.requireNonNull(standardization, "standardization");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(provenance, "provenance");
    if (standardization.features() != featureNames.size()
        || parameters.features() != featureNames.size()) {
      throw new IllegalArgumentException(featureNames.size() + " feature names, "
          + standardization.features() + " standardised features and " + parameters.features()
          + " model inputs must agree");
    }
  }

  /**
   * The logit of each row of raw (unstandardised) features; a strictly increasing function of the score,
   * without the ties that {@code σ} creates when it rounds to 1.0 for logits above about 37.
   *
   * @throws IllegalArgumentException if the matrix's features are not this model's, in this order
   */
  public double[] logits(FeatureMatrix raw) {
    if (!raw.featureNames().equals(featureNames)) {
      throw new IllegalArgumentException("the data's features " + raw.featureNames()
          + " are not the model's " + featureNames);
    }
    int n = raw.rows();
    int d = featureNames.size();
    double[] z = new double[n];
    Network network = parameters.network();
    double[] theta = parameters.parameterVector();
    // The network's own forward pass, a chunk of standardised rows at a time.
    int chunk = Math.max(1, Math.min(n, SCORING_CHUNK));
    Network.Scratch scratch = network.scratch(chunk);
    double[] x = new double[chunk * d];
    double[] row = new double[d];
    int[] rows = new int[chunk];
    Arrays.setAll(rows, k -> k);
    double[] out = new double[chunk];
    for (int start = 0; start < n; start += chunk) {
      int count = Math.min(chunk, n - start);
      for (int k = 0; k < count; k++) {
        standardization.apply(raw.row(start + k), row);
        System.arraycopy(row, 0, x, k * d, d);
      }
      network.forward(theta, x, rows, 0, count, out, scratch);
      System.arraycopy(out, 0, z, start, count);
    }
    return z;
  }

  /**
   * Reads a model file: this version of the format or an older one.
   *
   * @throws DataFormatException naming the file and the JSON pointer of the first bad field
   * @throws IOException if the file cannot be read
   */
  public static TrainedModel read(Path file) throws IOException, DataFormatException {
    return ModelFile.read(file);
  }

  /**
   * The model file's text: versioned JSON, pretty-printed, ending in a newline; {@link #read} gives
   * back an equal model, with bit-identical parameters and scores.
   */
  public String toJson() {
    return ModelFile.toJson(this);
  }

  /** The score {@code σ(z)} of each row of raw features. */
  public double[] scores(FeatureMatrix raw) {
    double[] s = logits(raw);
    for (int i = 0; i < s.length; i++) {
      s[i] = Logistic.sigmoid(s[i]);
    }
    return s;
  }
}

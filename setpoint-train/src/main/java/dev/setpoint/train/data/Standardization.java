package dev.setpoint.train.data;

import java.util.Objects;

/**
 * Per-feature standardisation {@code (x - mean) / scale}, fitted on the training rows only and stored
 * with the model so that scoring applies exactly the same map.
 *
 * <p>A feature's scale is its population standard deviation; a constant feature (standard deviation 0)
 * gets scale 1, so it maps to 0 instead of dividing by zero.
 *
 * @param means one finite mean per feature
 * @param scales one finite, positive scale per feature
 */
public record Standardization(double[] means, double[] scales) {

  /** Validates and copies the arrays. */
  public Standardization {
    Objects.requireNonNull(means, "means");
    Objects.requireNonNull(scales, "scales");
    if (means.length != scales.length) {
      throw new IllegalArgumentException(means.length + " means but " + scales.length + " scales");
    }
    for (int j = 0; j < means.length; j++) {
      if (!Double.isFinite(means[j])) {
        throw new IllegalArgumentException("mean of feature " + j + " must be finite, was " + means[j]);
      }
      if (!(scales[j] > 0 && Double.isFinite(scales[j]))) {
        throw new IllegalArgumentException(
            "scale of feature " + j + " must be finite and > 0, was " + scales[j]);
      }
    }
    means = means.clone();
    scales = scales.clone();
  }

  /** Fits means and scales on the given (training) rows; two passes, for accuracy. */
  public static Standardization fit(FeatureMatrix train) {
    int d = train.features();
    int n = train.rows();
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += train.value(i, j);
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = train.value(i, j) - mean[j];
        scale[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / n);
      scale[j] = sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }
    return new Standardization(mean, scale);
  }

  /** The number of features. */
  public int features() {
    return means.length;
  }

  @Override
  public double[] means() {
    return means.clone();
  }

  @Override
  public double[] scales() {
    return scales.clone();
  }

  /** Standardises one raw row into {@code out} (which may be the same array). */
  public void apply(double[] raw, double[] out) {
    for (int j = 0; j < means.length; j++) {
      out[j] = (raw[j] - means[j]) / scales[j];
    }
  }

  /** A standardised copy of the whole matrix. */
  public FeatureMatrix apply(FeatureMatrix m) {
    if (m.features() != means.length) {
      throw new IllegalArgumentException("the matrix has " + m.features() + " features, the "
          + "standardisation " + means.length);
    }
    double[] v = m.values();
    int d = means.length;
    for (int k = 0; k < v.length; k++) {
      v[k] = (v[k] - means[k % d]) / scales[k % d];
    }
    return m.isLabelled() ? new FeatureMatrix(m.featureNames(), v, m.labels())
        : FeatureMatrix.unlabelled(m.featureNames(), v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardization s && java.util.Arrays.equals(means, s.means)
        && java.util.Arrays.equals(scales, s.scales);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(means) + java.util.Arrays.hashCode(scales);
  }

  @Override
  public String toString() {
    return "Standardization[means=" + java.util.Arrays.toString(means) + ", scales="
        + java.util.Arrays.toString(scales) + "]";
  }
}

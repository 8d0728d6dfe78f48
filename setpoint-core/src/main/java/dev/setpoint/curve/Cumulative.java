package dev.setpoint.curve;

/**
 * Cumulative weight per curve point, stored compactly.
 *
 * <p>Unweighted curves store counts as {@code int} (4 bytes a point instead of 8): with ~10^8 distinct
 * scores the curve is the largest allocation, and this is what keeps 10^8 rows inside a 4 GiB heap.
 * Counts are exact up to {@link Integer#MAX_VALUE}, which no Java array of rows can exceed.
 */
sealed interface Cumulative {

  double get(int point);

  record Counts(int[] values) implements Cumulative {
    @Override
    public double get(int point) {
      return values[point];
    }
  }

  record Weights(double[] values) implements Cumulative {
    @Override
    public double get(int point) {
      return values[point];
    }
  }
}

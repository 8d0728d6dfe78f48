package dev.setpoint.bench;

import java.util.SplittableRandom;

/**
 * The benchmark data: n rows, 1 % positives, scores of a plausible classifier (class-conditional normal
 * logits through a sigmoid, so scores are in (0, 1) and the classes overlap: ROC AUC about 0.98, AP about 0.63).
 * Deterministic for a given seed, so JMH, the memory check and the peer scripts see the same rows.
 *
 * @param scores the scores
 * @param labels true for positives
 */
public record ScoreData(double[] scores, boolean[] labels) {

  /** The default seed of every benchmark. */
  public static final long SEED = 20261123L;

  /** How scores are shaped. */
  public enum Kind {
    /** Full double precision: almost every score distinct. */
    CONTINUOUS,
    /** Rounded to 4 decimals: at most 10,001 distinct scores, heavy ties. */
    ROUNDED4
  }

  /** Generates n rows. */
  public static ScoreData generate(int n, Kind kind, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] scores = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextDouble() < 0.01;
      labels[i] = positive;
      scores[i] = score(random, positive, kind);
    }
    return new ScoreData(scores, labels);
  }

  /** One score for a row of the given class. */
  static double score(SplittableRandom random, boolean positive, Kind kind) {
    double logit = (positive ? 1.0 : -3.0) + 1.4 * gaussian(random);
    double s = 1.0 / (1.0 + Math.exp(-logit));
    return kind == Kind.ROUNDED4 ? Math.round(s * 1e4) / 1e4 : s;
  }

  /** A standard normal deviate (Box-Muller; SplittableRandom has no nextGaussian in Java 17). */
  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

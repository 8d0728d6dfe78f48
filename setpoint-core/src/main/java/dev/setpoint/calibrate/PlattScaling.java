package dev.setpoint.calibrate;

/**
 * Platt scaling: the calibrated probability of a raw score {@code s} is {@code p(s) = 1 / (1 + exp(A·s +
 * B))} ({@code docs/definitions.md#platt-scaling}).
 *
 * <p>{@link #fit} chooses A and B by Platt's method: minimise the weighted cross-entropy against his
 * smoothed targets {@code (P + 1)/(P + 2)} for positives and {@code 1/(N + 2)} for negatives (P, N the
 * positive and negative weight), by the Newton iteration of Lin, Lin and Weng [2] run to float64
 * precision. The result is the optimum of the same objective as scikit-learn's {@code
 * CalibratedClassifierCV(method="sigmoid")}; scikit-learn stops its BFGS at a gradient norm of 1e-5, so
 * its A and B agree with ours to a few 1e-6 relative (its probabilities to 1e-6), while ours agree with a
 * long-double reference optimum to 1e-12 ({@code PlattScalingGoldenTest}).
 *
 * <p>Direction. A fitted on scores where higher means more likely positive is negative, and {@code p}
 * then increases with the score. With {@code A > 0} (the positives score <em>lower</em>) {@code p}
 * decreases: {@link #inverse} still answers, but no rule {@code score >= t} flags the rows with {@code p
 * >= t_prob}, so {@link #toRawThreshold} returns {@code NotEquivalent} unless the rule flags all or none.
 * With {@code A = 0} {@code p} is the constant {@code 1/(1 + e^B)} and has no inverse.
 *
 * @param a the slope A; negative when higher scores mean higher probability
 * @param b the intercept B
 */
public record PlattScaling(double a, double b) implements Calibration {

  /*
   * Implementation notes.
   *
   * The objective, with z_i = A·f_i + B, p_i = 1/(1 + e^{z_i}) and targets t_i, is
   *   F(A, B) = Σ w_i · [−t_i·log p_i − (1 − t_i)·log(1 − p_i)] = Σ w_i · [log(1 + e^{z_i}) − (1 − t_i)·z_i],
   * strictly convex in (A, B) when the scores are not all equal; the smoothed targets lie strictly
   * inside (0, 1), so the optimum is finite even when the classes are separable [1, §2.2].
   * Gradient: ∂F/∂z_i = w_i·(t_i − p_i); Hessian: ∂²F/∂z_i² = w_i·p_i·(1 − p_i).
   *
   * 1. Centring. We fit on f_i = s_i − c with c the weighted mean score, then return B = B' − A·c. The
   *    Hessian of the centred problem has no A–B cross term from the mean, which keeps the 2×2 solve
   *    well conditioned when scores sit far from 0 (margins around 1e3, say); the optimum is the same.
   * 2. Newton with backtracking, as [2] Algorithm 1: start A = 0, B = log((N + 1)/(P + 1)); add
   *    σ = 1e-12 to the Hessian's diagonal; accept the largest step 2^−k (k ≥ 0, step ≥ 1e-10) with
   *    F(new) < F + 1e-4·step·(g·d). F is summed in [2]'s overflow-free form
   *    (z ≥ 0: t·z + log1p(e^−z); z < 0: (t − 1)·z + log1p(e^z)) and p, 1 − p are formed without
   *    cancellation.
   * 3. Stopping to float64 precision. [2] stops at |g| < 1e-5, which leaves A and B some 1e-6 off the
   *    optimum. We stop the damped phase when the Newton decrement λ² = g·H⁻¹·g (≈ 2·(F − F*)) falls
   *    below 1e-13·F, or when the line search fails: F can no longer tell the points apart, since it is
   *    flat to second order at the optimum. Then up to 8 full Newton steps polish (A, B) while λ²
   *    strictly decreases; the gradient, linear in the error, still resolves it. A final decrement
   *    above 1e-8·F (a line search that failed far from the optimum; never seen) is an
   *    IllegalStateException rather than a silently poor fit.
   * 4. Rows of weight 0 were dropped by Rows; all scores equal is rejected there, because A is then not
   *    identified (any A with A·s + B fixed fits equally well).
   *
   * References
   * [1] J. Platt, "Probabilistic outputs for support vector machines and comparisons to regularized
   *     likelihood methods", Advances in Large Margin Classifiers, MIT Press, 2000.
   * [2] H.-T. Lin, C.-J. Lin, R. C. Weng, "A note on Platt's probabilistic outputs for support vector
   *     machines", Machine Learning 68(3):267–276, 2007.
   */

  private static final int MAX_ITERATIONS = 100;
  private static final int MAX_POLISH_STEPS = 8;
  private static final double MIN_STEP = 1e-10;
  private static final double SIGMA = 1e-12;
  private static final double ARMIJO = 1e-4;
  private static final double DECREMENT_TOLERANCE = 1e-13;
  private static final double CONVERGED_DECREMENT = 1e-8;

  /** Validates that A and B are finite. */
  public PlattScaling {
    if (!Double.isFinite(a)) {
      throw new IllegalArgumentException("a must be finite, was " + a);
    }
    if (!Double.isFinite(b)) {
      throw new IllegalArgumentException("b must be finite, was " + b);
    }
  }

  /**
   * Fits Platt scaling to unweighted rows.
   *
   * @param scores finite raw scores, at least two distinct
   * @param labels {@code true} for the positive class; same length; both classes present
   * @throws IllegalArgumentException naming the first non-finite score, on a length mismatch, a missing
   *     class, or when every score is the same
   */
  public static PlattScaling fit(double[] scores, boolean[] labels) {
    return fit(Rows.of("Platt scaling", scores, labels, null));
  }

  /**
   * Fits Platt scaling to weighted rows; a row of weight 0 changes nothing, and an integer weight is the
   * same as repeating the row. P and N in the targets are weight sums, as in scikit-learn.
   *
   * @param weights finite weights {@code >= 0}, one per score
   * @throws IllegalArgumentException as {@link #fit(double[], boolean[])}, or naming the first invalid
   *     weight
   */
  public static PlattScaling fit(double[] scores, boolean[] labels, double[] weights) {
    java.util.Objects.requireNonNull(weights, "weights");
    return fit(Rows.of("Platt scaling", scores, labels, weights));
  }

  private static PlattScaling fit(Rows rows) {
    if (rows.singleScore()) {
      throw new IllegalArgumentException("Platt scaling needs at least two distinct scores, but every "
          + "row of non-zero weight scores " + rows.minScore);
    }
    return new Fit(rows).run();
  }

  /**
   * {@code 1 / (1 + exp(A·score + B))}. Never NaN for a finite score: {@code exp} overflowing to
   * infinity gives 0, underflowing to 0 gives 1.
   *
   * @throws IllegalArgumentException if the score is NaN or infinite
   */
  @Override
  public double apply(double score) {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, was " + score);
    }
    return 1.0 / (1.0 + Math.exp(a * score + b));
  }

  /**
   * The raw score whose calibrated probability is {@code probability}: {@code (log((1 − p)/p) − B) / A}.
   * With {@code A < 0} it increases with {@code p}, so {@code score >= inverse(p)} is, up to rounding,
   * {@code apply(score) >= p}; with {@code A > 0} it decreases and that rule flags {@code apply(score) <=
   * p} instead. {@code p = 0} and {@code p = 1} give the infinite limits. To get a threshold exact on
   * given scores, use {@link #toRawThreshold}.
   *
   * @param probability in [0, 1]
   * @throws IllegalArgumentException if the probability is not in [0, 1]
   * @throws IllegalStateException if A = 0: the model is the constant {@code 1/(1 + e^B)}
   */
  public double inverse(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    if (a == 0) {
      throw new IllegalStateException("Platt scaling with A = 0 is the constant probability "
          + apply(0) + " and has no inverse");
    }
    // log1p(−p) − log(p) = log((1 − p)/p) without forming 1 − p for small p.
    return (Math.log1p(-probability) - Math.log(probability) - b) / a;
  }

  /** One fit's working state: the centred scores and the targets. */
  private static final class Fit {
    private final double[] f;
    private final double[] t;
    private final double[] w;
    private final double centre;
    // The current iterate, on the centred scores.
    private double a;
    private double b;
    // The last Newton system's gradient and direction.
    private double g1;
    private double g2;
    private double da;
    private double db;

    Fit(Rows rows) {
      int n = rows.size();
      double total = rows.positives + rows.negatives;
      double weightedSum = 0;
      for (int i = 0; i < n; i++) {
        weightedSum += rows.weights[i] * rows.scores[i];
      }
      centre = weightedSum / total;
      double hi = (rows.positives + 1) / (rows.positives + 2);
      double lo = 1 / (rows.negatives + 2);
      f = new double[n];
      t = new double[n];
      w = rows.weights;
      for (int i = 0; i < n; i++) {
        f[i] = rows.scores[i] - centre;
        t[i] = rows.labels[i] ? hi : lo;
      }
      a = 0;
      b = Math.log((rows.negatives + 1) / (rows.positives + 1));
    }

    PlattScaling run() {
      double value = objective(a, b);
      int iteration = 0;
      while (true) {
        if (iteration++ == MAX_ITERATIONS) {
          throw notConverged(MAX_ITERATIONS + " Newton iterations");
        }
        double decrement = newtonStep();
        if (!(decrement > DECREMENT_TOLERANCE * value)) {
          break; // F is within ~1e-13 relative of its minimum: only the polish can still gain
        }
        double slope = g1 * da + g2 * db;
        boolean accepted = false;
        for (double step = 1; step >= MIN_STEP && !accepted; step /= 2) {
          double na = a + step * da;
          double nb = b + step * db;
          double nv = objective(na, nb);
          if (nv < value + ARMIJO * step * slope) {
            a = na;
            b = nb;
            value = nv;
            accepted = true;
          }
        }
        if (!accepted) {
          break; // F cannot tell the trial points apart: at its rounding floor
        }
      }
      double decrement = polish();
      // A sanity check, not the precision claim: a line search that failed far from the optimum.
      if (!(decrement <= CONVERGED_DECREMENT * value)) {
        throw notConverged("a failed line search (Newton decrement " + decrement + ")");
      }
      return new PlattScaling(a, b - a * centre);
    }

    private IllegalStateException notConverged(String after) {
      return new IllegalStateException("Platt scaling did not converge after " + after + " (A = " + a
          + ", B = " + (b - a * centre) + ", gradient " + g1 + ", " + g2 + ")");
    }

    /**
     * Full Newton steps while the decrement keeps falling; see note 3. Returns the decrement at the
     * final point.
     */
    private double polish() {
      double decrement = newtonStep();
      for (int k = 0; k < MAX_POLISH_STEPS && decrement > 0; k++) {
        double oldA = a;
        double oldB = b;
        a += da;
        b += db;
        double next = newtonStep();
        if (!(next < decrement)) {
          a = oldA;
          b = oldB;
          return decrement;
        }
        decrement = next;
      }
      return decrement;
    }

    /**
     * Computes the gradient and the Newton direction at (a, b) into the fields; returns the Newton
     * decrement λ² = −g·d = g·H⁻¹·g.
     */
    private double newtonStep() {
      double h11 = SIGMA;
      double h22 = SIGMA;
      double h21 = 0;
      double s1 = 0;
      double s2 = 0;
      for (int i = 0; i < f.length; i++) {
        double fi = f[i];
        double z = a * fi + b;
        double p;
        double q;
        if (z >= 0) {
          double e = Math.exp(-z);
          p = e / (1 + e);
          q = 1 / (1 + e);
        } else {
          double e = Math.exp(z);
          p = 1 / (1 + e);
          q = e / (1 + e);
        }
        double d2 = w[i] * p * q;
        h11 += fi * fi * d2;
        h22 += d2;
        h21 += fi * d2;
        double d1 = w[i] * (t[i] - p);
        s1 += fi * d1;
        s2 += d1;
      }
      g1 = s1;
      g2 = s2;
      double det = h11 * h22 - h21 * h21;
      if (!(det > 0) || det == Double.POSITIVE_INFINITY) {
        // Only reachable with scores so spread (|s| > 1e150) or so close that the 2×2 system is lost.
        throw new IllegalStateException("Platt scaling cannot solve its Newton system at A = " + a
            + ", B = " + (b - a * centre) + " (Hessian determinant " + det + "); rescale the scores");
      }
      da = -(h22 * g1 - h21 * g2) / det;
      db = -(-h21 * g1 + h11 * g2) / det;
      return -(g1 * da + g2 * db);
    }

    private double objective(double a, double b) {
      double sum = 0;
      for (int i = 0; i < f.length; i++) {
        double z = a * f[i] + b;
        double loss = z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z))
            : (t[i] - 1) * z + Math.log1p(Math.exp(z));
        sum += w[i] * loss;
      }
      return sum;
    }
  }
}

package dev.setpoint.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Confidence intervals for a binomial proportion: {@code k} successes out of {@code n} independent
 * trials with the same success probability θ ({@code docs/definitions.md#binomial-intervals}). Precision at
 * a fixed threshold is such a proportion with {@code k = TP}, {@code n = TP + FP}; recall with {@code k =
 * TP}, {@code n = P} ({@link Intervals}).
 *
 * <p>Both methods take the confidence {@code 1 − α} in (0, 1) and compute {@code α = 1 − confidence}
 * once (exact for confidence ≥ 0.5). With {@code n = 0} there is nothing to estimate and the interval is
 * {@link Interval#UNDEFINED} (NaN bounds), as a precision with nothing flagged is undefined.
 *
 * <p><em>Worked example</em> (3 successes in 10 trials, 95 %): Clopper-Pearson [0.0667, 0.6525], Wilson
 * [0.1078, 0.6032]. Clopper-Pearson is wider; it is the one to certify with, Wilson the one to display.
 *
 * <p>Modelled on Apache Commons Statistics' {@code BinomialConfidenceInterval}: the public methods
 * validate and name the offending values, a package-private method computes and trusts its inputs.
 * Golden values from SciPy's {@code binomtest(k, n).proportion_ci} pin both methods
 * ({@code BinomialIntervalGoldenTest}).
 */
public enum IntervalMethod {

  /**
   * The Wilson score interval [1]: the θ whose score test does not reject, with {@code z = Φ⁻¹(1 − α/2)},
   *
   * <pre>
   * centre = (2k + z²) / (2(n + z²)),   half = z·√(z² + 4k(n − k)/n) / (2(n + z²)),
   * [centre − half, centre + half]
   * </pre>
   *
   * <p>Never outside [0, 1], never empty, good average coverage — but coverage is only approximate and
   * dips below {@code 1 − α} for some θ. For display; use {@link #CLOPPER_PEARSON} to certify. The bound
   * is exactly 0 when {@code k = 0} and exactly 1 when {@code k = n}. One-sided: {@code z = Φ⁻¹(1 − α)}.
   */
  WILSON {
    @Override
    Interval compute(long k, long n, double alpha) {
      double z = STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2);
      return new Interval(k == 0 ? 0.0 : wilson(k, n, z, -1), k == n ? 1.0 : wilson(k, n, z, 1));
    }

    @Override
    double computeLower(long k, long n, double confidence) {
      double z = STANDARD_NORMAL.inverseCumulativeProbability(confidence);
      // For z >= 0 the formula's lower bound at k = 0 is 0 up to rounding; make it exact.
      return k == 0 && z >= 0 ? 0.0 : wilson(k, n, z, -1);
    }
  },

  /**
   * The Clopper-Pearson "exact" interval [2]: the θ not rejected by either one-sided binomial test at
   * level α/2, from the Beta quantiles
   *
   * <pre>
   * lower = Beta⁻¹(α/2; k, n − k + 1)    (0 when k = 0)
   * upper = Beta⁻¹(1 − α/2; k + 1, n − k) (1 when k = n)
   * </pre>
   *
   * <p>Coverage is at least {@code 1 − α} for every θ (conservative). One-sided lower bound: {@code
   * Beta⁻¹(α; k, n − k + 1)}; it is {@code >= p} exactly when the binomial p-value of "θ < p" is
   * {@code <= α}, the test {@link GuaranteedPrecision} runs.
   */
  CLOPPER_PEARSON {
    @Override
    Interval compute(long k, long n, double alpha) {
      double lower = k == 0 ? 0.0
          : BetaDistribution.of((double) k, n - k + 1.0).inverseCumulativeProbability(alpha / 2);
      // The upper tail quantile via the survival function: 1 − α/2 would round to 1 for tiny α.
      double upper = k == n ? 1.0
          : BetaDistribution.of(k + 1.0, (double) (n - k)).inverseSurvivalProbability(alpha / 2);
      return new Interval(lower, upper);
    }

    @Override
    double computeLower(long k, long n, double confidence) {
      // Beta⁻¹(α) = inverse survival at 1 − α = confidence: no rounding of 1 − confidence.
      return k == 0 ? 0.0 : BetaDistribution.of((double) k, n - k + 1.0).inverseSurvivalProbability(confidence);
    }
  };

  /*
   * References.
   * [1] E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22
   *     (1927) 209–212.
   * [2] C. J. Clopper, E. S. Pearson, "The use of confidence or fiducial limits illustrated in the case
   *     of the binomial", Biometrika 26 (1934) 404–413.
   * [3] L. D. Brown, T. T. Cai, A. DasGupta, "Interval estimation for a binomial proportion",
   *     Statistical Science 16 (2001) 101–133 — the coverage comparison behind "Wilson to display,
   *     Clopper-Pearson to certify".
   */

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  /**
   * The two-sided interval at the given confidence for {@code successes} out of {@code trials}.
   *
   * @param successes k, {@code 0 <= k <= n}
   * @param trials n, {@code >= 0}; 0 gives {@link Interval#UNDEFINED}
   * @param confidence {@code 1 − α}, in (0, 1)
   * @throws IllegalArgumentException naming the values, e.g. "successes (12) must be &lt;= trials (10)"
   */
  public Interval interval(long successes, long trials, double confidence) {
    validate(successes, trials, confidence);
    return trials == 0 ? Interval.UNDEFINED : compute(successes, trials, 1 - confidence);
  }

  /**
   * The one-sided lower confidence bound: θ ≥ bound with the given confidence. NaN when {@code trials}
   * is 0.
   *
   * @param successes k, {@code 0 <= k <= n}
   * @param trials n, {@code >= 0}
   * @param confidence {@code 1 − α}, in (0, 1)
   * @throws IllegalArgumentException naming the values
   */
  public double lowerBound(long successes, long trials, double confidence) {
    validate(successes, trials, confidence);
    return trials == 0 ? Double.NaN : computeLower(successes, trials, confidence);
  }

  /** The two-sided interval; trusts {@code 0 <= k <= n}, {@code n > 0}, {@code 0 < alpha < 1}. */
  abstract Interval compute(long k, long n, double alpha);

  /** The one-sided lower bound; trusts {@code 0 <= k <= n}, {@code n > 0}, confidence in (0, 1). */
  abstract double computeLower(long k, long n, double confidence);

  static void validate(long successes, long trials, double confidence) {
    if (trials < 0) {
      throw new IllegalArgumentException("trials (" + trials + ") must be >= 0");
    }
    requireCounts("successes", successes, "trials", trials);
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
  }

  /**
   * The binomial counts' rule, with the caller's names for them: {@code 0 <= k <= n}.
   *
   * @throws IllegalArgumentException naming both values: {@code successes (12) must be <= trials (10)}
   */
  static void requireCounts(String kName, long k, String nName, long n) {
    if (k < 0) {
      throw new IllegalArgumentException(kName + " (" + k + ") must be >= 0");
    }
    if (k > n) {
      throw new IllegalArgumentException(kName + " (" + k + ") must be <= " + nName + " (" + n + ")");
    }
  }

  /** Wilson's centre plus {@code sign} half-widths at {@code z}, clamped to [0, 1]. */
  private static double wilson(long k, long n, double z, int sign) {
    double z2 = z * z;
    double denominator = 2 * (n + z2);
    double centre = (2.0 * k + z2) / denominator;
    // k·(n − k)/n in floating point: k·(n − k) can exceed 2^63 for n beyond 3·10^9.
    double half = z * Math.sqrt(z2 + 4.0 * k * ((double) (n - k) / n)) / denominator;
    return Math.min(1.0, Math.max(0.0, centre + sign * half));
  }
}

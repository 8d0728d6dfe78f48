package dev.setpoint.cli.train;

import dev.setpoint.train.fit.TrainingMethod.MultiplierStep;
import dev.setpoint.train.fit.TrainingMethod;
import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** {@code setpoint train --loss}: the training methods, and the method each builds from its options. */
enum Loss {
  /** Binary cross-entropy. */
  BCE,
  /** Cross-entropy with a fixed weight on negatives (--negative-weight). */
  WEIGHTED_BCE,
  /** Dual-weighted BCE: Lagrange weights, λ by dual ascent on the true constraint. */
  DUAL_BCE,
  /** The proxy-Lagrangian (TFCO). */
  PROXY_LAGRANGIAN,
  /** Eban et al.'s surrogate with a capped multiplier. */
  EBAN,
  /** Naive baseline: BCE, stop when a batch's precision dips below the target. */
  NAIVE_STOP,
  /** Naive baseline: BCE re-weighted by a rounded batch recall. */
  NAIVE_REWEIGHT;

  /** Rate, cap, start and smoothing defaults of the multiplier options (docs/training.md#defaults). */
  private static final TrainingMethod.DualWeighted DUAL = TrainingMethod.DualWeighted.defaults();
  private static final TrainingMethod.ProxyLagrangian PROXY = TrainingMethod.ProxyLagrangian.defaults();
  private static final TrainingMethod.Eban EBAN_DEFAULTS = TrainingMethod.Eban.defaults();

  /**
   * The method options as given, each null when not given.
   *
   * @param negativeWeight --negative-weight
   * @param rate --multiplier-rate
   * @param cap --multiplier-cap
   * @param start --multiplier-start
   * @param smoothing --multiplier-smoothing
   * @param step --multiplier-step
   * @param radius --proxy-radius
   */
  record Given(@Nullable Double negativeWeight, @Nullable Double rate, @Nullable Double cap,
      @Nullable Double start, @Nullable Double smoothing, @Nullable MultiplierStep step,
      @Nullable Double radius) {}

  /** The name as given on the command line. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The method with the given options and the defaults for the rest; a per-epoch multiplier step
   * defaults to the per-batch rate times the batches per epoch, so λ moves about as far in an epoch.
   *
   * @throws IllegalArgumentException naming a value out of its range
   */
  TrainingMethod method(Given given, int batchesPerEpoch) {
    MultiplierStep step = given.step() == null ? MultiplierStep.BATCH : given.step();
    int scale = step == MultiplierStep.EPOCH ? batchesPerEpoch : 1;
    return switch (this) {
      case BCE -> TrainingMethod.bce();
      case WEIGHTED_BCE -> TrainingMethod.weightedBce(1, or(given.negativeWeight(), 1));
      case DUAL_BCE -> new TrainingMethod.DualWeighted(
          or(given.rate(), times(DUAL.rate(), scale)), or(given.cap(), DUAL.cap()),
          or(given.start(), DUAL.initial()), or(given.smoothing(), DUAL.smoothing()), step);
      case PROXY_LAGRANGIAN -> new TrainingMethod.ProxyLagrangian(
          or(given.rate(), times(PROXY.rate(), scale)), or(given.radius(), PROXY.radius()), step);
      case EBAN -> new TrainingMethod.Eban(or(given.rate(), times(EBAN_DEFAULTS.rate(), scale)),
          or(given.cap(), EBAN_DEFAULTS.cap()), or(given.start(), EBAN_DEFAULTS.initial()), step);
      case NAIVE_STOP -> new TrainingMethod.NaiveStop();
      case NAIVE_REWEIGHT -> new TrainingMethod.NaiveReweight();
    };
  }

  /** {@code rate · scale} in decimal, so that 0.1 · 6 is recorded as 0.6, not 0.6000000000000001. */
  private static double times(double rate, int scale) {
    return new BigDecimal(Double.toString(rate)).multiply(BigDecimal.valueOf(scale)).doubleValue();
  }

  private static double or(@Nullable Double given, double fallback) {
    return given == null ? fallback : given;
  }
}

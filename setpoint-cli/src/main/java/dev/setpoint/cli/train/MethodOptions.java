package dev.setpoint.cli.train;

import dev.setpoint.cli.input.Objectives;
import dev.setpoint.select.Objective;
import dev.setpoint.train.fit.MultiplierStep;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.loss.BinaryCrossEntropy;
import dev.setpoint.train.loss.ConstrainedObjective;
import dev.setpoint.train.loss.WeightedCrossEntropy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code setpoint train} trains toward and how (a picocli mixin): {@code --objective}, {@code
 * --loss} and the options of the Lagrangian methods, each refused with a method that does not read
 * it; {@link #method} fills in the defaults (docs/training.md#defaults).
 */
final class MethodOptions {

  /** The training method. */
  enum Method {
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

    /** The name as given on the command line. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Rate, cap, start and smoothing defaults of the multiplier options (docs/training.md#defaults). */
  private static final TrainingMethod.DualWeighted DUAL = TrainingMethod.DualWeighted.defaults();
  private static final TrainingMethod.ProxyLagrangian PROXY = TrainingMethod.ProxyLagrangian.defaults();
  private static final TrainingMethod.Eban EBAN = TrainingMethod.Eban.defaults();

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Option(names = "--objective", paramLabel = "OBJECTIVE", defaultValue = "recall@precision>=0.95",
      description = "The setpoint: recall@precision>=P or precision@recall>=R, in 'setpoint choose' "
          + "syntax (default: ${DEFAULT-VALUE}).")
  private String objective;

  @Option(names = "--loss", paramLabel = "METHOD", defaultValue = "bce",
      description = "bce, weighted_bce, dual_bce, proxy_lagrangian, eban, naive_stop or "
          + "naive_reweight (default: ${DEFAULT-VALUE}).")
  private Method loss;

  @Option(names = "--negative-weight", paramLabel = "W",
      description = "weighted_bce: the weight of negatives; positives weigh 1 (default: 1).")
  private Double negativeWeight;

  @Option(names = "--multiplier-rate", paramLabel = "RATE",
      description = "dual_bce, proxy_lagrangian, eban: the multiplier's step size per step (defaults: "
          + "0.1, 2, 0.05; with --multiplier-step epoch, times the batches per epoch).")
  private Double multiplierRate;

  @Option(names = "--multiplier-cap", paramLabel = "CAP",
      description = "dual_bce, eban: the largest lambda (default: 100).")
  private Double multiplierCap;

  @Option(names = "--multiplier-start", paramLabel = "LAMBDA",
      description = "dual_bce, eban: lambda at the start (default: 1).")
  private Double multiplierStart;

  @Option(names = "--multiplier-smoothing", paramLabel = "BETA",
      description = "dual_bce: moving average of the batch violations, in [0, 1) (default: 0.9).")
  private Double multiplierSmoothing;

  @Option(names = "--multiplier-step", paramLabel = "WHEN",
      description = "dual_bce, proxy_lagrangian, eban: move the multiplier after every batch or once "
          + "per epoch on the whole training set: batch or epoch (default: batch).")
  private MultiplierStep multiplierStep;

  @Option(names = "--proxy-radius", paramLabel = "R",
      description = "proxy_lagrangian: TFCO's minimum multiplier radius, in (0, 1) (default: 0.001).")
  private Double proxyRadius;

  /** The objective as given, for messages. */
  String objectiveText() {
    return objective;
  }

  /** The setpoint, parsed: one of the two constrained objectives training accepts. */
  Objective objective() {
    Objective parsed = Objectives.parse(spec.commandLine(), List.of(objective)).get(0);
    try {
      ConstrainedObjective.of(parsed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--objective: " + e.getMessage());
    }
    return parsed;
  }

  /** Refuses an option the chosen method does not read, naming both. */
  void check() {
    require("--negative-weight", negativeWeight, EnumSet.of(Method.WEIGHTED_BCE));
    EnumSet<Method> lagrangian = EnumSet.of(Method.DUAL_BCE, Method.PROXY_LAGRANGIAN, Method.EBAN);
    require("--multiplier-rate", multiplierRate, lagrangian);
    require("--multiplier-step", multiplierStep, lagrangian);
    require("--multiplier-cap", multiplierCap, EnumSet.of(Method.DUAL_BCE, Method.EBAN));
    require("--multiplier-start", multiplierStart, EnumSet.of(Method.DUAL_BCE, Method.EBAN));
    require("--multiplier-smoothing", multiplierSmoothing, EnumSet.of(Method.DUAL_BCE));
    require("--proxy-radius", proxyRadius, EnumSet.of(Method.PROXY_LAGRANGIAN));
  }

  private void require(String option, Object value, EnumSet<Method> methods) {
    if (value != null && !methods.contains(loss)) {
      List<String> names = new ArrayList<>();
      methods.forEach(m -> names.add(m.label()));
      throw new ParameterException(spec.commandLine(), option + " does not apply to --loss "
          + loss.label() + "; it applies to " + String.join(", ", names));
    }
  }

  /**
   * The method with the given options and the defaults for the rest; a per-epoch multiplier step
   * defaults to the per-batch rate times the batches per epoch, so λ moves about as far in an epoch.
   *
   * @throws IllegalArgumentException naming a value out of its range
   */
  TrainingMethod method(int batchesPerEpoch) {
    MultiplierStep step = multiplierStep == null ? MultiplierStep.BATCH : multiplierStep;
    int scale = step == MultiplierStep.EPOCH ? batchesPerEpoch : 1;
    return switch (loss) {
      case BCE -> new TrainingMethod.Fixed(new BinaryCrossEntropy());
      case WEIGHTED_BCE -> new TrainingMethod.Fixed(new WeightedCrossEntropy(1,
          negativeWeight == null ? 1 : negativeWeight));
      case DUAL_BCE -> new TrainingMethod.DualWeighted(
          or(multiplierRate, times(DUAL.rate(), scale)), or(multiplierCap, DUAL.cap()),
          or(multiplierStart, DUAL.initial()), or(multiplierSmoothing, DUAL.smoothing()), step);
      case PROXY_LAGRANGIAN -> new TrainingMethod.ProxyLagrangian(
          or(multiplierRate, times(PROXY.rate(), scale)), or(proxyRadius, PROXY.radius()), step);
      case EBAN -> new TrainingMethod.Eban(or(multiplierRate, times(EBAN.rate(), scale)),
          or(multiplierCap, EBAN.cap()), or(multiplierStart, EBAN.initial()), step);
      case NAIVE_STOP -> new TrainingMethod.NaiveStop();
      case NAIVE_REWEIGHT -> new TrainingMethod.NaiveReweight();
    };
  }

  /** {@code rate · scale} in decimal, so that 0.1 · 6 is recorded as 0.6, not 0.6000000000000001. */
  private static double times(double rate, int scale) {
    return new BigDecimal(Double.toString(rate)).multiply(BigDecimal.valueOf(scale)).doubleValue();
  }

  private static double or(Double given, double fallback) {
    return given == null ? fallback : given;
  }
}

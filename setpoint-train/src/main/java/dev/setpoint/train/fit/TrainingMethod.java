package dev.setpoint.train.fit;

import java.util.Locale;
import java.util.Objects;

/**
 * How the trainer turns a batch of logits into {@code ∂loss/∂z} and what it learns between batches: a
 * fixed loss, one of three Lagrangian methods whose multiplier λ moves during training, or one of the
 * two naive baselines. The maths and the update rules are in {@code docs/training.md#methods} and
 * {@code constrained_training.md} §1–3; every method trains toward the configuration's objective
 * ({@code recall@precision>=α} or {@code precision@recall>=r}, see {@link
 * dev.setpoint.train.fit.ConstrainedObjective}).
 *
 * <p>Methods are immutable settings; the trainer starts a fresh run of one for every training, so a
 * method value can be reused and two trainings with the same seed are bit-identical.
 */
public sealed interface TrainingMethod permits FixedLoss, TrainingMethod.DualWeighted,
    TrainingMethod.ProxyLagrangian, TrainingMethod.Eban, TrainingMethod.NaiveStop,
    TrainingMethod.NaiveReweight {

  /** The method and its settings, as recorded in the model's provenance. */
  String describe();

  /** A fixed loss, {@code bce}: binary cross-entropy ({@link BinaryCrossEntropy}); no multiplier. */
  static TrainingMethod bce() {
    return new FixedLoss(new BinaryCrossEntropy());
  }

  /**
   * A fixed loss, {@code weighted_bce}: cross-entropy with a weight per class ({@link
   * WeightedCrossEntropy}); no multiplier.
   *
   * @param positiveWeight w⁺, finite and ≥ 0
   * @param negativeWeight w⁻, finite and ≥ 0; not both 0
   */
  static TrainingMethod weightedBce(double positiveWeight, double negativeWeight) {
    return new FixedLoss(new WeightedCrossEntropy(positiveWeight, negativeWeight));
  }

  /**
   * Dual-weighted BCE ({@code constrained_training.md} §3): the Lagrangian weights {@code w⁺ = a⁺ + λc⁺},
   * {@code w⁻ = a⁻ + λc⁻} on cross-entropy, with λ moved by projected dual ascent on the <em>true</em>
   * constraint measured with hard counts at logit 0: {@code e ← β·e + (1−β)·v}, {@code λ ← min(cap,
   * max(0, λ + rate·e))}, v the hard violation of the batch (or, with {@link MultiplierStep#EPOCH}, of
   * the training set, unsmoothed).
   *
   * @param rate the dual step size, finite and &gt; 0
   * @param cap the largest λ, finite and ≥ {@code initial}
   * @param initial λ at the start, finite and ≥ 0
   * @param smoothing β of the moving average of batch violations, in [0, 1); 0 uses each batch alone
   * @param step after each batch or once per epoch
   */
  record DualWeighted(double rate, double cap, double initial, double smoothing, MultiplierStep step)
      implements TrainingMethod {

    /** Validates the settings, naming the bad value. */
    public DualWeighted {
      requireMultiplierSettings(rate, cap, initial);
      if (!(smoothing >= 0 && smoothing < 1)) {
        throw new IllegalArgumentException("multiplier smoothing must be in [0, 1), was " + smoothing);
      }
      Objects.requireNonNull(step, "step");
    }

    /** Rate 0.1, cap 100, λ₀ = 1, β = 0.9, a step per batch ({@code docs/training.md#defaults}). */
    public static DualWeighted defaults() {
      return new DualWeighted(0.1, 100, 1, 0.9, MultiplierStep.BATCH);
    }

    @Override
    public String describe() {
      return "dual_bce(rate=" + num(rate) + ", cap=" + num(cap) + ", start=" + num(initial)
          + ", smoothing=" + num(smoothing) + ", step=" + step.name().toLowerCase(Locale.ROOT) + ")";
    }
  }

  /**
   * The proxy-Lagrangian ({@code constrained_training.md} §2, TFCO): the model minimises {@code
   * p₀·objectivẽ + p₁·g̃} ({@link dev.setpoint.train.fit.ProxyLagrangianLoss}), while the λ-player
   * updates a column-stochastic 2×2 matrix M multiplicatively with the <em>true</em> constraint g (hard
   * counts at logit 0), {@code (p₀, p₁)} being M's stationary distribution; λ = p₁/p₀. No cap is
   * needed: M's entries stay at least radius/2, which bounds λ by about {@code 2/radius}.
   *
   * @param rate the multiplicative step size, finite and &gt; 0
   * @param radius TFCO's {@code minimum_multiplier_radius}, in (0, 1)
   * @param step after each batch or once per epoch
   */
  record ProxyLagrangian(double rate, double radius, MultiplierStep step) implements TrainingMethod {

    /** Validates the settings, naming the bad value. */
    public ProxyLagrangian {
      if (!(rate > 0 && Double.isFinite(rate))) {
        throw new IllegalArgumentException("multiplier rate must be finite and > 0, was " + rate);
      }
      if (!(radius > 0 && radius < 1)) {
        throw new IllegalArgumentException("proxy radius must be in (0, 1), was " + radius);
      }
      Objects.requireNonNull(step, "step");
    }

    /** Rate 2, radius 1e-3 (TFCO's default), a step per batch ({@code docs/training.md#defaults}). */
    public static ProxyLagrangian defaults() {
      return new ProxyLagrangian(2, 1e-3, MultiplierStep.BATCH);
    }

    @Override
    public String describe() {
      return "proxy_lagrangian(rate=" + num(rate) + ", radius=" + num(radius) + ", step="
          + step.name().toLowerCase(Locale.ROOT) + ")";
    }
  }

  /**
   * Eban et al.'s surrogate ({@link dev.setpoint.train.fit.EbanSurrogate}) as a training mode: λ moves
   * by projected ascent on the loss's own {@code ∂loss/∂λ}, the <em>surrogate</em> constraint, {@code λ
   * ← min(cap, max(0, λ + rate·∂loss/∂λ))}; the prior π is the training set's prevalence.
   *
   * @param rate the dual step size, finite and &gt; 0
   * @param cap the largest λ, finite and ≥ {@code initial}
   * @param initial λ at the start (global objectives: 1), finite and ≥ 0
   * @param step after each batch or once per epoch
   */
  record Eban(double rate, double cap, double initial, MultiplierStep step) implements TrainingMethod {

    /** Validates the settings, naming the bad value. */
    public Eban {
      requireMultiplierSettings(rate, cap, initial);
      Objects.requireNonNull(step, "step");
    }

    /** Rate 0.05, cap 100, λ₀ = 1, a step per batch ({@code docs/training.md#defaults}). */
    public static Eban defaults() {
      return new Eban(0.05, 100, 1, MultiplierStep.BATCH);
    }

    @Override
    public String describe() {
      return "eban(rate=" + num(rate) + ", cap=" + num(cap) + ", start=" + num(initial) + ", step="
          + step.name().toLowerCase(Locale.ROOT) + ")";
    }
  }

  /**
   * Naive baseline (a): BCE, and training stops after the first batch whose constrained metric
   * (precision for {@code recall@precision>=α}, recall for {@code precision@recall>=r}), counted as
   * Keras counts it ({@code σ(z) > 0.5}, strictly), is defined and below the target. A batch that
   * flags nothing (or holds no positive, for recall) is skipped: Keras would report 0 and stop at the
   * first batch from the zero start, which would make the baseline a straw man.
   */
  record NaiveStop() implements TrainingMethod {
    @Override
    public String describe() {
      return "naive_stop(bce; stop when a batch's metric at sigmoid(z) > 0.5 is below the target)";
    }
  }

  /** Naive baseline (b): {@link dev.setpoint.train.fit.RoundedRecallReweighting}. */
  record NaiveReweight() implements TrainingMethod {
    @Override
    public String describe() {
      return "naive_reweight(bce x (2 - rounded batch recall))";
    }
  }

  private static void requireMultiplierSettings(double rate, double cap, double initial) {
    if (!(rate > 0 && Double.isFinite(rate))) {
      throw new IllegalArgumentException("multiplier rate must be finite and > 0, was " + rate);
    }
    if (!(initial >= 0 && Double.isFinite(initial))) {
      throw new IllegalArgumentException("multiplier start must be finite and >= 0, was " + initial);
    }
    if (!(cap >= initial && Double.isFinite(cap))) {
      throw new IllegalArgumentException("multiplier cap must be finite and >= the start (" + initial
          + "), was " + cap);
    }
  }

  private static String num(double value) {
    return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  /** When a Lagrangian method updates its multiplier. */
  enum MultiplierStep {
    /**
     * After every batch, from that batch's logits (those the model step used): cheap and reactive, but a
     * batch holds few positives, so the measured constraint is noisy (dual-weighted BCE smooths it).
     */
    BATCH,
    /**
     * Once per epoch, from the logits of the whole training set after the epoch's last model step: exact
     * hard counts, one forward pass over the training rows per epoch.
     */
    EPOCH
  }
}

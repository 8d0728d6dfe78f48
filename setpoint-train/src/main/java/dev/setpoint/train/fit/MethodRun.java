package dev.setpoint.train.fit;

import dev.setpoint.train.fit.EpochReport.Multiplier;
import dev.setpoint.train.fit.TrainingMethod.MultiplierStep;
import dev.setpoint.train.model.Logistic;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One training run of a {@link TrainingMethod}: the seam between the trainer and the methods. The
 * model-facing side is "logits in, {@code ∂loss/∂z} out" ({@link #batch}), so any model's forward and
 * backward pass serves every method; the multiplier logic lives here, not in the trainer.
 *
 * <p>Order of a batch: the model's forward pass gives the logits; {@link #batch} writes the gradient
 * with the <em>current</em> multiplier and then, for a per-batch method, updates the multiplier from the
 * same logits (the values the gradient was taken at); the trainer then steps the model. At the end of an
 * epoch, if {@link #needsTrainingLogits}, the trainer passes the logits of the whole training set to
 * {@link #epoch}.
 *
 * <p>A run is mutable and used by one thread.
 */
interface MethodRun {

  /** The batch-mean loss; writes {@code ∂loss/∂z_i} into {@code gradient} and may move the multiplier. */
  double batch(double[] logits, boolean[] labels, int count, double[] gradient);

  /** Whether {@link #epoch} wants the training set's logits after each epoch. */
  default boolean needsTrainingLogits() {
    return false;
  }

  /** The epoch-level step, on the logits of every training row. */
  default void epoch(double[] logits, boolean[] labels) {}

  /** The multipliers now; empty for a method without one. */
  default List<Multiplier> multipliers() {
    return List.of();
  }

  /** Set when the method asks training to stop (the naive baseline); says what it measured. */
  default Optional<String> stopRequest() {
    return Optional.empty();
  }

  /**
   * Starts a run.
   *
   * @param prior the training set's prevalence π, in (0, 1)
   */
  static MethodRun start(TrainingMethod method, ConstrainedObjective objective, double prior) {
    if (method instanceof FixedLoss f) {
      return fixed(f.loss());
    }
    if (method instanceof TrainingMethod.DualWeighted d) {
      return new DualWeightedRun(d, objective);
    }
    if (method instanceof TrainingMethod.ProxyLagrangian p) {
      return new ProxyLagrangianRun(p, objective);
    }
    if (method instanceof TrainingMethod.Eban e) {
      return new EbanRun(e, objective, prior);
    }
    if (method instanceof TrainingMethod.NaiveStop) {
      return new NaiveStopRun(objective);
    }
    if (method instanceof TrainingMethod.NaiveReweight) {
      return fixed(new RoundedRecallReweighting());
    }
    throw new IllegalStateException("no run for " + method);
  }

  private static MethodRun fixed(Loss loss) {
    return loss::evaluate;
  }

  /**
   * {@code λ ← min(cap, max(0, λ + rate·g))}: one projected ascent step, λ always in [0, cap].
   *
   * @param rate the step size
   * @param cap the largest multiplier
   */
  record ProjectedAscent(double rate, double cap) {
    double step(double lambda, double gradient) {
      return Math.min(cap, Math.max(0, lambda + rate * gradient));
    }
  }

  /**
   * A method with one multiplier: the model step at the current multiplier, then a multiplier step
   * from the same logits, after each batch ({@link MultiplierStep#BATCH}) or once per epoch from the
   * whole training set ({@link MultiplierStep#EPOCH}). Subclasses say how to take each.
   */
  abstract class Lagrangian implements MethodRun {
    private final MultiplierStep step;

    Lagrangian(MultiplierStep step) {
      this.step = step;
    }

    /** The batch-mean loss and ∂loss/∂z at the current multiplier. */
    abstract double loss(double[] logits, boolean[] labels, int count, double[] gradient);

    /**
     * Moves the multiplier from these logits.
     *
     * @param wholeSet whether they are the whole training set's (an epoch step) or one batch's
     */
    abstract void move(double[] logits, boolean[] labels, int count, boolean wholeSet);

    /** λ, as reported. */
    abstract double lambda();

    @Override
    public final double batch(double[] logits, boolean[] labels, int count, double[] gradient) {
      double loss = loss(logits, labels, count, gradient);
      if (step == MultiplierStep.BATCH) {
        move(logits, labels, count, false);
      }
      return loss;
    }

    @Override
    public final boolean needsTrainingLogits() {
      return step == MultiplierStep.EPOCH;
    }

    @Override
    public final void epoch(double[] logits, boolean[] labels) {
      if (step == MultiplierStep.EPOCH) {
        move(logits, labels, logits.length, true);
      }
    }

    @Override
    public final List<Multiplier> multipliers() {
      return List.of(new Multiplier("lambda", lambda()));
    }
  }

  /** A {@link Lagrangian} whose λ moves by {@link ProjectedAscent}, so it stays in [0, cap]. */
  abstract class Ascending extends Lagrangian {
    final ConstrainedObjective objective;
    private final ProjectedAscent ascent;
    double lambda;

    Ascending(MultiplierStep step, ConstrainedObjective objective, double rate, double cap,
        double initial) {
      super(step);
      this.objective = objective;
      this.ascent = new ProjectedAscent(rate, cap);
      this.lambda = initial;
    }

    /** One projected ascent step along {@code gradient}. */
    void ascend(double gradient) {
      lambda = ascent.step(lambda, gradient);
    }

    @Override
    final double lambda() {
      return lambda;
    }
  }

  /**
   * §3: weighted BCE at λ, λ by dual ascent on the hard-count violation, smoothed over batches (an
   * epoch step sees the whole training set and is not smoothed).
   */
  final class DualWeightedRun extends Ascending {
    private final double smoothing;
    private double smoothed;

    DualWeightedRun(TrainingMethod.DualWeighted settings, ConstrainedObjective objective) {
      super(settings.step(), objective, settings.rate(), settings.cap(), settings.initial());
      this.smoothing = settings.smoothing();
    }

    @Override
    double loss(double[] logits, boolean[] labels, int count, double[] gradient) {
      return objective.lagrangian(lambda).evaluate(logits, labels, count, gradient);
    }

    @Override
    void move(double[] logits, boolean[] labels, int count, boolean wholeSet) {
      double v = objective.hardViolation(logits, labels, count);
      if (!wholeSet) {
        smoothed = smoothing * smoothed + (1 - smoothing) * v;
        v = smoothed;
      }
      ascend(v);
    }
  }

  /** §1: the Eban surrogate at λ, λ by projected ascent on the surrogate's ∂loss/∂λ. */
  final class EbanRun extends Ascending {
    private final double prior;

    EbanRun(TrainingMethod.Eban settings, ConstrainedObjective objective, double prior) {
      super(settings.step(), objective, settings.rate(), settings.cap(), settings.initial());
      this.prior = prior;
    }

    @Override
    double loss(double[] logits, boolean[] labels, int count, double[] gradient) {
      return new EbanSurrogate(objective, lambda, prior).evaluate(logits, labels, count, gradient);
    }

    @Override
    void move(double[] logits, boolean[] labels, int count, boolean wholeSet) {
      ascend(new EbanSurrogate(objective, lambda, prior).multiplierGradient(logits, labels, count));
    }
  }

  /**
   * §2 with one constraint: the λ-player's swap-regret matrix M (2×2, column-stochastic, kept as
   * logarithms), TFCO's multiplicative update {@code log M += rate·outer([0, g], p)}, each column
   * renormalised and then floored at {@code log(radius/2)} (TFCO's {@code _project_state}); {@code p
   * = (M₀₁, M₁₀)/(M₀₁ + M₁₀)} is M's stationary distribution (TFCO finds it by the power method; for 2×2
   * it has this closed form). Away from the floor, λ = p₁/p₀ rises exactly when the violation is
   * positive; an entry held at the floor leaves a column summing to slightly more than 1, and the next
   * normalisation can then move λ a little against the violation, as in TFCO.
   */
  final class ProxyLagrangianRun extends Lagrangian {
    private final double rate;
    private final ConstrainedObjective objective;
    private final double floor;
    private final double[][] logM = new double[2][2];

    ProxyLagrangianRun(TrainingMethod.ProxyLagrangian settings, ConstrainedObjective objective) {
      super(settings.step());
      this.rate = settings.rate();
      this.objective = objective;
      this.floor = Math.log(settings.radius() / 2);
      for (int j = 0; j < 2; j++) {
        logM[0][j] = Math.log1p(-settings.radius() / 2);
        logM[1][j] = floor;
      }
    }

    /** p₁, the weight of the constraint. */
    double constraintShare() {
      double m01 = Math.exp(logM[0][1]);
      double m10 = Math.exp(logM[1][0]);
      return m10 / (m01 + m10);
    }

    /** Whether an entry of M is held at the floor (then λ may drift against the violation's sign). */
    boolean floored() {
      for (double[] row : logM) {
        for (double entry : row) {
          if (entry <= floor) {
            return true;
          }
        }
      }
      return false;
    }

    void update(double violation) {
      if (violation == 0) {
        return; // M is already projected; renormalising it again would only add rounding
      }
      double p1 = constraintShare();
      double[] p = {1 - p1, p1};
      for (int j = 0; j < 2; j++) {
        logM[1][j] += rate * violation * p[j];
        double a = logM[0][j];
        double b = logM[1][j];
        double max = Math.max(a, b);
        double norm = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
        logM[0][j] = Math.max(a - norm, floor);
        logM[1][j] = Math.max(b - norm, floor);
      }
    }

    @Override
    double loss(double[] logits, boolean[] labels, int count, double[] gradient) {
      return new ProxyLagrangianLoss(objective, constraintShare())
          .evaluate(logits, labels, count, gradient);
    }

    @Override
    void move(double[] logits, boolean[] labels, int count, boolean wholeSet) {
      update(objective.hardViolation(logits, labels, count));
    }

    @Override
    double lambda() {
      double p1 = constraintShare();
      return p1 / (1 - p1);
    }
  }

  /** Naive baseline (a): BCE, and a stop request after the first batch whose metric dips. */
  final class NaiveStopRun implements MethodRun {
    private final ConstrainedObjective objective;
    private final Loss loss = new BinaryCrossEntropy();
    private Optional<String> stop = Optional.empty();

    NaiveStopRun(ConstrainedObjective objective) {
      this.objective = objective;
    }

    @Override
    public double batch(double[] logits, boolean[] labels, int count, double[] gradient) {
      double value = loss.evaluate(logits, labels, count, gradient);
      int flagged = 0;
      int positives = 0;
      int truePositives = 0;
      for (int i = 0; i < count; i++) {
        boolean flag = Logistic.sigmoid(logits[i]) > 0.5; // Keras: y_pred > threshold
        flagged += flag ? 1 : 0;
        positives += labels[i] ? 1 : 0;
        truePositives += flag && labels[i] ? 1 : 0;
      }
      int denominator = switch (objective.constraint().rate()) {
        case PRECISION -> flagged;
        case RECALL -> positives;
      };
      if (denominator > 0 && stop.isEmpty()) {
        double metric = (double) truePositives / denominator;
        if (metric < objective.target()) {
          stop = Optional.of(String.format(Locale.ROOT, "batch %s %d/%d = %.4f < %s at sigmoid(z) > 0.5",
              objective.metric(), truePositives, denominator, metric, objective.target()));
        }
      }
      return value;
    }

    @Override
    public Optional<String> stopRequest() {
      return stop;
    }
  }
}

package dev.setpoint.select;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.OperatingPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * Catch as many positives as a review budget allows: maximise TP subject to a cap on flags. Syntax:
 *
 * <ul>
 *   <li>{@code budget:flags<=500} — at most 500 flagged (weight, in the data's own units);
 *   <li>{@code budget:rate<=0.004} — a flag rate of at most 0.4 %;
 *   <li>{@code budget:flags<=500/day,volume=120000/day} — analysts review 500 a day out of 120,000 scored a
 *       day: a flag rate of at most 500 / 120,000, applied to the data's rate.
 * </ul>
 *
 * <p>Among thresholds with the same TP the highest wins, so no flag is spent on a negative that does not
 * buy a positive. A budget of 0 ({@code flags<=0}, {@code rate<=0}) is met by flagging nothing: threshold
 * +∞, recall 0. Otherwise infeasible when even the highest threshold flags more than the budget (ties at
 * the top score cannot be split); the nearest point is then that top point. The objective value is the
 * recall.
 *
 * @param limit what is capped
 * @param value the cap: a flag count, a rate, or flags per day
 * @param dailyVolume rows scored per day, for {@link Limit#PER_DAY}; NaN otherwise
 */
record FlagBudget(Limit limit, double value, double dailyVolume) implements Objective {

  /** What the budget caps. */
  enum Limit {
    /** The flagged weight. */
    FLAGS,
    /** The flag rate (TP + FP) / (P + N). */
    RATE,
    /** Flags per day given the daily volume: a flag rate of value / dailyVolume. */
    PER_DAY
  }

  /** Validates the cap. */
  FlagBudget {
    Objects.requireNonNull(limit, "limit");
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("budget must be finite and >= 0, was " + value);
    }
    if (limit == Limit.RATE && value > 1) {
      throw new IllegalArgumentException("a flag rate budget must be in [0, 1], was " + value);
    }
    if (limit == Limit.PER_DAY && !(dailyVolume > 0 && dailyVolume < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("daily volume must be finite and > 0, was " + dailyVolume);
    }
    if (limit == Limit.PER_DAY && value > dailyVolume) {
      throw new IllegalArgumentException("a budget of " + value + " flags/day exceeds the volume of "
          + dailyVolume + "/day");
    }
  }

  /** At most {@code flags} flagged. */
  static FlagBudget flags(double flags) {
    return new FlagBudget(Limit.FLAGS, flags, Double.NaN);
  }

  /** A flag rate of at most {@code rate}. */
  static FlagBudget rate(double rate) {
    return new FlagBudget(Limit.RATE, rate, Double.NaN);
  }

  /** At most {@code flagsPerDay} flags a day out of {@code volumePerDay} rows scored a day. */
  static FlagBudget perDay(double flagsPerDay, double volumePerDay) {
    return new FlagBudget(Limit.PER_DAY, flagsPerDay, volumePerDay);
  }

  private boolean within(Confusion c) {
    return switch (limit) {
      case FLAGS -> c.flagged() <= value;
      case RATE -> c.flagRate() <= value;
      case PER_DAY -> c.flagRate() <= value / dailyVolume;
    };
  }

  @Override
  public Measure measure() {
    return Measure.RECALL;
  }

  @Override
  public Selection select(Curve curve) {
    if (curve.size() == 0) {
      return Scan.empty();
    }
    if (value == 0) {
      // A budget of nothing: flagging nothing meets it, as a cost objective may answer.
      Confusion nothing = new Confusion(0, 0, curve.positives(), curve.negatives());
      return new Selection.Feasible(new OperatingPoint(Double.POSITIVE_INFINITY, nothing),
          Double.POSITIVE_INFINITY, nothing.recall());
    }
    Scan.Best best = Scan.max(curve, i -> {
      Confusion c = curve.confusion(i);
      return within(c) ? c.truePositives() : Double.NaN;
    });
    if (!best.found()) {
      Confusion top = curve.confusion(0);
      return new Selection.Infeasible("even the highest threshold, " + curve.threshold(0)
          + ", flags " + Scan.count(top.flagged()) + " (rate " + Scan.rate(top.flagRate())
          + "), over the budget of " + describe() + "; tied scores at the top cannot be split",
          Optional.of(new OperatingPoint(curve.threshold(0), top)));
    }
    return best.feasible(curve, curve.confusion(best.best()).recall());
  }

  /** The cap as flagged weight on data of {@code total} weight. */
  double cap(double total) {
    return switch (limit) {
      case FLAGS -> value;
      case RATE -> value * total;
      case PER_DAY -> value / dailyVolume * total;
    };
  }

  private String describe() {
    return switch (limit) {
      case FLAGS -> Scan.fmt(value) + " flags";
      case RATE -> "a flag rate of " + Scan.fmt(value);
      case PER_DAY -> Scan.fmt(value) + " flags/day at " + Scan.fmt(dailyVolume) + "/day (rate "
          + Scan.fmt(value / dailyVolume) + ")";
    };
  }

  @Override
  public Selection.Feasible at(Curve curve, double threshold) {
    return Scan.at(curve, threshold, c -> c.recall());
  }

  @Override
  public String syntax() {
    return switch (limit) {
      case FLAGS -> "budget:flags<=" + Scan.plain(value);
      case RATE -> "budget:rate<=" + Scan.plain(value);
      case PER_DAY -> "budget:flags<=" + Scan.plain(value) + "/day,volume=" + Scan.plain(dailyVolume)
          + "/day";
    };
  }

  /**
   * No false positive, and as many of the cell's positives as the cap leaves room for: {@code x =
   * min(p, cap − A_p − A_n)}; a box whose cells above already exceed the cap allows nothing.
   */
  @Override
  public double bestInCells(double[] positives, double[] negatives) {
    double pos = Cells.sum(positives);
    double cap = cap(pos + Cells.sum(negatives));
    return Cells.best(positives, negatives, false, (ap, an, p, n) -> {
      if (ap + an > cap) {
        return Double.NaN;
      }
      double x = Math.min(p, cap - ap - an);
      // Without positives the engine's recall is undefined; 0 keeps "feasible" apart from NaN.
      return pos > 0 ? (ap + x) / pos : 0;
    });
  }
}

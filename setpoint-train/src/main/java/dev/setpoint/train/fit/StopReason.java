package dev.setpoint.train.fit;

import java.util.Locale;

/** Why training ended: recorded in the result and in the model's provenance. */
public sealed interface StopReason {

  /** A sentence for people, also written to the model file. */
  String describe();

  /** Every epoch of the budget ran. */
  record EpochBudget(int epochs) implements StopReason {
    @Override
    public String describe() {
      return "epoch budget: all " + epochs + " epochs ran";
    }
  }

  /** {@code patience} epochs in a row brought no better validation result. */
  record Patience(int patience) implements StopReason {
    @Override
    public String describe() {
      return "early stop: " + patience + " epochs without a better validation result";
    }
  }

  /**
   * The time budget was exceeded; the epoch under way when it was finished first.
   *
   * @param maxSeconds the budget
   * @param elapsedSeconds the time taken when training stopped
   */
  record TimeBudget(double maxSeconds, double elapsedSeconds) implements StopReason {
    @Override
    public String describe() {
      return String.format(Locale.ROOT, "time budget: stopped after the epoch that passed %s s "
          + "(%.1f s elapsed)", plain(maxSeconds), elapsedSeconds);
    }
  }

  /**
   * The naive baseline stopped because one batch's metric dipped below the target.
   *
   * @param epoch 1-based
   * @param batch 1-based, within the epoch
   * @param detail what was measured, e.g. {@code batch precision 0.8 < 0.9 at σ(z) > 0.5}
   */
  record BatchDip(int epoch, int batch, String detail) implements StopReason {
    @Override
    public String describe() {
      return "naive stop: epoch " + epoch + ", batch " + batch + ": " + detail;
    }
  }

  private static String plain(double value) {
    return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}

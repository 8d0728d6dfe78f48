package dev.setpoint.bench;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One run of the §6 experiments, as one CSV row ({@link #HEADER}). Empty fields mean "none": no
 * validation threshold reaches the target (no R@P, no naive threshold), nothing certified, no
 * multiplier, no test threshold reaching the target (no oracle).
 *
 * @param negativeWeight weighted_bce's negative weight chosen on validation
 * @param dualFactor eban's dual factor chosen on validation (its multiplier rate is the factor times
 *     the learning rate)
 * @param seconds wall seconds of the training (for weighted_bce, of its whole grid)
 * @param cpuSeconds the JVM's CPU seconds over the same span (all its threads, JIT and GC included),
 *     which other work on the machine changes less than wall seconds
 * @param lambda the kept epoch's λ (proxy_lagrangian: p₁/p₀)
 * @param epochs epochs run
 * @param bestEpoch the kept epoch
 * @param stop why training stopped
 */
record ExperimentRow(String dataset, String model, String method,
    Optional<Double> negativeWeight, Optional<Double> dualFactor, double target, long seed, int trainRows, int testRows,
    RunMetrics metrics, double seconds, double cpuSeconds, OptionalDouble lambda, int epochs, int bestEpoch,
    String stop) {

  /** The CSV header; {@link ExperimentSummary} reads these names. */
  public static final String HEADER = "dataset,model,method,negative_weight,target,seed,train_rows,"
      + "test_rows,val_rap,cal_n,cal_positives,ltt_certified,ltt_threshold,cal_flagged,cal_fp,"
      + "test_recall,test_precision,test_flags,test_cp_lower,oracle_rap,naive_threshold,"
      + "naive_test_recall,naive_test_precision,naive_test_flags,naive_test_cp_lower,seconds,lambda,"
      + "epochs,best_epoch,stop,cpu_seconds,keras_val_rap,dual_factor";

  /** Checks the parts are present. */
  public ExperimentRow {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(negativeWeight, "negativeWeight");
    Objects.requireNonNull(dualFactor, "dualFactor");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(lambda, "lambda");
    Objects.requireNonNull(stop, "stop");
  }

  /** The row, in {@link #HEADER}'s order; the stop reason's commas become semicolons. */
  public String csv() {
    Optional<RunMetrics.Certified> c = metrics.certified();
    Optional<RunMetrics.AtThreshold> ltt = c.map(RunMetrics.Certified::atTest);
    Optional<RunMetrics.AtThreshold> naive = metrics.naive();
    return String.join(",", dataset, model, method, opt(negativeWeight), num(target),
        Long.toString(seed), Integer.toString(trainRows), Integer.toString(testRows),
        opt(metrics.validationRecall()), Integer.toString(metrics.calibrationRows()),
        Integer.toString(metrics.calibrationPositives()), Boolean.toString(c.isPresent()),
        opt(ltt.map(RunMetrics.AtThreshold::threshold)),
        opt(c.map(x -> x.calibration().flagged())), opt(c.map(x -> x.calibration().falsePositives())),
        opt(ltt.map(t -> t.test().recall())), opt(ltt.map(t -> t.test().precision())),
        opt(ltt.map(t -> t.test().flagged())), opt(ltt.map(RunMetrics.AtThreshold::testPrecisionLower)),
        opt(metrics.oracleRecall()), opt(naive.map(RunMetrics.AtThreshold::threshold)),
        opt(naive.map(t -> t.test().recall())), opt(naive.map(t -> t.test().precision())),
        opt(naive.map(t -> t.test().flagged())),
        opt(naive.map(RunMetrics.AtThreshold::testPrecisionLower)),
        String.format(Locale.ROOT, "%.3f", seconds),
        lambda.isPresent() ? num(lambda.getAsDouble()) : "", Integer.toString(epochs),
        Integer.toString(bestEpoch), stop.replace(',', ';'),
        String.format(Locale.ROOT, "%.3f", cpuSeconds), num(metrics.kerasValidationRecall()),
        opt(dualFactor));
  }

  /** A one-line progress summary for stderr. */
  public String summary() {
    return String.format(Locale.ROOT, "%s %s %s p=%s seed %d: val R@P %s, %s, %.1f s, %s", dataset,
        model, method + negativeWeight.map(w -> "(w-=" + num(w) + ")").orElse("")
            + dualFactor.map(f -> "(dual factor " + num(f) + ")").orElse(""), num(target), seed,
        opt(metrics.validationRecall()),
        metrics.certified().map(c -> "t^ " + num(c.atTest().threshold()) + " test recall "
            + num(c.atTest().test().recall()) + " precision " + num(c.atTest().test().precision()))
            .orElse("not certified"), seconds, stop);
  }

  private static String opt(Optional<Double> value) {
    return value.filter(v -> !Double.isNaN(v)).map(ExperimentRow::num).orElse("");
  }

  private static String num(double value) {
    return Double.toString(value);
  }
}

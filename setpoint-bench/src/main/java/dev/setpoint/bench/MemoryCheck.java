package dev.setpoint.bench;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Streams n unweighted generated rows (continuous scores, all distinct in practice, the worst case for
 * the curve's size) into a {@link CurveBuilder}, builds the exact curve, computes AP and ROC AUC, and
 * prints the peak heap in use and the bytes per row. No input array is ever held: rows are generated
 * on the fly, as a reader streams them from a file.
 *
 * <p>Usage: {@code java -Xmx4g -cp benchmarks.jar dev.setpoint.bench.MemoryCheck 100000000}
 */
final class MemoryCheck {

  private MemoryCheck() {}

  public static void main(String[] args) {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
    long start = System.nanoTime();
    CurveBuilder builder = Curve.builder();
    SplittableRandom random = new SplittableRandom(ScoreData.SEED);
    for (long i = 0; i < n; i++) {
      boolean positive = random.nextDouble() < 0.01;
      builder.add(ScoreData.score(random, positive, ScoreData.Kind.CONTINUOUS), positive);
    }
    long read = System.nanoTime();
    Curve curve = builder.build();
    double ap = curve.averagePrecision();
    double auc = curve.rocAuc();
    long done = System.nanoTime();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(Locale.ROOT, "rows=%d points=%d positives=%.0f AP=%.6f AUC=%.6f%n", n,
        curve.size(), curve.positives(), ap, auc);
    System.out.printf(Locale.ROOT, "generate+add %.1f s, build+AP+AUC %.1f s%n",
        (read - start) / 1e9, (done - read) / 1e9);
    System.out.printf(Locale.ROOT, "max heap %.2f GiB, peak heap used %.2f GiB (sum of pool peaks), "
        + "%.1f bytes/row%n", max / 1073741824.0, peak / 1073741824.0, (double) peak / n);
  }
}

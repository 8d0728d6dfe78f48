package dev.setpoint.bench;

import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.stats.Bootstrap;
import dev.setpoint.stats.Bootstrap.BootstrapResult;
import dev.setpoint.stats.Bootstrap.BootstrapResult.Statistic;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * How long does a bootstrap of 1,000 replicates take at n = 10^6 rows? (Issue 4 asks for "seconds".)
 *
 * <p>Data: {@link ScoreData} (1 % positives, seed {@link ScoreData#SEED}), continuous scores (almost every
 * score distinct: the largest curves) or rounded to 4 decimals. The objective is parsed from the compact
 * syntax. Timed: {@code Bootstrap.of} (one sort) and {@code run} (all replicates) separately, after one
 * untimed warm-up run of 100 replicates so the JIT has compiled the replicate loop. A timed main rather
 * than JMH: one run takes seconds and the question is the wall time a user waits, on all cores.
 *
 * <p>Usage: {@code java -Xmx4g -cp setpoint-bench/target/benchmarks.jar
 * dev.setpoint.bench.BootstrapBenchmark [n] [replicates] [threads] [CONTINUOUS|ROUNDED4] [objective]},
 * defaults {@code 1000000 1000 <cores> CONTINUOUS recall@precision>=0.8}.
 */
public final class BootstrapBenchmark {

  private BootstrapBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int replicates = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int threads = args.length > 2 ? Integer.parseInt(args[2])
        : Runtime.getRuntime().availableProcessors();
    ScoreData.Kind kind = args.length > 3 ? ScoreData.Kind.valueOf(args[3]) : ScoreData.Kind.CONTINUOUS;
    Objective objective = ObjectiveParser.parse(args.length > 4 ? args[4] : "recall@precision>=0.8");

    ScoreData data = ScoreData.generate(n, kind, ScoreData.SEED);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      long start = System.nanoTime();
      Bootstrap bootstrap = Bootstrap.of(data.scores(), data.labels());
      long prepared = System.nanoTime();
      bootstrap.run(objective, 100, 1, pool); // warm-up
      long warm = System.nanoTime();
      BootstrapResult result = bootstrap.run(objective, replicates, ScoreData.SEED, pool);
      long done = System.nanoTime();

      System.out.printf(Locale.ROOT, "n=%d (%s, %d points, %.0f positives) replicates=%d threads=%d "
              + "objective=%s%n", n, kind, bootstrap.curve().size(), bootstrap.curve().positives(),
          replicates, threads, objective.syntax());
      System.out.printf(Locale.ROOT, "Bootstrap.of %.2f s, warm-up (100) %.2f s, run %.2f s (%.2f ms "
              + "per replicate per thread)%n", (prepared - start) / 1e9, (warm - prepared) / 1e9,
          (done - warm) / 1e9, (done - warm) / 1e6 / replicates * threads);
      System.out.printf(Locale.ROOT, "estimate %s; infeasible %d%n", result.estimate(),
          result.infeasible());
      for (Statistic s : Statistic.values()) {
        System.out.printf(Locale.ROOT, "  %-20s 95%% %s%n", s, result.interval(s, 0.95));
      }
    } finally {
      pool.shutdown();
    }
  }
}

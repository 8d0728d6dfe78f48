package dev.setpoint.bench;

import dev.setpoint.policy.PolicyDocuments;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Random;

/**
 * Writes the data for timing {@code setpoint decide}: {@code DIR/decide-policy.yaml}, the 50-segment ×
 * 3-band policy of {@link DeciderBenchmark}, and {@code DIR/decide-N.csv} with columns {@code
 * score,label,country,tier,amount} (10% of rows from a country no segment names).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.setpoint.bench.GenerateDecideData DIR N}
 */
final class GenerateDecideData {

  private GenerateDecideData() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: GenerateDecideData DIR N");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    Files.createDirectories(dir);
    PolicyDocuments.write(DeciderBenchmark.policy(new Random(42), new HashMap<>()),
        dir.resolve("decide-policy.yaml"));
    List<String> countries = DeciderBenchmark.countries();
    Random rnd = new Random(7);
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("decide-" + n + ".csv"),
        StandardCharsets.UTF_8)) {
      out.write("score,label,country,tier,amount\n");
      StringBuilder line = new StringBuilder(64);
      for (long i = 0; i < n; i++) {
        boolean positive = rnd.nextInt(50) == 0;
        double score = Math.min(1, Math.max(0, (positive ? 0.7 : 0.3) + 0.2 * rnd.nextGaussian()));
        line.setLength(0);
        line.append(score).append(',').append(positive ? '1' : '0').append(',')
            .append(rnd.nextInt(10) == 0 ? "ZZ" : countries.get(rnd.nextInt(25))).append(',')
            .append(rnd.nextBoolean() ? "premium" : "standard").append(',')
            .append(rnd.nextInt(100_000) / 100.0).append('\n');
        out.append(line);
      }
    }
  }
}

package dev.setpoint.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the benchmark data for the peer scripts, exactly the rows {@link CurveBenchmark} uses:
 * {@code <dir>/n<N>-<kind>.f64} (little-endian doubles, {@code numpy.fromfile(f, '<f8')}) and {@code
 * .u8} (labels 0/1), and with {@code --csv} also {@code n<N>-<kind>.csv} ({@code score,label}, scores in
 * shortest round-trip form) for end-to-end runs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.setpoint.bench.GenerateData DIR N CONTINUOUS|ROUNDED4
 * [--csv]}
 */
final class GenerateData {

  private GenerateData() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: GenerateData DIR N CONTINUOUS|ROUNDED4 [--csv]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    ScoreData.Kind kind = ScoreData.Kind.valueOf(args[2].toUpperCase(Locale.ROOT));
    boolean csv = args.length > 3 && args[3].equals("--csv");
    Files.createDirectories(dir);
    ScoreData data = ScoreData.generate(n, kind, ScoreData.SEED);
    String base = "n" + n + "-" + kind.name().toLowerCase(Locale.ROOT);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(base + ".f64")))) {
      for (double s : data.scores()) {
        if (buffer.remaining() < 8) {
          out.write(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        buffer.putDouble(s);
      }
      out.write(buffer.array(), 0, buffer.position());
    }
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (data.labels()[i] ? 1 : 0);
    }
    Files.write(dir.resolve(base + ".u8"), labels);
    if (csv) {
      try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(base + ".csv"),
          StandardCharsets.UTF_8)) {
        out.write("score,label\n");
        StringBuilder line = new StringBuilder(32);
        for (int i = 0; i < n; i++) {
          line.setLength(0);
          line.append(data.scores()[i]).append(',').append(labels[i]).append('\n');
          out.append(line);
        }
      }
    }
    System.out.println(dir.resolve(base));
  }
}

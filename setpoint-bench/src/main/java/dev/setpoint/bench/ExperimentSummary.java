package dev.setpoint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * Prints the §6 markdown table from {@link TrainingExperiment}'s CSV: one line per data set × model ×
 * method × target, mean ± sd over seeds (sample standard deviation, n − 1; "—" for one value), and the
 * two counting columns "seeds with test precision &lt; target" for the naive threshold (validation R@P,
 * no guarantee) and for the Learn-then-Test threshold.
 *
 * <p>Which seeds each column averages: validation R@P and the naive count over the seeds where a
 * validation threshold reaches the target; test recall, precision and CP bound at t̂ and the LTT count
 * over the certified seeds (the "certified" column says how many); oracle over the seeds where a test
 * threshold reaches the target. A threshold that flags no test row has undefined test precision; it
 * is not counted as a violation.
 *
 * <p>"Keras-200 val R@P" is validation recall at precision ≥ target as Keras' {@code
 * RecallAtPrecision} reports it on its default 200-threshold grid (0 when no grid threshold reaches
 * the target), over every seed, next to the exact value. "seconds" are wall seconds; "CPU s" the JVM's CPU seconds over the same span (runs written before
 * that column existed show "—").
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.setpoint.bench.ExperimentSummary runs.csv}.
 */
public final class ExperimentSummary {

  private ExperimentSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ExperimentSummary runs.csv");
    }
    System.out.print(table(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)));
  }

  /** The markdown table of the CSV's lines (header first). */
  static String table(List<String> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("the runs file is empty (no header)");
    }
    String[] header = lines.get(0).split(",", -1);
    Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] fields = lines.get(i).split(",", -1);
      if (fields.length != header.length) {
        throw new IllegalArgumentException("line " + (i + 1) + " has " + fields.length
            + " fields, the header " + header.length);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int k = 0; k < header.length; k++) {
        row.put(header[k], fields[k]);
      }
      String key = String.join(" | ", row.get("dataset"), row.get("model"), row.get("method"),
          row.get("target"));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    StringBuilder out = new StringBuilder();
    out.append("| data | model | method | target | seeds | val R@P | Keras-200 val R@P | certified "
        + "| test recall @ t̂ "
        + "| test precision @ t̂ | CP lower | oracle R@P | naive: test prec < target "
        + "| LTT: test prec < target | seconds | CPU s | λ |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<Map<String, String>>> e : groups.entrySet()) {
      List<Map<String, String>> rows = e.getValue();
      double target = Double.parseDouble(rows.get(0).get("target"));
      Predicate<Map<String, String>> certified = r -> r.get("ltt_certified").equals("true");
      long certifiedCount = rows.stream().filter(certified).count();
      out.append("| ").append(e.getKey()).append(" | ").append(rows.size()).append(" | ")
          .append(meanSd(values(rows, "val_rap"), rows.size())).append(" | ")
          .append(rows.get(0).containsKey("keras_val_rap")
              ? meanSd(values(rows, "keras_val_rap"), -1) : "—").append(" | ")
          .append(certifiedCount).append('/').append(rows.size()).append(" | ")
          .append(meanSd(values(rows, "test_recall"), -1)).append(" | ")
          .append(meanSd(values(rows, "test_precision"), -1)).append(" | ")
          .append(meanSd(values(rows, "test_cp_lower"), -1)).append(" | ")
          .append(meanSd(values(rows, "oracle_rap"), rows.size())).append(" | ")
          .append(violations(rows, "naive_test_precision", "naive_threshold", target)).append(" | ")
          .append(violations(rows, "test_precision", "ltt_threshold", target)).append(" | ")
          .append(meanSd(values(rows, "seconds"), -1)).append(" | ")
          .append(rows.get(0).containsKey("cpu_seconds")
              ? meanSd(values(rows, "cpu_seconds"), -1) : "—").append(" | ")
          .append(meanSd(values(rows, "lambda"), -1)).append(" |\n");
    }
    return out.toString();
  }

  /** The non-empty values of a column, as numbers. */
  static List<Double> values(List<Map<String, String>> rows, String column) {
    List<Double> values = new ArrayList<>();
    for (Map<String, String> row : rows) {
      String v = row.get(column);
      if (v == null) {
        throw new IllegalArgumentException("the runs file has no column '" + column + "'");
      }
      if (!v.isEmpty()) {
        values.add(Double.parseDouble(v));
      }
    }
    return values;
  }

  /** The mean, or empty for no values. */
  static OptionalDouble mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average();
  }

  /** The sample standard deviation (n − 1), or empty for fewer than two values. */
  static OptionalDouble sd(List<Double> values) {
    if (values.size() < 2) {
      return OptionalDouble.empty();
    }
    double m = mean(values).orElseThrow();
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    return OptionalDouble.of(Math.sqrt(ss / (values.size() - 1)));
  }

  /**
   * {@code mean ± sd}, "—" for no value; when {@code of} is positive and more than the values, the
   * count of values is added ({@code 0.512 ± 0.040 (2/3)}).
   */
  static String meanSd(List<Double> values, int of) {
    if (values.isEmpty()) {
      return "—";
    }
    String s = String.format(Locale.ROOT, "%.3f", mean(values).orElseThrow())
        + (sd(values).isPresent() ? String.format(Locale.ROOT, " ± %.3f", sd(values).getAsDouble())
            : "");
    return of > values.size() ? s + " (" + values.size() + "/" + of + ")" : s;
  }

  /**
   * {@code k/n}: of the n seeds with that threshold, k had defined test precision below the target;
   * "—" when no seed had one.
   */
  static String violations(List<Map<String, String>> rows, String precisionColumn,
      String thresholdColumn, double target) {
    int withThreshold = 0;
    int below = 0;
    for (Map<String, String> row : rows) {
      if (row.get(thresholdColumn).isEmpty()) {
        continue;
      }
      withThreshold++;
      String p = row.get(precisionColumn);
      if (!p.isEmpty() && Double.parseDouble(p) < target) {
        below++;
      }
    }
    return withThreshold == 0 ? "—" : below + "/" + withThreshold;
  }
}

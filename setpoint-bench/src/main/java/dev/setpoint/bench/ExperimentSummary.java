package dev.setpoint.bench;

import dev.setpoint.stats.GuaranteedPrecision;
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
import java.util.Set;
import java.util.TreeSet;
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
 * the target), over every seed, next to the exact value. "seconds" are wall seconds; "CPU s" the
 * JVM's CPU seconds over the same span (runs written before that column existed show "—").
 *
 * <p>After the table, {@link #questions} answers §6's three questions from the same runs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.setpoint.bench.ExperimentSummary runs.csv}.
 */
// Rows are maps from the experiment's own CSV header to values; a missing column is a bug in the
// experiment and fails at once with a NullPointerException, which is what a check here would do too.
@SuppressWarnings("NullAway")
final class ExperimentSummary {

  private ExperimentSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ExperimentSummary runs.csv");
    }
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    System.out.print(table(lines));
    System.out.println();
    System.out.print(questions(lines));
  }

  /** The CSV's runs, header names to values, in file order. */
  static List<Map<String, String>> runs(List<String> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("the runs file is empty (no header)");
    }
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> runs = new ArrayList<>();
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
      runs.add(row);
    }
    return runs;
  }

  /** The runs grouped by the values of the columns, "a | b | c", in order of first appearance. */
  static Map<String, List<Map<String, String>>> groupBy(List<Map<String, String>> runs,
      String... columns) {
    Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
    for (Map<String, String> run : runs) {
      List<String> key = new ArrayList<>();
      for (String column : columns) {
        key.add(run.get(column));
      }
      groups.computeIfAbsent(String.join(" | ", key), k -> new ArrayList<>()).add(run);
    }
    return groups;
  }

  /** The markdown table of the CSV's lines (header first). */
  static String table(List<String> lines) {
    Map<String, List<Map<String, String>>> groups =
        groupBy(runs(lines), "dataset", "model", "method", "target");
    StringBuilder out = new StringBuilder();
    tableHead(out,
        "data", "model", "method", "target", "seeds", "val R@P", "Keras-200 val R@P",
        "certified", "test recall @ t̂", "test precision @ t̂", "CP lower", "oracle R@P",
        "naive: test prec < target", "LTT: test prec < target", "seconds", "CPU s", "λ");
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

  /**
   * The answers to §6's three questions, as markdown: (i) each method against BCE, paired by seed; (ii)
   * how often the naive and the Learn-then-Test thresholds' test precision falls below the target; (iii)
   * what the guarantee costs in test recall against the oracle threshold.
   */
  static String questions(List<String> lines) {
    List<Map<String, String>> runs = runs(lines);
    StringBuilder out = new StringBuilder();
    out.append("## (i) Each method against BCE, paired by seed\n\n")
        .append("Δ = the method's value minus BCE's on the same data set, model, target and seed. "
            + "Test recall at the deployed threshold t̂ counts a seed whose model is not certified as "
            + "recall 0 (nothing is deployed). wins / ties / losses count seeds by Δ test recall; p is "
            + "the two-sided exact sign test on wins against losses (ties dropped). Δ oracle compares "
            + "the models alone, each with the threshold tuned on test (seeds where both reach the "
            + "target).\n\n");
    tableHead(out,
        "data", "model", "target", "method", "seeds", "Δ test recall @ t̂",
        "wins / ties / losses", "sign-test p", "Δ oracle R@P");
    for (Map.Entry<String, List<Map<String, String>>> cell
        : groupBy(runs, "dataset", "model", "target").entrySet()) {
      Map<String, List<Map<String, String>>> byMethod = groupBy(cell.getValue(), "method");
      Map<String, Map<String, String>> bce = new LinkedHashMap<>();
      for (Map<String, String> run : byMethod.getOrDefault("bce", List.of())) {
        bce.put(run.get("seed"), run);
      }
      if (bce.isEmpty()) {
        continue;
      }
      String[] key = cell.getKey().split(" \\| ", -1);
      for (Map.Entry<String, List<Map<String, String>>> method : byMethod.entrySet()) {
        if (method.getKey().equals("bce")) {
          continue;
        }
        List<Double> recallDeltas = new ArrayList<>();
        List<Double> oracleDeltas = new ArrayList<>();
        int wins = 0;
        int ties = 0;
        int losses = 0;
        for (Map<String, String> run : method.getValue()) {
          Map<String, String> base = bce.get(run.get("seed"));
          if (base == null) {
            continue;
          }
          double delta = deployedRecall(run) - deployedRecall(base);
          recallDeltas.add(delta);
          if (delta > 0) {
            wins++;
          } else if (delta < 0) {
            losses++;
          } else {
            ties++;
          }
          if (!run.get("oracle_rap").isEmpty() && !base.get("oracle_rap").isEmpty()) {
            oracleDeltas.add(Double.parseDouble(run.get("oracle_rap"))
                - Double.parseDouble(base.get("oracle_rap")));
          }
        }
        if (recallDeltas.isEmpty()) {
          continue;
        }
        out.append("| ").append(key[0]).append(" | ").append(key[1]).append(" | ").append(key[2])
            .append(" | ").append(method.getKey()).append(" | ").append(recallDeltas.size())
            .append(" | ").append(meanSd(recallDeltas, -1))
            .append(" | ").append(wins).append(" / ").append(ties).append(" / ").append(losses)
            .append(" | ").append(signTest(wins, losses))
            .append(" | ").append(meanSd(oracleDeltas, recallDeltas.size())).append(" |\n");
      }
    }

    out.append("\n## (ii) Test precision below the target: naive threshold against Learn-then-Test\n\n")
        .append("Over every model and method of a data set: runs whose threshold's test precision is "
            + "below the target, of the runs that have that threshold (naive: the validation R@P "
            + "threshold, no guarantee; LTT: t̂ at δ = 0.05, certified runs only; a threshold flagging "
            + "no test row is not a violation). A test precision below the target is not yet evidence "
            + "that the threshold's precision on the population is: \"significantly below\" counts the "
            + "runs whose test counts reject precision ≥ target at one-sided 5 % (the exact binomial "
            + "P(X ≤ TP) for X ~ Binomial(flagged, target) is below 0.05, i.e. the one-sided 95 % "
            + "Clopper-Pearson upper bound is below the target). All runs of a seed share its split, so "
            + "their misses are not independent: \"LTT: seeds with a miss\" counts the seeds with at "
            + "least one certified run below the target, of the seeds with a certified run. CP lower is "
            + "the one-sided 95 % Clopper-Pearson lower bound on precision from the test counts at that "
            + "threshold, averaged over the same runs. \"val − oracle R@P\" is validation R@P minus "
            + "the test set's own R@P over the runs with both: both thresholds are tuned on the rows they "
            + "are measured on, so where validation and test rows are one population it is near 0, and "
            + "a clearly positive value says the test rows are harder than the rows the model was "
            + "tuned and calibrated on, a shift the guarantee does not cover.\n\n");
    tableHead(out,
        "data", "target", "naive: test prec < target", "LTT: test prec < target",
        "naive: significantly below", "LTT: significantly below",
        "LTT: seeds with a miss", "naive: CP lower", "LTT: CP lower", "val − oracle R@P");
    Map<String, List<Map<String, String>>> byData = groupBy(runs, "dataset", "target");
    for (Map.Entry<String, List<Map<String, String>>> e : groupBy(runs, "target").entrySet()) {
      byData.put("all | " + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, List<Map<String, String>>> cell : byData.entrySet()) {
      List<Map<String, String>> rows = cell.getValue();
      double target = Double.parseDouble(rows.get(0).get("target"));
      out.append("| ").append(cell.getKey()).append(" | ")
          .append(violations(rows, "naive_test_precision", "naive_threshold", target)).append(" | ")
          .append(violations(rows, "test_precision", "ltt_threshold", target)).append(" | ")
          .append(significantlyBelow(rows, "naive_test_precision", "naive_test_flags",
              "naive_threshold", target)).append(" | ")
          .append(significantlyBelow(rows, "test_precision", "test_flags", "ltt_threshold", target))
          .append(" | ").append(seedsWithMiss(rows, target)).append(" | ")
          .append(meanSd(values(rows, "naive_test_cp_lower"), -1)).append(" | ")
          .append(meanSd(values(rows, "test_cp_lower"), -1)).append(" | ")
          .append(meanSd(validationMinusOracle(rows), -1)).append(" |\n");
    }

    out.append("\n## (iii) What the guarantee costs: oracle R@P minus test recall at the threshold\n\n")
        .append("Over the runs, all methods, where both values exist: oracle R@P (the threshold tuned on "
            + "test, a reference no one can deploy) minus test recall at t̂ (certified runs), and the "
            + "same for the naive threshold, which can be negative: it buys recall by breaking the "
            + "target.\n\n");
    tableHead(out,
        "data", "model", "target", "LTT runs", "LTT: oracle − recall @ t̂", "naive runs",
        "naive: oracle − recall");
    for (Map.Entry<String, List<Map<String, String>>> cell
        : groupBy(runs, "dataset", "model", "target").entrySet()) {
      List<Double> ltt = gaps(cell.getValue(), "test_recall", "ltt_threshold");
      List<Double> naive = gaps(cell.getValue(), "naive_test_recall", "naive_threshold");
      out.append("| ").append(cell.getKey()).append(" | ").append(ltt.size()).append(" | ")
          .append(meanSd(ltt, -1)).append(" | ").append(naive.size()).append(" | ")
          .append(meanSd(naive, -1)).append(" |\n");
    }
    return out.toString();
  }

  /** Test recall at the deployed threshold: the LTT threshold's, or 0 when the run is not certified. */
  static double deployedRecall(Map<String, String> run) {
    if (!run.get("ltt_certified").equals("true")) {
      return 0;
    }
    String recall = run.get("test_recall");
    if (recall.isEmpty()) {
      throw new IllegalArgumentException("a certified run without test recall: " + run);
    }
    return Double.parseDouble(recall);
  }

  /** Validation R@P minus oracle (test) R@P, over the runs that have both. */
  static List<Double> validationMinusOracle(List<Map<String, String>> runs) {
    List<Double> gaps = new ArrayList<>();
    for (Map<String, String> run : runs) {
      if (!run.get("val_rap").isEmpty() && !run.get("oracle_rap").isEmpty()) {
        gaps.add(Double.parseDouble(run.get("val_rap")) - Double.parseDouble(run.get("oracle_rap")));
      }
    }
    return gaps;
  }

  /** Oracle R@P minus the recall column, over the runs that have the threshold and an oracle value. */
  static List<Double> gaps(List<Map<String, String>> runs, String recallColumn,
      String thresholdColumn) {
    List<Double> gaps = new ArrayList<>();
    for (Map<String, String> run : runs) {
      if (!run.get(thresholdColumn).isEmpty() && !run.get("oracle_rap").isEmpty()
          && !run.get(recallColumn).isEmpty()) {
        gaps.add(Double.parseDouble(run.get("oracle_rap")) - Double.parseDouble(run.get(recallColumn)));
      }
    }
    return gaps;
  }

  /**
   * The two-sided exact sign test's p-value, {@code min(1, 2 P(X >= max(wins, losses)))} for {@code X ~
   * Binomial(wins + losses, 1/2)}, to three decimals; "—" with no win or loss.
   */
  static String signTest(int wins, int losses) {
    int n = wins + losses;
    if (n == 0) {
      return "—";
    }
    double p = Math.min(1, 2 * GuaranteedPrecision.pValue(Math.max(wins, losses), n, 0.5));
    return String.format(Locale.ROOT, "%.3f", p);
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
   * {@code k/n}: of the n runs with that threshold, k had defined test precision below the target;
   * "—" when no run had one.
   */
  static String violations(List<Map<String, String>> rows, String precisionColumn,
      String thresholdColumn, double target) {
    return countWithThreshold(rows, thresholdColumn, row -> {
      String p = row.get(precisionColumn);
      return !p.isEmpty() && Double.parseDouble(p) < target;
    });
  }

  /**
   * {@code k/n}: of the n runs with that threshold, k whose test counts reject "precision ≥ target" at
   * one-sided level 0.05 — {@code P(X <= TP) < 0.05} for {@code X ~ Binomial(flagged, target)}, the
   * exact test whose inversion is the one-sided 95 % Clopper-Pearson upper bound; "—" when no run had
   * one. TP is recovered as {@code round(precision × flagged)} (the runs are unweighted).
   */
  static String significantlyBelow(List<Map<String, String>> rows, String precisionColumn,
      String flaggedColumn, String thresholdColumn, double target) {
    return countWithThreshold(rows, thresholdColumn, row -> {
      String p = row.get(precisionColumn);
      if (p.isEmpty()) {
        return false;
      }
      String flags = row.get(flaggedColumn);
      if (flags.isEmpty()) {
        throw new IllegalArgumentException("a run with " + precisionColumn + " but no "
            + flaggedColumn + ": " + row);
      }
      long flagged = Math.round(Double.parseDouble(flags));
      long truePositives = Math.round(Double.parseDouble(p) * flagged);
      // P(X <= TP) = 1 − P(X >= TP + 1); nothing below the target is rejected when TP = flagged.
      return truePositives < flagged
          && 1 - GuaranteedPrecision.pValue(truePositives + 1, flagged, target) < 0.05;
    });
  }

  /**
   * {@code k/n}: of the n runs with a value in the threshold column, the k that {@code counted}
   * accepts; "—" when no run has one.
   */
  private static String countWithThreshold(List<Map<String, String>> rows, String thresholdColumn,
      Predicate<Map<String, String>> counted) {
    int withThreshold = 0;
    int k = 0;
    for (Map<String, String> row : rows) {
      if (row.get(thresholdColumn).isEmpty()) {
        continue;
      }
      withThreshold++;
      if (counted.test(row)) {
        k++;
      }
    }
    return withThreshold == 0 ? "—" : k + "/" + withThreshold;
  }

  /**
   * {@code k/n}: of the n seeds with at least one certified run, the k where some certified run's test
   * precision is below the target; "—" when no run is certified.
   */
  static String seedsWithMiss(List<Map<String, String>> rows, double target) {
    Set<String> seeds = new TreeSet<>();
    Set<String> missed = new TreeSet<>();
    for (Map<String, String> row : rows) {
      if (row.get("ltt_threshold").isEmpty()) {
        continue;
      }
      seeds.add(row.get("seed"));
      String p = row.get("test_precision");
      if (!p.isEmpty() && Double.parseDouble(p) < target) {
        missed.add(row.get("seed"));
      }
    }
    return seeds.isEmpty() ? "—" : missed.size() + "/" + seeds.size();
  }

  /** A markdown table's header row and its separator row. */
  private static void tableHead(StringBuilder out, String... columns) {
    out.append("| ").append(String.join(" | ", columns)).append(" |\n")
        .append("|---".repeat(columns.length)).append("|\n");
  }
}

package dev.setpoint.spark;

import dev.setpoint.curve.Confusion;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.IntervalMethod;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class dev.setpoint.spark.ChooseJob setpoint-spark-job.jar …}: {@code setpoint
 * choose} on a table or file that Spark reads, with exact curves; prints one line per segment and, with
 * {@code -o}, writes the policy document {@code setpoint choose -o} would (on the driver's file system).
 * Options are listed by {@link #USAGE}; an unknown or malformed option exits with code 2 and the usage.
 */
public final class ChooseJob {

  static final String USAGE = String.join("\n",
      "usage: ChooseJob (--input PATH [--format parquet|csv|json|orc] | --table NAME)",
      "         --objective OBJECTIVE [--score COL] [--label COL] [--weight COL]",
      "         [--segment COL,COL...] [--min-positives N] [--min-flags N] [--partitions N]",
      "         [-o POLICY.yaml|.json [--policy-name NAME] [--model-name NAME [--model-version V]]",
      "          [--action ACTION]]",
      "Decision rule: flagged iff score >= threshold (docs/definitions.md).",
      "Objectives: " + ObjectiveParser.FORMS + ".");

  private static final Set<String> OPTIONS = Set.of("--input", "--format", "--table", "--objective",
      "--score", "--label", "--weight", "--segment", "--min-positives", "--min-flags", "--partitions",
      "-o", "--policy-name", "--model-name", "--model-version", "--action");

  private ChooseJob() {}

  /** Runs on the session spark-submit configured; exits with {@link #run}'s code. */
  public static void main(String[] args) throws IOException {
    SparkSession spark = SparkSession.builder().appName("setpoint choose").getOrCreate();
    int code;
    try {
      code = run(spark, args, System.out, System.err);
    } finally {
      spark.stop();
    }
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses the options, chooses and prints; writes the policy with {@code -o}.
   *
   * @return 0 when done (an infeasible objective is an answer), 2 for a usage error, 3 for a data
   *     error (bad values, or a policy that cannot be written because a choice is infeasible)
   */
  static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err)
      throws IOException {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
        err.println("ChooseJob: " + (OPTIONS.contains(args[i]) ? args[i] + " needs a value"
            : "unknown option '" + args[i] + "'"));
        err.println(USAGE);
        return 2;
      }
      o.put(args[i], args[++i]);
    }
    if (o.containsKey("--input") == o.containsKey("--table") || !o.containsKey("--objective")) {
      err.println("ChooseJob: give exactly one of --input and --table, and --objective");
      err.println(USAGE);
      return 2;
    }
    SegmentedSelection selection;
    ScoredColumns columns;
    SparkCurves engine;
    try {
      selection = new SegmentedSelection(ObjectiveParser.parse(o.get("--objective")),
          Double.parseDouble(o.getOrDefault("--min-positives", "30")),
          Double.parseDouble(o.getOrDefault("--min-flags", "0")));
      columns = ScoredColumns.of(o.getOrDefault("--score", "score"), o.getOrDefault("--label",
          "label"));
      if (o.containsKey("--weight")) {
        columns = columns.withWeight(o.get("--weight"));
      }
      if (o.containsKey("--segment")) {
        columns = columns.withSegments(o.get("--segment").split(","));
      }
      engine = o.containsKey("--partitions")
          ? SparkCurves.withPartitions(Integer.parseInt(o.get("--partitions"))) : SparkCurves.create();
      String output = o.getOrDefault("-o", "policy.yaml").toLowerCase(Locale.ROOT);
      if (!output.matches(".*\\.(ya?ml|json)")) {
        throw new IllegalArgumentException("-o needs a .yaml, .yml or .json file name, was "
            + o.get("-o"));
      }
    } catch (RuntimeException e) {
      err.println("ChooseJob: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    String source = Objects.requireNonNull(o.getOrDefault("--table", o.get("--input")), "source");
    Dataset<Row> df = o.containsKey("--table") ? spark.table(source)
        : spark.read().format(o.getOrDefault("--format", "parquet")).option("header", "true")
            .option("inferSchema", "true").load(source);
    SparkChoice choice;
    try {
      choice = engine.choose(df, columns, selection);
    } catch (IllegalArgumentException e) {
      err.println("ChooseJob: " + source + ": " + e.getMessage());
      return 3;
    }
    print(out, source, choice);
    if (o.containsKey("-o")) {
      Path file = Path.of(o.get("-o"));
      try {
        Policy policy = choice.policy(settings(o, file, choice), source);
        Validation v = PolicyDocuments.validate(policy);
        if (v instanceof Validation.Invalid invalid) {
          throw new IllegalStateException("the chosen policy is invalid: " + invalid.errors());
        }
        PolicyDocuments.write(policy, file);
        err.println("ChooseJob: wrote " + file);
      } catch (DataFormatException e) {
        err.println("ChooseJob: " + e.getMessage());
        return 3;
      }
    }
    return 0;
  }

  private static ChosenPolicy.Settings settings(Map<String, String> o, Path file, SparkChoice choice) {
    String name = o.getOrDefault("--policy-name", file.getFileName().toString()
        .replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_.:/-]", "-"));
    Optional<ModelRef.ScoreRange> range = ChosenPolicy.span(choice.curves().overall())
        .filter(r -> r.min() >= 0 && r.max() <= 1).map(r -> new ModelRef.ScoreRange(0, 1));
    Optional<ModelRef> model = Optional.ofNullable(o.get("--model-name")).map(m -> new ModelRef(m,
        o.getOrDefault("--model-version", "unversioned"), Optional.empty(), range));
    String version = ChooseJob.class.getPackage().getImplementationVersion();
    return new ChosenPolicy.Settings(name, model, range, o.getOrDefault("--action", "review"),
        Optional.empty(), IntervalMethod.CLOPPER_PEARSON, 0.95, System.getProperty("user.name",
            "unknown"), Instant.now().truncatedTo(ChronoUnit.SECONDS),
        "setpoint-spark " + (version == null ? "development build" : version));
  }

  private static void print(PrintStream out, String source, SparkChoice choice) {
    out.printf(Locale.ROOT, "%s: %,d rows, %s positives, %s negatives%n", source,
        choice.curves().rows(), count(choice.curves().overall().positives()),
        count(choice.curves().overall().negatives()));
    out.println("objective " + choice.objective().syntax());
    List<String> lines = new ArrayList<>();
    for (SegmentedSelection.Choice c : choice.choices()) {
      String label = c.segment() == SegmentKey.NONE ? "(default: all rows)" : c.segment().label();
      if (c.effective() instanceof Selection.Feasible f) {
        Confusion m = f.point().confusion();
        lines.add(String.format(Locale.ROOT, "  %-28s threshold %s  precision %.4f  recall %.4f  "
            + "flagged %s", label, f.point().threshold(), m.precision(), m.recall(),
            count(m.flagged())));
      } else {
        lines.add(String.format(Locale.ROOT, "  %-28s infeasible: %s", label,
            ((Selection.Infeasible) c.effective()).reason()));
      }
      c.reason().ifPresent(why -> lines.add("  " + " ".repeat(28) + " fell back: " + why));
    }
    lines.forEach(out::println);
  }

  private static String count(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
        : String.format(Locale.ROOT, "%.4f", v);
  }
}

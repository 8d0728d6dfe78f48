package dev.setpoint.spark;

import dev.setpoint.curve.Confusion;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.policy.options.UsageMessages;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code spark-submit --class dev.setpoint.spark.ChooseJob setpoint-spark-job.jar …}: {@code setpoint
 * choose} on a table or file that Spark reads, with exact curves; prints one line per segment and, with
 * {@code -o}, writes the policy document {@code setpoint choose -o} would (on the driver's file system).
 * The options ({@link ChooseJobOptions}, {@code --help}) are read and refused as {@code setpoint}
 * reads its own: a usage error is one line naming the value, and exits with code 2.
 */
public final class ChooseJob {

  private ChooseJob() {}

  /** Runs on the session spark-submit configured; exits with {@link #run}'s code. */
  public static void main(String[] args) throws IOException {
    SparkSession spark = SparkSession.builder().appName("setpoint choose").getOrCreate();
    int code;
    try {
      code = run(spark, args, System.out, System.err, Clock.systemUTC());
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
   * @param clock when the policy was written, for its provenance
   * @return 0 when done (an infeasible objective is an answer; also for {@code --help} and {@code
   *     --version}), 2 for a usage error, 3 for a data error (bad values, or a policy that cannot be
   *     written because a choice is infeasible)
   */
  static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err, Clock clock)
      throws IOException {
    ChooseJobOptions options = new ChooseJobOptions();
    CommandLine cli = new CommandLine(options);
    ChooseJobOptions.Request request;
    try {
      cli.parseArgs(args);
      if (cli.isUsageHelpRequested()) {
        cli.usage(out);
        return 0;
      }
      if (cli.isVersionHelpRequested()) {
        cli.printVersionHelp(out);
        return 0;
      }
      request = options.request(cli, clock);
    } catch (ParameterException e) {
      err.println("ChooseJob: error: " + UsageMessages.of(e, args));
      err.println("Try 'ChooseJob --help' for the options.");
      return 2;
    }
    String source = request.source();
    Dataset<Row> df = request.fromTable() ? spark.table(source)
        : spark.read().format(request.format()).option("header", "true")
            .option("inferSchema", "true").load(source);
    SparkChoice choice;
    try {
      choice = request.engine().choose(df, request.columns(), request.selection());
    } catch (IllegalArgumentException e) {
      err.println("ChooseJob: " + source + ": " + e.getMessage());
      return 3;
    }
    print(out, source, choice);
    if (request.policy().isPresent()) {
      Path file = request.policy().get().file();
      try {
        Policy policy = choice.policy(request.policy().get().settings()
            .scoresSeen(ChosenPolicy.span(choice.curves().overall())).build(), source);
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

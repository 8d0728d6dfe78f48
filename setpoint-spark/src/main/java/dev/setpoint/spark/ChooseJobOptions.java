package dev.setpoint.spark;

import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.SettingsBuilder;
import dev.setpoint.policy.ToolVersion;
import dev.setpoint.policy.options.ColumnOptions;
import dev.setpoint.policy.options.PolicyOptions;
import dev.setpoint.policy.options.SegmentSupportOptions;
import dev.setpoint.policy.options.UsageMessages;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.select.SegmentedSelection;
import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@link ChooseJob}'s options, read by picocli as the {@code setpoint} command reads its own: the
 * same option names, defaults and checks as {@code setpoint choose} where the two share an option, the
 * options of the policy written with -o declared once for both ({@link PolicyOptions}, which builds
 * its settings with the same {@link ChosenPolicy.Settings#builder}), the columns' options too ({@link
 * ColumnOptions}), and every usage error in one line that names the value, in the same words ({@link
 * UsageMessages}), followed by a pointer to {@code --help}.
 */
@Command(
    name = "ChooseJob",
    mixinStandardHelpOptions = true,
    versionProvider = ChooseJobOptions.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "setpoint choose on a table or files that Spark reads, with exact curves: prints one line per "
          + "segment and, with -o, writes the policy document setpoint choose -o would (on the "
          + "driver's file system).",
      "",
      "Decision rule: a row is flagged iff score >= threshold (docs/definitions.md).",
      ""
    },
    footer = {
      "",
      "Objectives: " + ObjectiveParser.FORMS + ".",
      "",
      "Example:",
      "  spark-submit --class dev.setpoint.spark.ChooseJob setpoint-spark-job.jar \\",
      "      --input scores/ --segment country -O 'recall@precision>=0.95' -o policy.yaml",
      "",
      "Exit codes: 0 ok (also when an objective is infeasible: that is an answer), 2 usage error,",
      "3 data error."
    })
final class ChooseJobOptions {

  @Option(names = "--input", paramLabel = "PATH", description = "Files Spark reads (see --format).")
  private @Nullable String input;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "The format of --input: parquet, csv, json or orc (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(names = "--table", paramLabel = "NAME", description = "A catalog table instead of --input.")
  private @Nullable String table;

  @Option(names = {"-O", "--objective"}, paramLabel = "OBJECTIVE", required = true,
      description = "What to choose for, e.g. recall@precision>=0.95 (see the list below).")
  private String objective;

  @Mixin private ColumnOptions.ScoreAndLabel columnNames;

  @Mixin private ColumnOptions.Weight weight;

  @Mixin private ColumnOptions.Segments segments;

  @Mixin private SegmentSupportOptions support;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the range-partitioned sort (default: Spark's shuffle partitions).")
  private @Nullable Integer partitions;

  @Option(names = {"-o", "--output"}, paramLabel = "POLICY",
      description = "Also write the choice as a policy document (.yaml, .yml or .json).")
  private @Nullable Path output;

  @Mixin private PolicyOptions policy;

  /**
   * What the options ask for, checked.
   *
   * @param source the table's name or the input path
   * @param fromTable whether {@code source} is a catalog table
   * @param format the format of an input path
   * @param selection the objective and the fallback rule
   * @param columns the columns read
   * @param engine the curve engine
   * @param policy the policy written with -o, if one is
   */
  record Request(String source, boolean fromTable, String format, SegmentedSelection selection,
      ScoredColumns columns, SparkCurves engine, Optional<PolicyOutput> policy) {}

  /**
   * The policy written with -o.
   *
   * @param file where
   * @param settings its settings, every option among them checked; the scores seen are added when
   *     the curves are built
   */
  record PolicyOutput(Path file, SettingsBuilder settings) {}

  /**
   * Checks the options together, as {@code setpoint choose} does, before any data is read.
   *
   * @param cli the parsed command line, for the usage errors
   * @param clock when a policy is written, for its provenance
   * @throws ParameterException naming the option and its value when one cannot be used
   */
  Request request(CommandLine cli, Clock clock) {
    if ((input == null) == (table == null)) {
      throw new ParameterException(cli, "give exactly one of --input PATH and --table NAME (got "
          + (input == null ? "neither" : "both") + ")");
    }
    SegmentedSelection selection;
    try {
      selection = new SegmentedSelection(ObjectiveParser.parse(objective),
          support.minPositives(), support.minFlags());
    } catch (ObjectiveSyntaxException e) {
      throw new ParameterException(cli, "--objective '" + objective + "': "
          + e.problemInOneLine());
    }
    if (partitions != null && partitions < 1) {
      throw new ParameterException(cli, "--partitions must be >= 1, was " + partitions);
    }
    ScoredColumns columns;
    try {
      columns = new ScoredColumns(columnNames.score(), columnNames.label(), weight.weight(),
          segments.columns());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage());
    }
    SparkCurves engine = partitions == null ? SparkCurves.create()
        : SparkCurves.withPartitions(partitions);
    String source = table != null ? table : Objects.requireNonNull(input, "--input");
    return new Request(source, table != null, format, selection, columns, engine,
        policy(clock));
  }

  /** The policy written with -o, its settings checked before the (possibly long) job. */
  private Optional<PolicyOutput> policy(Clock clock) {
    if (output == null) {
      policy.refuseWithoutPolicy();
      return Optional.empty();
    }
    policy.checkDocumentName(output);
    policy.checkModel();
    return Optional.of(new PolicyOutput(output, policy.settings(output, clock)
        .tool(ToolVersion.of("setpoint-spark"))));
  }

  /** {@code --version}: this build's, as {@code setpoint --version} prints its own. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {ToolVersion.of("setpoint-spark").versionLine()};
    }
  }
}

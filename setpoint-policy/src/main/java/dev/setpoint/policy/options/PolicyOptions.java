package dev.setpoint.policy.options;

import dev.setpoint.policy.ChosenPolicy;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.SettingsBuilder;
import dev.setpoint.select.ObjectiveParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that describe a chosen policy a command writes with {@code -o} (a picocli mixin): its
 * name, the model and its score range, the flagged band's action and queue, who chose. Declared once
 * for {@code setpoint choose} and the Spark job {@code ChooseJob}, so the two take the same options
 * with the same help and refuse a bad value in the same words; the values themselves are checked by
 * {@link SettingsBuilder}, which gives every writer of a policy the same defaults.
 */
public final class PolicyOptions {

  /** Empty options, which picocli fills from the command line. */
  public PolicyOptions() {}

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Mixin private Name policyName;

  @Option(names = "--model-name", paramLabel = "NAME",
      description = "With -o: the model whose scores these are, recorded in the policy.")
  private String modelName;

  @Option(names = "--model-version", paramLabel = "VERSION",
      description = "With -o: the model's version (needs --model-name).")
  private String modelVersion;

  @Option(names = "--score-range", paramLabel = "MIN,MAX",
      description = "With -o and --model-name: the scores the model can produce; thresholds are "
          + "checked against it (default: 0,1 when every score lies in [0, 1]).")
  private String scoreRange;

  @Mixin private Action flagAction;

  @Option(names = "--queue", paramLabel = "QUEUE",
      description = "With -o: the queue of the review (or flagged) band.")
  private String queue;

  @Option(names = "--created-by", paramLabel = "WHO",
      description = "With -o: who chose the thresholds (default: the user name).")
  private String createdBy;

  /**
   * Refuses these options when no policy is written: they would describe nothing.
   *
   * @throws ParameterException if one that has no default was given
   */
  public void refuseWithoutPolicy() {
    if (policyName.given() || modelName != null || modelVersion != null || scoreRange != null
        || queue != null || createdBy != null) {
      throw new ParameterException(spec.commandLine(), "--policy-name, --model-name, "
          + "--model-version, --score-range, --queue and --created-by describe the policy written "
          + "with -o POLICY.yaml");
    }
  }

  /**
   * Checks that {@code output}, the file -o names, is a policy document by its name: {@code .yaml},
   * {@code .yml} or {@code .json}. A name that is an objective gets the hint that it belongs to
   * --objective.
   *
   * @throws ParameterException naming the file otherwise
   */
  public void checkDocumentName(Path output) {
    if (PolicyDocuments.isDocumentName(output)) {
      return;
    }
    String hint;
    try {
      ObjectiveParser.parse(output.toString());
      hint = "; '" + output + "' is an objective: give it with --objective (or -O)";
    } catch (RuntimeException e) {
      hint = ""; // not an objective either: just a wrong file name
    }
    throw new ParameterException(spec.commandLine(), "-o writes a policy document and needs a "
        + ".yaml, .yml or .json file name, was '" + output + "'" + hint);
  }

  /**
   * Checks that the options go together and can be read, before any data is: a model version belongs
   * to a named model, and --score-range is MIN,MAX.
   *
   * @throws ParameterException if --model-version came without --model-name, or naming a
   *     --score-range that is not MIN,MAX
   */
  public void checkModel() {
    if (modelVersion != null && modelName == null) {
      throw new ParameterException(spec.commandLine(), "--model-version needs --model-name");
    }
    if (scoreRange != null) {
      var unused = parseScoreRange(); // refused now, not after a long read
    }
  }

  /**
   * The settings of the policy written to {@code output}, every option checked; the caller adds what
   * it knows beyond them (the scores seen, the intervals, the tool) before it builds them.
   *
   * @param output the policy file, whose name is the policy's unless --policy-name gives one
   * @param clock for the provenance's time
   * @throws ParameterException naming the option whose value cannot be used
   */
  public SettingsBuilder settings(Path output, Clock clock) {
    SettingsBuilder settings;
    try {
      settings = ChosenPolicy.Settings.builder(policyName.name(output), clock)
          .flagAction(flagAction.action());
      if (modelName != null) {
        settings.model(modelName, Optional.ofNullable(modelVersion));
      }
      if (queue != null) {
        settings.queue(queue);
      }
      if (createdBy != null) {
        settings.createdBy(createdBy);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (scoreRange != null) {
      settings.scoreRange(parseScoreRange());
    }
    return settings;
  }

  private ModelRef.ScoreRange parseScoreRange() {
    String[] parts = scoreRange.split(",", -1);
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected MIN,MAX");
      }
      return new ModelRef.ScoreRange(Double.parseDouble(parts[0].trim()),
          Double.parseDouble(parts[1].trim()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--score-range: '"
          + scoreRange + "' (" + e.getMessage() + "); e.g. 0,1");
    }
  }

  /**
   * {@code --policy-name NAME} (a picocli mixin): the name of the policy a command writes, by default
   * its file's. Declared once for {@code setpoint choose -o}, the Spark job's {@code -o} and {@code
   * setpoint train --policy}; a command whose policy file is not {@code -o} words the help in its
   * resource bundle, under the key {@code policy-name}.
   */
  public static final class Name {

    /** Empty options, which picocli fills from the command line. */
    public Name() {}

    @Option(names = "--policy-name", paramLabel = "NAME",
        description = "With -o: the policy's name (default: the output file's name without "
            + "extension).")
    private @Nullable String name;

    /** Whether --policy-name was given. */
    public boolean given() {
      return name != null;
    }

    /** The name of the policy written to {@code file}: --policy-name, else the file's name. */
    public String name(Path file) {
      return name != null ? name : SettingsBuilder.nameFrom(file);
    }
  }

  /**
   * {@code --action ACTION} (a picocli mixin): the action of the band a written policy flags. Declared
   * once for {@code setpoint choose -o}, the Spark job's {@code -o} and {@code setpoint train
   * --policy}; a command whose policy file is not {@code -o} words the help in its resource bundle,
   * under the key {@code action}.
   */
  public static final class Action {

    /** Empty options, which picocli fills from the command line. */
    public Action() {}

    @Option(names = "--action", paramLabel = "ACTION", defaultValue = "review",
        description = "With -o and one objective: the action of the flagged band (default: "
            + "${DEFAULT-VALUE}; block, review, or a name you then declare in the policy).")
    private String action;

    /** The action, as given. */
    public String action() {
      return action;
    }
  }
}

package dev.setpoint.policy;

import dev.setpoint.stats.IntervalMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link ChosenPolicy.Settings}: the one place where a chosen policy's settings get their
 * defaults, whoever writes the policy ({@code setpoint choose -o}, the Spark job, the explorer's
 * "save as policy"). Each setter checks its value as it is called and refuses a bad one with an
 * {@link IllegalArgumentException} that names it; {@link #build} applies the defaults:
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>unless set</th></tr>
 *   <tr><td>score range</td><td>{@code [0, 1]} when every score seen ({@link #scoresSeen}) lies in
 *       it, else none</td></tr>
 *   <tr><td>model version</td><td>{@code unversioned} (a model is recorded only when named)</td></tr>
 *   <tr><td>flagged band's action</td><td>{@code review}</td></tr>
 *   <tr><td>queue</td><td>none</td></tr>
 *   <tr><td>intervals</td><td>Clopper-Pearson at 0.95</td></tr>
 *   <tr><td>created by</td><td>the {@code user.name} of this JVM ({@code unknown} without one)</td></tr>
 *   <tr><td>created at</td><td>the clock's instant, truncated to seconds</td></tr>
 *   <tr><td>tool</td><td>{@code setpoint} at this build's version ({@link ToolVersion})</td></tr>
 * </table>
 *
 * <p>Time comes only from the {@link Clock} given; a test fixes it. Not thread-safe; one builder
 * builds one policy's settings.
 */
public final class SettingsBuilder {

  /** The version a named model gets when none is given. */
  public static final String UNVERSIONED = "unversioned";

  /** The interval level when none is given. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  private final String name;
  private final Clock clock;
  private Optional<String> modelName = Optional.empty();
  private Optional<String> modelVersion = Optional.empty();
  private Optional<ModelRef.ScoreRange> scoreRange = Optional.empty();
  private Optional<ModelRef.ScoreRange> scoresSeen = Optional.empty();
  private String flagAction = Actions.REVIEW;
  private Optional<String> queue = Optional.empty();
  private IntervalMethod method = IntervalMethod.CLOPPER_PEARSON;
  private double confidence = DEFAULT_CONFIDENCE;
  private Optional<String> createdBy = Optional.empty();
  private ToolVersion tool = ToolVersion.of("setpoint");

  /** Use {@link ChosenPolicy.Settings#builder}. */
  SettingsBuilder(String name, Clock clock) {
    this.name = text("a policy name", name);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The policy name a document file implies: its file name without the extension, each character a
   * policy name cannot hold replaced by '-', prefixed with {@code policy} when it would not start with
   * a letter or digit ({@code card fraud.yaml → card-fraud}, {@code .yaml → policy}).
   */
  public static String nameFrom(Path document) {
    Path file = Objects.requireNonNull(document, "document").getFileName();
    String fileName = file == null ? "" : file.toString();
    int dot = fileName.lastIndexOf('.');
    String name = (dot < 0 ? fileName : fileName.substring(0, dot))
        .replaceAll("[^A-Za-z0-9_.:/-]", "-");
    return name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "policy" + name : name;
  }

  /**
   * The model whose scores these are, at {@code version} ({@value #UNVERSIONED} when empty).
   *
   * @throws IllegalArgumentException if the name or the version is blank
   */
  public SettingsBuilder model(String name, Optional<String> version) {
    String checkedName = text("a model name", name);
    Optional<String> checkedVersion = Objects.requireNonNull(version, "version")
        .map(v -> text("a model version", v));
    this.modelName = Optional.of(checkedName);
    this.modelVersion = checkedVersion;
    return this;
  }

  /** The scores the model can produce, as the user stated them; replaces the default. */
  public SettingsBuilder scoreRange(ModelRef.ScoreRange range) {
    this.scoreRange = Optional.of(Objects.requireNonNull(range, "range"));
    return this;
  }

  /**
   * The lowest and highest score of the data the thresholds were chosen on ({@link
   * ChosenPolicy#span}): when it lies in [0, 1] and no score range is set, the policy's score range
   * is [0, 1].
   */
  public SettingsBuilder scoresSeen(Optional<ModelRef.ScoreRange> span) {
    this.scoresSeen = Objects.requireNonNull(span, "span");
    return this;
  }

  /**
   * The action of the flagged band of a single-threshold policy.
   *
   * @throws IllegalArgumentException if blank
   */
  public SettingsBuilder flagAction(String action) {
    this.flagAction = text("an action", action);
    return this;
  }

  /**
   * The queue of the review (or flagged) band.
   *
   * @throws IllegalArgumentException if blank
   */
  public SettingsBuilder queue(String queue) {
    this.queue = Optional.of(text("a queue", queue));
    return this;
  }

  /**
   * The interval method and level of the provenance's intervals.
   *
   * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
   */
  public SettingsBuilder intervals(IntervalMethod method, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    this.method = Objects.requireNonNull(method, "method");
    this.confidence = confidence;
    return this;
  }

  /**
   * Who chose the thresholds.
   *
   * @throws IllegalArgumentException if blank
   */
  public SettingsBuilder createdBy(String who) {
    this.createdBy = Optional.of(text("created by", who));
    return this;
  }

  /** The program that writes the policy. */
  public SettingsBuilder tool(ToolVersion tool) {
    this.tool = Objects.requireNonNull(tool, "tool");
    return this;
  }

  /** The settings, with the defaults for whatever was not set; the time is read from the clock now. */
  public ChosenPolicy.Settings build() {
    Optional<ModelRef.ScoreRange> range = scoreRange.or(() -> scoresSeen
        .filter(r -> r.min() >= 0 && r.max() <= 1).map(r -> new ModelRef.ScoreRange(0, 1)));
    Optional<ModelRef> model = modelName.map(m -> new ModelRef(m, modelVersion.orElse(UNVERSIONED),
        Optional.empty(), range));
    return new ChosenPolicy.Settings(name, model, range, flagAction, queue, method, confidence,
        createdBy.orElseGet(() -> System.getProperty("user.name", "unknown")),
        clock.instant().truncatedTo(ChronoUnit.SECONDS), tool.recorded());
  }

  private static String text(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must be non-blank text, was '" + value + "'");
    }
    return value;
  }
}

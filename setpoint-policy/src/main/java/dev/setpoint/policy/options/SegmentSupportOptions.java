package dev.setpoint.policy.options;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The support a segment needs for a threshold of its own, else it falls back to its parent (a picocli
 * mixin): {@code --min-positives} and {@code --min-flags}, declared once for {@code setpoint choose}
 * and the Spark job, and checked the same way before any data is read.
 */
public final class SegmentSupportOptions {

  /** Empty options, which picocli fills from the command line. */
  public SegmentSupportOptions() {}

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Option(names = "--min-positives", paramLabel = "N", defaultValue = "30",
      description = "With --segment: the fewest positives a segment needs for its own threshold "
          + "(default: ${DEFAULT-VALUE}).")
  private double minPositives;

  @Option(names = "--min-flags", paramLabel = "N", defaultValue = "0",
      description = "With --segment: the fewest rows a segment's threshold must flag "
          + "(default: ${DEFAULT-VALUE}).")
  private double minFlags;

  /**
   * The fewest positives (a sum of weights) for a segment's own threshold.
   *
   * @throws ParameterException if --min-positives is negative or NaN
   */
  public double minPositives() {
    return atLeastZero("--min-positives", minPositives);
  }

  /**
   * The fewest rows (a sum of weights) a segment's threshold must flag.
   *
   * @throws ParameterException if --min-flags is negative or NaN
   */
  public double minFlags() {
    return atLeastZero("--min-flags", minFlags);
  }

  private double atLeastZero(String option, double value) {
    if (!(value >= 0)) {
      throw new ParameterException(spec.commandLine(), option + " must be >= 0, was " + value);
    }
    return value;
  }
}

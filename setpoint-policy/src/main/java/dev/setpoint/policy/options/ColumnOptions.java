package dev.setpoint.policy.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options that name the columns of a scored table, each declared once for every command that
 * reads one ({@code setpoint evaluate}, {@code choose}, {@code decide}, … through their input
 * options, {@code policy diff --data}, and the Spark job {@code ChooseJob}): the same names, defaults,
 * value labels and help. Each is a picocli mixin of its own, so a command takes exactly the ones it
 * reads, in the place its help lists them. A command that words an option's help for its own context
 * (e.g. {@code policy diff}'s "With --data: …") does so in its picocli resource bundle, under the
 * option's name without dashes; the option itself stays this one.
 */
public final class ColumnOptions {

  private ColumnOptions() {}

  /** {@code --score} and {@code --label}: the columns every scored table needs. */
  public static final class ScoreAndLabel {

    /** Empty options, which picocli fills from the command line. */
    public ScoreAndLabel() {}

    @Option(names = "--score", paramLabel = "COLUMN", defaultValue = "score",
        description = "Column holding the model score (default: ${DEFAULT-VALUE}).")
    private String score;

    @Option(names = "--label", paramLabel = "COLUMN", defaultValue = "label",
        description = "Column holding the true class (default: ${DEFAULT-VALUE}).")
    private String label;

    /** The score column, as given. */
    public String score() {
      return score;
    }

    /** The label column, as given. */
    public String label() {
      return label;
    }
  }

  /** {@code --weight}: the column holding each row's weight, if the rows are weighted. */
  public static final class Weight {

    /** Empty options, which picocli fills from the command line. */
    public Weight() {}

    @Option(names = "--weight", paramLabel = "COLUMN",
        description = "Column holding a row weight (finite, >= 0). Default: every row weighs 1.")
    private @Nullable String weight;

    /** The weight column; empty when every row weighs 1. */
    public Optional<String> weight() {
      return Optional.ofNullable(weight);
    }
  }

  /** {@code --positive-label}: which label values are the positive class. */
  public static final class PositiveLabels {

    /** Empty options, which picocli fills from the command line. */
    public PositiveLabels() {}

    @Option(names = "--positive-label", paramLabel = "VALUE", split = ",",
        description = "Label value(s) of the positive class (default: 1,true). "
            + "Every other value is then negative, unless --negative-label is given.")
    private @Nullable List<String> positiveLabels;

    /** The positive label values, in the order given; empty for the reader's default. */
    public Optional<List<String>> values() {
      return Optional.ofNullable(positiveLabels).map(List::copyOf);
    }
  }

  /** {@code --segment}: the columns whose values key a segment. */
  public static final class Segments {

    /** Empty options, which picocli fills from the command line. */
    public Segments() {}

    @Option(names = "--segment", paramLabel = "COLUMN", split = ",",
        description = "Also report each segment, keyed by these columns (e.g. country,tier).")
    private List<String> segments = new ArrayList<>();

    /** The segment columns, in key order; empty for none. */
    public List<String> columns() {
      return List.copyOf(segments);
    }
  }
}

package dev.setpoint.cli.sketch;

import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.InputFiles;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.sketch.Binning;
import dev.setpoint.sketch.ScoreSketch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of {@code evaluate} and {@code choose} that work on a {@link ScoreSketch} instead of
 * the rows (a picocli mixin): {@code --sketch} streams the file into one, {@code --merge} reads saved
 * ones, {@code --save-sketch} writes the result ({@code docs/definitions.md#score-sketch}).
 */
final class SketchOptions {

  /** The default number of bins: 240 KiB of counts, a bound of one bin in 10,000 of the range. */
  static final int DEFAULT_BINS = 10_000;

  /** The default range of {@code --logit}: probabilities from 10^-6 to 1 − 10^-6. */
  static final String DEFAULT_LOGIT_RANGE = "0.000001:0.999999";

  /** The options that say how to read rows, which saved sketches have already read. */
  private static final List<String> ROW_OPTIONS = List.of("--score", "--label", "--weight",
      "--positive-label", "--negative-label", "--delimiter", "--input-format", "--drop-invalid",
      "--bins", "--range", "--logit");

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Option(names = "--sketch",
      description = "Stream FILE into a fixed-memory sketch (--bins bins over --range) instead of "
          + "holding its rows: for files larger than memory. Every threshold chosen is a bin edge "
          + "with exact counts; each number that is not exact is reported with its proven bound.")
  private boolean sketch;

  @Option(names = "--merge",
      description = "FILE and MORE are sketches saved with --save-sketch: merge them (same binning) "
          + "and report on the merge.")
  private boolean merge;

  @Option(names = "--bins", paramLabel = "N",
      description = "With --sketch: the number of bins, 1 to 16,777,216 (default: " + DEFAULT_BINS
          + "; memory is 24 bytes a bin).")
  private @Nullable Integer bins;

  @Option(names = "--range", paramLabel = "LO:HI",
      description = "With --sketch: the score range the bins cover (default: 0:1, or "
          + DEFAULT_LOGIT_RANGE + " with --logit). Scores below LO are counted apart, as one more "
          + "bin; scores at or above the last edge fall in the last bin.")
  private @Nullable String range;

  @Option(names = "--logit",
      description = "With --sketch: space the bins evenly in log-odds instead of in the score, for "
          + "probabilities whose interesting region is near 0 or 1 (needs 0 < LO < HI < 1).")
  private boolean logit;

  @Option(names = "--save-sketch", converter = OutputPath.class, paramLabel = "FILE",
      description = "With --sketch or --merge: also write the sketch to FILE (e.g. part-1.spsk), "
          + "for a later --merge.")
  private @Nullable Path saveSketch;

  /** Whether the command works on a sketch. */
  boolean active() {
    return sketch || merge;
  }

  /**
   * Checks the options before any reading: the mode, the binning, and options that do not apply.
   *
   * @param more the positional files after FILE (the command's {@code MORE}): saved sketches for
   *     {@code --merge}, an error otherwise
   * @param unsupported options of the command that a sketch cannot serve, by name, when given
   * @throws ParameterException naming the option and value
   */
  void check(List<Path> more, List<String> unsupported) {
    CommandLine cl = spec.commandLine();
    if (sketch && merge) {
      throw new ParameterException(cl, "--sketch reads a scored file and --merge reads saved "
          + "sketches: give one of them");
    }
    if (!active()) {
      for (String option : List.of("--bins", "--range", "--logit", "--save-sketch")) {
        if (matched(option)) {
          throw new ParameterException(cl, option + " applies to --sketch"
              + (option.equals("--save-sketch") ? " or --merge" : "") + ": add --sketch to stream "
              + "FILE into a sketch");
        }
      }
      if (!more.isEmpty()) {
        throw new ParameterException(cl, "unexpected argument '" + more.get(0) + "' (one FILE is "
            + "read; several files are merged only as saved sketches, with --merge)");
      }
      return;
    }
    String mode = sketch ? "--sketch" : "--merge";
    if (sketch && !more.isEmpty()) {
      throw new ParameterException(cl, "--sketch reads one FILE, but '" + more.get(0)
          + "' was given too; to combine files, sketch each with --save-sketch and --merge them");
    }
    if (merge) {
      for (String option : ROW_OPTIONS) {
        if (matched(option)) {
          throw new ParameterException(cl, option + " does not apply to --merge: saved sketches "
              + "hold rows already read and binned");
        }
      }
    }
    for (String option : unsupported) {
      if (matched(option)) {
        throw new ParameterException(cl, option + " is not available with " + mode + " (it needs "
            + "the rows themselves); drop it, or run without " + mode);
      }
    }
    if (sketch) {
      binning(); // a bad --bins or --range is a usage error before the (long) read
    }
  }

  private boolean matched(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The binning the options declare. */
  Binning binning() {
    CommandLine cl = spec.commandLine();
    int n = bins == null ? DEFAULT_BINS : bins;
    String text = range != null ? range : logit ? DEFAULT_LOGIT_RANGE : "0:1";
    String[] parts = text.split(":", -1);
    double low;
    double high;
    try {
      if (parts.length != 2) {
        throw new NumberFormatException();
      }
      low = Double.parseDouble(parts[0].trim());
      high = Double.parseDouble(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new ParameterException(cl, "--range: '" + text
          + "' is not LO:HI (e.g. 0:1 or -5:5)");
    }
    try {
      return logit ? Binning.logit(low, high, n) : Binning.linear(low, high, n);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      String option = message.startsWith("bins must") ? "--bins" : "--range";
      throw new ParameterException(cl, option + ": "
          + message);
    }
  }

  /**
   * Builds the sketch: streams FILE into it ({@code --sketch}) or merges the saved sketches
   * ({@code --merge}), then writes it if {@code --save-sketch} asks.
   *
   * @param more the saved sketches after FILE, for {@code --merge}
   * @throws DataFormatException naming the file when a row is bad, a saved sketch is not one, or two
   *     sketches have different binnings
   */
  SketchedData load(InputOptions input, List<Path> more) throws IOException,
      DataFormatException {
    SketchedData data = merge ? merged(input.file(), more) : streamed(input);
    if (saveSketch != null) {
      Files.write(saveSketch, data.sketch().toBytes());
      spec.commandLine().getErr().printf(Locale.ROOT, "wrote the sketch (%s, %,d rows) to %s%n",
          data.sketch().binning(), data.sketch().rows(), saveSketch);
      spec.commandLine().getErr().flush();
    }
    return data;
  }

  private SketchedData streamed(InputOptions input) throws IOException, DataFormatException {
    ScoreSketch s = new ScoreSketch(binning());
    // The reader has checked each row (finite score, weight >= 0), so add never throws here.
    ReadSummary read = input.readInto((score, positive, weight, segment) ->
        s.add(score, positive, weight));
    return new SketchedData(read.source(), Optional.of(read), List.of(), s);
  }

  private SketchedData merged(Path first, List<Path> more) throws IOException, DataFormatException {
    List<Path> files = new ArrayList<>();
    files.add(first);
    files.addAll(more);
    ScoreSketch merged = null;
    Path firstFile = null;
    for (Path file : files) {
      ScoreSketch s;
      InputFiles.requireFile(file, "a sketch saved with --save-sketch");
      try {
        s = ScoreSketch.fromBytes(Files.readAllBytes(file));
      } catch (IllegalArgumentException e) {
        throw DataFormatException.ofSource(file.toString(), String.valueOf(e.getMessage()));
      }
      if (merged == null) {
        merged = s;
        firstFile = file;
      } else if (!merged.binning().equals(s.binning())) {
        throw DataFormatException.ofSource(file.toString(), "its binning (" + s.binning()
            + ") differs from that of " + firstFile + " (" + merged.binning() + "); only sketches "
            + "of the same --bins, --range and spacing can be merged");
      } else {
        merged.merge(s);
      }
    }
    String source = files.size() == 1 ? files.get(0).toString()
        : "merge of " + files.size() + " sketches";
    return new SketchedData(source, Optional.empty(), List.copyOf(files),
        Objects.requireNonNull(merged, "files holds the first file"));
  }
}

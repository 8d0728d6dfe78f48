package dev.setpoint.cli.sketch;

import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The input of a command that reads a scored file's rows or a sketch of them ({@code evaluate},
 * {@code choose}; a picocli mixin): FILE and how to read it ({@link InputOptions}), the sketch options
 * ({@link SketchOptions}) and, for {@code --merge}, MORE saved sketches.
 */
public final class SketchableInput {

  @Mixin private InputOptions input;

  @Mixin private SketchOptions sketch;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "MORE",
      description = "With --merge: more saved sketches (FILE is the first).")
  private List<Path> more = new ArrayList<>();

  /** FILE and how to read its rows. */
  public InputOptions rows() {
    return input;
  }

  /** Whether the command works on a sketch (--sketch or --merge). */
  public boolean active() {
    return sketch.active();
  }

  /**
   * Checks the sketch options and MORE before any reading ({@link SketchOptions#check}).
   *
   * @param unsupported options of the command that a sketch cannot serve, by name, when given
   */
  public void check(List<String> unsupported) {
    sketch.check(more, unsupported);
  }

  /** Builds the sketch: FILE streamed into one, or FILE and MORE merged ({@link SketchOptions#load}). */
  public SketchedData load() throws IOException, DataFormatException {
    return sketch.load(input, more);
  }
}

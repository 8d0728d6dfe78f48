package dev.setpoint.cli.output;

import dev.setpoint.cli.UnusableValue;
import dev.setpoint.cli.plot.PlotSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converter of every option that names a file setpoint writes ({@code -o}, {@code --plot},
 * {@code --curve}, {@code --save-sketch}, …): the path is checked when the command line is read,
 * before any work, so that a report is never computed only to fail at its last step. A path that
 * cannot be written is a usage error naming the option and the path; nothing is created by the
 * check, so a refused command leaves no empty file behind.
 */
public final class OutputPath implements ITypeConverter<Path> {

  @Override
  public Path convert(String value) {
    Path file;
    try {
      file = Path.of(value);
    } catch (InvalidPathException e) {
      throw new UnusableValue.Conversion("cannot write '" + value + "': not a file name here ("
          + e.getReason() + ")");
    }
    check(file, value);
    return file;
  }

  /**
   * Refuses a path that cannot be written: a directory, a path in a directory that does not exist
   * or that this user may not write to, or a file that exists and is read-only.
   *
   * @throws UnusableValue.Conversion naming the path, what is wrong and what to do
   */
  static void check(Path file, String value) {
    String cannot = "cannot write '" + value + "': ";
    if (Files.isDirectory(file)) {
      throw new UnusableValue.Conversion(cannot + "it is a directory (give a file name, e.g. "
          + file.resolve(value.contains("png") ? "chart.png" : "out").normalize() + ")");
    }
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (parent != null && !Files.exists(parent)) {
      throw new UnusableValue.Conversion(cannot + "no directory " + parent + " (create it first, "
          + "or write elsewhere)");
    }
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UnusableValue.Conversion(cannot + parent + " is a file, not a directory (write "
          + "elsewhere)");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new UnusableValue.Conversion(cannot + "the file exists and is read-only (make it "
          + "writable, or write elsewhere)");
    }
    if (parent != null && !Files.exists(file) && !Files.isWritable(parent)) {
      throw new UnusableValue.Conversion(cannot + "this user may not write in " + parent
          + " (write elsewhere)");
    }
  }

  /** {@code --plot [pr=|roc=|metrics=]FILE}: the value is kept as given, its FILE checked as any output. */
  public static final class Plot implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      PlotSpec plot;
      try {
        plot = PlotSpec.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      check(plot.file(), plot.file().toString());
      return value;
    }
  }
}

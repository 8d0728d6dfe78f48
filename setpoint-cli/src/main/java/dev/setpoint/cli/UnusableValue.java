package dev.setpoint.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A usage error (exit {@value ExitCodes#USAGE}) where the command line is well written but a value in it
 * cannot be used here: an output path whose directory is missing, a port another process holds, a
 * {@code --data-dir} that is a file. Said in one line — the option, the value, what to do — without
 * the pointer to {@code --help} of other usage errors, which would not help.
 */
public final class UnusableValue extends ParameterException {

  private static final long serialVersionUID = 1L;

  /**
   * @param commandLine the command whose option it is
   * @param message the option, its value, what is wrong and what to do
   */
  public UnusableValue(CommandLine commandLine, String message) {
    super(commandLine, message);
  }

  /**
   * A converter's refusal of a value that is well written but cannot be used here; shown as an
   * {@link UnusableValue}, after the option's name.
   */
  public static final class Conversion extends TypeConversionException {

    private static final long serialVersionUID = 1L;

    /** @param message the value, what is wrong and what to do */
    public Conversion(String message) {
      super(message);
    }
  }
}

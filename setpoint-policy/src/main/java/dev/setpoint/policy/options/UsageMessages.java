package dev.setpoint.policy.options;

import dev.setpoint.spelling.Printable;
import dev.setpoint.spelling.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error in one line, in the words of every program of Setpoint that reads its options with
 * picocli ({@code setpoint} and the Spark job {@code ChooseJob}): what is wrong, naming the option and
 * its value, and where one is known, the fix. The message comes from picocli's exception types (the
 * option, the value, the suggestions), not from its text; misspelt commands and options are matched by
 * {@link Suggestions}, and values are shown by {@link Printable#quoted}. How the line is printed, and
 * what follows it, is each program's.
 */
public final class UsageMessages {

  /** Values longer than this are cut in messages (with their length). */
  private static final int SHOWN_CHARS = 60;

  private UsageMessages() {}

  /**
   * What is wrong and, where one is known, what to do, in one line.
   *
   * @param ex what picocli refused
   * @param args the command line as given, to tell an option given without its value from one missing
   */
  public static String of(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    CommandSpec spec = cli.getCommandSpec();
    // picocli checks required parameters before it reports unknown arguments: the unknown one is
    // the cause (a misspelt option swallowed nothing, or a value went missing with it).
    List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched()
        : cli.getUnmatchedArguments();
    if (!unmatched.isEmpty()) {
      return unmatched(spec, unmatched.get(0));
    }
    if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
      return missing(spec, missing.getMissing().get(0), args);
    }
    if (ex instanceof OverwrittenOptionException twice) {
      ArgSpec option = twice.getOverwritten();
      return (option instanceof OptionSpec o ? o.longestName() : option.paramLabel())
          + " is given more than once (give it once" + (option.isMultiValue() ? "" : "; it takes one "
          + option.paramLabel()) + ")";
    }
    ArgSpec arg = ex.getArgSpec();
    if (arg == null && ex.getValue() != null && !commands(spec).isEmpty()
        && !commands(spec).contains(ex.getValue())) {
      return unmatched(spec, ex.getValue()); // 'setpoint help evaluat'
    }
    if (arg != null && ex.getValue() != null && ex.getCause() != null) {
      return badValue(arg, ex.getValue(), ex.getCause());
    }
    return String.valueOf(ex.getMessage());
  }

  /** The names of a command's subcommands, {@code help} left out. */
  public static List<String> commands(CommandSpec spec) {
    return spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
  }

  private static String unmatched(CommandSpec spec, String first) {
    if (first.startsWith("-") && !first.matches("-[0-9.].*")) {
      String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
      List<String> names = spec.options().stream().flatMap(o -> Arrays.stream(o.names()))
          .filter(n -> n.startsWith("--")).toList();
      return "unknown option " + quoted(name) + Suggestions.closest(name, names)
          .map(n -> " (did you mean '" + n + "'?)").orElse(" (" + spec.qualifiedName()
              + " has no such option)");
    }
    List<String> commands = commands(spec);
    if (!commands.isEmpty()) {
      return "unknown command " + quoted(first) + Suggestions.closest(first, commands)
          .map(c -> " (did you mean '" + c + "'?)")
          .orElse(" (the commands: " + String.join(", ", commands) + ")");
    }
    return "unexpected argument " + quoted(first) + " (" + spec.qualifiedName() + " takes "
        + spec.positionalParameters().stream().map(p -> p.paramLabel()
            + (p.arity().max() > 1 ? "…" : "")).collect(Collectors.joining(" "))
        + (spec.positionalParameters().isEmpty() ? "no arguments, only options" : "")
        + "; quote a value that has spaces)";
  }

  private static String missing(CommandSpec spec, ArgSpec arg, String[] args) {
    if (arg instanceof OptionSpec option) {
      String name = option.longestName();
      boolean given = Arrays.stream(args).anyMatch(a -> Arrays.asList(option.names()).contains(a));
      return given
          ? name + " needs a value (" + name + " " + option.paramLabel() + ")"
          : "missing " + name + " " + option.paramLabel() + example(spec).map(e -> " (e.g. " + e + ")")
              .orElse(" (it is required)");
    }
    return "missing " + arg.paramLabel() + example(spec).map(e -> " (e.g. " + e + ")")
        .orElse(" (" + spec.qualifiedName() + " needs it)");
  }

  private static String badValue(ArgSpec arg, String value, Throwable cause) {
    String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    if (arg.converters().length > 0) {
      // A converter of ours: its message already names the value and what is expected.
      return name + ": " + cause.getMessage();
    }
    Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    if (type == double.class || type == Double.class || type == float.class
        || type == Float.class) {
      return name + ": " + quoted(value) + " is not a number (e.g. " + example(arg, "0.5") + ")";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == short.class || type == Short.class) {
      return name + ": " + quoted(value) + " is not a whole number (e.g. " + example(arg, "10")
          + ")";
    }
    if (type.isEnum()) {
      return name + ": " + quoted(value) + " is not one of " + Arrays.stream(type.getEnumConstants())
          .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
    return name + ": " + quoted(value) + " is not a valid " + arg.paramLabel();
  }

  /** The option's default value as an example of a good one, else {@code fallback}. */
  private static String example(ArgSpec arg, String fallback) {
    return arg.defaultValue() != null && !arg.defaultValue().isBlank() ? arg.defaultValue()
        : fallback;
  }

  /** The first example of the command's --help, e.g. {@code setpoint evaluate scores.csv}. */
  private static Optional<String> example(CommandSpec spec) {
    String prefix = "  " + spec.qualifiedName() + " ";
    return Arrays.stream(spec.usageMessage().footer())
        .filter(line -> line.startsWith(prefix) && !line.endsWith("\\"))
        .map(String::strip).findFirst();
  }

  private static String quoted(String value) {
    return Printable.quoted(value, SHOWN_CHARS);
  }
}

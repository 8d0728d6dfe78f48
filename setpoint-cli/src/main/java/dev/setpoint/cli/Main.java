package dev.setpoint.cli;

import dev.setpoint.cli.audit.AuditCommand;
import dev.setpoint.cli.calibrate.CalibrateCommand;
import dev.setpoint.cli.choose.ChooseCommand;
import dev.setpoint.cli.decide.DecideCommand;
import dev.setpoint.cli.labels.LabelsCommand;
import dev.setpoint.cli.policy.PolicyCommand;
import dev.setpoint.cli.serve.ServeCommand;
import dev.setpoint.cli.train.ScoreCommand;
import dev.setpoint.cli.train.TrainCommand;
import dev.setpoint.cli.evaluate.EvaluateCommand;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.ToolVersion;
import dev.setpoint.policy.options.UsageMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code setpoint} command.
 *
 * <p>Exit codes: {@link ExitCodes}. Errors are printed as one line on stderr, prefixed {@code
 * setpoint: error:} (a usage error adds a line naming the {@code --help} to read: {@link
 * UsageErrors}); a stack trace appears only for internal errors (exit 1), which are bugs.
 */
@Command(
    name = "setpoint",
    mixinStandardHelpOptions = true,
    versionProvider = Main.ManifestVersion.class,
    description = {
      "Classifier thresholds as explicit, versioned, auditable operating policies.",
      ""
    },
    subcommands = {EvaluateCommand.class, ChooseCommand.class, CalibrateCommand.class,
        DecideCommand.class, PolicyCommand.class, ServeCommand.class, TrainCommand.class,
        ScoreCommand.class, AuditCommand.class, LabelsCommand.class,
        CommandLine.HelpCommand.class},
    footer = {
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error.",
      "Run 'setpoint help <command>' for a command's options and examples."
    })
public final class Main implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: one of "
        + String.join(", ", UsageMessages.commands(spec)) + " (e.g. setpoint evaluate scores.csv)");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true"); // charts are drawn off-screen
    // UTF-8, as the JSON and CSV reports must be and terminals are, whatever the platform's default.
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs the command line, writing to the given streams, and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine));
    cli.setParameterExceptionHandler(new UsageErrors());
    HelpLayout.apply(cli);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int handle(Exception e, CommandLine commandLine) {
    PrintWriter err = commandLine.getErr();
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof DataFormatException dfe) {
      err.println("setpoint: error: " + dfe.getMessage());
      return ExitCodes.DATA_ERROR;
    }
    if (cause instanceof NoSuchFileException nsf) {
      err.println("setpoint: error: " + nsf.getFile() + ": no such file");
      return ExitCodes.DATA_ERROR;
    }
    if (cause instanceof AccessDeniedException ade) {
      err.println("setpoint: error: " + ade.getFile() + ": permission denied");
      return ExitCodes.DATA_ERROR;
    }
    if (cause instanceof IOException io) {
      err.println("setpoint: error: " + io.getMessage());
      return ExitCodes.DATA_ERROR;
    }
    err.println("setpoint: internal error (please report it): " + e);
    e.printStackTrace(err);
    return CommandLine.ExitCode.SOFTWARE;
  }

  /** The version from the jar manifest ({@link ToolVersion}), or "(development build)" from classes. */
  static final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        ToolVersion.of("setpoint").versionLine(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}

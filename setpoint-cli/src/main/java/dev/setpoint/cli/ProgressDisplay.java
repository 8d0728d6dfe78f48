package dev.setpoint.cli;

import dev.setpoint.read.ReadProgress;
import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * A progress bar on stderr for work that takes more than a second; quick work shows nothing. For reads
 * the bar counts bytes of the file (compressed bytes for gzip), so it is exact whatever the row
 * length; for training ({@link #epochsOnStderr}) it counts epochs and carries the latest epoch's figures.
 */
public final class ProgressDisplay implements ReadProgress, AutoCloseable {

  /** When to show progress. */
  public enum Mode {
    /** Show it when stderr is a terminal. */
    AUTO,
    /** Always show it (also into logs). */
    ALWAYS,
    /** Never show it. */
    NEVER
  }

  /**
   * {@code --progress WHEN} (a picocli mixin), declared once for every command that shows progress.
   * A command whose progress is more than a read's bar words the help in its resource bundle, under
   * the key {@code progress} ({@code setpoint train}, which prints epoch lines without a bar).
   */
  public static final class ModeOption {

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
        description = "Progress bar on stderr for reads over a second: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}: when stderr is a terminal).")
    private Mode mode;

    /** When to show progress, as given. */
    public Mode mode() {
      return mode;
    }
  }

  private static final long DELAY_NANOS = 1_000_000_000L;

  private final String task;
  private final String title;
  private final String unit;
  private final long unitSize;
  private final boolean counting;
  private final boolean enabled;
  private final PrintStream err;
  private final long start = System.nanoTime();
  private @Nullable ProgressBar bar;

  /**
   * Creates a display.
   *
   * @param task the label, e.g. the file name
   * @param mode when to show the bar
   * @param err where to draw it
   */
  public ProgressDisplay(String task, Mode mode, PrintStream err) {
    this(task, "Reading " + task, " MiB", 1L << 20, false, mode, err);
  }

  /** {@code counting}: steps are counted (epochs), not measured (bytes): no speed, room for figures. */
  private ProgressDisplay(String task, String title, String unit, long unitSize, boolean counting,
      Mode mode, PrintStream err) {
    this.task = task;
    this.title = title;
    this.unit = unit;
    this.unitSize = unitSize;
    this.counting = counting;
    this.err = err;
    this.enabled = mode == Mode.ALWAYS || (mode == Mode.AUTO && onTerminal());
  }

  /**
   * A display drawn on {@code System.err}, which {@link #close} leaves open (it ends the bar only).
   *
   * @param task the label, e.g. the file name
   * @param mode when to show the bar
   */
  public static ProgressDisplay onStderr(String task, Mode mode) {
    return new ProgressDisplay(task, mode, System.err);
  }

  /**
   * Whether the program runs on a terminal. Up to JDK 21 there is a console only then; from JDK 22
   * there is one also when the streams are redirected, and {@code Console.isTerminal} (JDK 22, so
   * looked up) says whether it is a terminal.
   */
  @SuppressWarnings("SystemConsoleNull") // the null check is JDK 17-21's answer; isTerminal is 22's
  private static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22: a console is a terminal
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Console.isTerminal failed", e);
    }
  }

  /**
   * A display that counts epochs, drawn on {@code System.err} (which {@link #close} leaves open);
   * {@link #epoch} moves it.
   *
   * @param task the label, e.g. the training file's name
   */
  public static ProgressDisplay epochsOnStderr(String task, Mode mode) {
    return new ProgressDisplay(task, "Training on " + task, " epochs", 1, true, mode, System.err);
  }

  /** Whether the bar may be drawn (the mode and the terminal allow it). */
  public boolean enabled() {
    return enabled;
  }

  @Override
  public void update(long bytesRead, long totalBytes) {
    draw(bytesRead, totalBytes);
  }

  /**
   * Moves an epoch display to {@code epoch} of {@code budget}, with the epoch's figures beside it.
   *
   * @param figures e.g. {@code loss 0.41 lambda 1.3 recall@precision>=0.9 0.61}
   */
  public void epoch(long epoch, long budget, String figures) {
    draw(epoch, budget);
    if (bar != null) {
      bar.setExtraMessage(" " + figures);
    }
  }

  private void draw(long done, long total) {
    if (!enabled) {
      return;
    }
    if (bar == null) {
      if (System.nanoTime() - start < DELAY_NANOS) {
        return;
      }
      ProgressBarBuilder builder = new ProgressBarBuilder()
          .setTaskName(title)
          .setInitialMax(Math.max(total, 1))
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(unit, unitSize)
          .setUpdateIntervalMillis(200)
          .setMaxRenderedLength(counting ? 160 : 100)
          .setConsumer(new ConsoleProgressBarConsumer(err));
      bar = (counting ? builder : builder.showSpeed()).build();
    }
    bar.stepTo(done);
  }

  /** Says what happens after reading (sorting a large file takes a moment), if the bar is shown. */
  public void phase(String message) {
    if (bar != null) {
      bar.setExtraMessage(" " + message);
    }
  }

  /** Whether the bar has been drawn. */
  public boolean shown() {
    return bar != null;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ProgressDisplay[%s, %s]", task, enabled ? "on" : "off");
  }
}

package dev.setpoint.cli;

import dev.setpoint.read.ReadProgress;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for reads that take more than a second; quick reads show nothing. The bar
 * counts bytes of the file (compressed bytes for gzip), so it is exact whatever the row length.
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

  private static final long DELAY_NANOS = 1_000_000_000L;

  private final String task;
  private final boolean enabled;
  private final PrintStream err;
  private final long start = System.nanoTime();
  private ProgressBar bar;

  /**
   * Creates a display.
   *
   * @param task the label, e.g. the file name
   * @param mode when to show the bar
   * @param err where to draw it
   */
  public ProgressDisplay(String task, Mode mode, PrintStream err) {
    this.task = task;
    this.err = err;
    this.enabled = mode == Mode.ALWAYS || (mode == Mode.AUTO && System.console() != null);
  }

  @Override
  public void update(long bytesRead, long totalBytes) {
    if (!enabled) {
      return;
    }
    if (bar == null) {
      if (System.nanoTime() - start < DELAY_NANOS) {
        return;
      }
      bar = new ProgressBarBuilder()
          .setTaskName("Reading " + task)
          .setInitialMax(Math.max(totalBytes, 1))
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" MiB", 1L << 20)
          .setUpdateIntervalMillis(200)
          .setMaxRenderedLength(100)
          .setConsumer(new ConsoleProgressBarConsumer(err))
          .showSpeed()
          .build();
    }
    bar.stepTo(bytesRead);
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

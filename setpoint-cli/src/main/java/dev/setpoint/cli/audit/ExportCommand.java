package dev.setpoint.cli.audit;

import dev.setpoint.cli.ExitCodes;
import dev.setpoint.cli.ProgressDisplay;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.serve.StoreOptions;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreException;
import dev.setpoint.server.store.StoreLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint audit export}: decisions and their labels, as Parquet, streamed. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    resourceBundle = "dev.setpoint.cli.audit.ExportOptions",
    description = {
      "Writes the decisions of [--from, --to) from the decision service's store, with their labels, "
          + "as a Parquet file that setpoint evaluate, choose and the Spark job read as it is: "
          + "columns id, time, policy, version, segment, band, action, score, label (1 or 0), one "
          + "column per attribute the policies match on (and per --attribute), and attributes (all "
          + "of a request's attributes, as JSON). Decisions are read and written as a stream, policy "
          + "by policy, oldest first.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint audit export --from 30d -o decisions.parquet",
      "  setpoint evaluate decisions.parquet --segment jurisdiction",
      "  setpoint audit export --store postgresql://postgres@127.0.0.1:5432/setpoint \\",
      "      --policy card-fraud --from 2026-11-01 --to 2026-12-01 \\",
      "      -o november.parquet"
    })
final class ExportCommand implements Callable<Integer> {

  /** What to do with decisions that have no label yet. */
  enum Unlabelled {
    /** Leave them out: every row has a label, so the file is read as it is. */
    EXCLUDE,
    /** Write them with a null label (the readers then need --drop-invalid). */
    INCLUDE
  }

  @Spec private CommandSpec spec;

  @Mixin private StoreOptions where;

  @Option(names = "--from", paramLabel = "TIME", required = true,
      converter = TimePoint.Converter.class,
      description = "The first time included: an instant (2026-11-01T00:00:00Z), a day "
          + "(2026-11-01, from 00:00 UTC) or a time before now (30d, 12h, 90m).")
  private TimePoint from;

  @Option(names = "--to", paramLabel = "TIME", converter = TimePoint.Converter.class,
      description = "The first time left out, in the same forms (default: now).")
  private @Nullable TimePoint to;

  @Option(names = "--policy", paramLabel = "NAME", split = ",",
      description = "Only these policies (default: every policy).")
  private List<String> policies = new ArrayList<>();

  @Option(names = "--attribute", paramLabel = "NAME", split = ",",
      description = "An attribute to write as a column of its own besides those the policies "
          + "match on; repeatable.")
  private List<String> attributes = new ArrayList<>();

  @Option(names = "--unlabelled", paramLabel = "WHAT", defaultValue = "exclude",
      description = "Decisions without a label: ${COMPLETION-CANDIDATES} (default: "
          + "${DEFAULT-VALUE}; include writes them with a null label, which evaluate and choose "
          + "then skip with --drop-invalid).")
  private Unlabelled unlabelled;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
      converter = OutputPath.class, description = "The Parquet file to write (replaced if it "
          + "exists, once the export is complete).")
  private Path output;

  @Mixin private ProgressDisplay.ModeOption progress;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    // Milliseconds, as the audit log records times: the range printed is the range read.
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    Instant start = from.resolve(clock);
    Instant end = to == null ? clock.instant() : to.resolve(clock);
    if (!start.isBefore(end)) {
      throw new ParameterException(spec.commandLine(), "--from (" + start + ") must be before --to ("
          + end + ")");
    }
    Path dataDir = where.dataDir();
    if (where.embedded() && !Files.isRegularFile(dataDir.resolve("setpoint.db"))) {
      throw new ParameterException(spec.commandLine(), "--data-dir " + dataDir + " holds no store "
          + "(no setpoint.db there); give the directory setpoint serve uses, or --store");
    }
    JdbcStore opened;
    try {
      opened = StoreLocation.openForReading(where.store(), dataDir);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (StoreException e) {
      err.println("setpoint: error: cannot open the store: " + e.getMessage());
      return ExitCodes.DATA_ERROR;
    }
    try (Store s = opened) {
      List<String> names = names(s);
      Export export = new Export(err, progress.mode(), unlabelled == Unlabelled.INCLUDE);
      Path partial = output.resolveSibling("." + output.getFileName() + ".partial");
      Files.deleteIfExists(partial);
      try (DecisionParquet parquet = new DecisionParquet(partial, columns(s, names))) {
        for (String name : names) {
          s.scanDecisions(name, start, end, d -> export.write(parquet, d));
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(partial);
        throw e;
      }
      Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      export.finish(spec.commandLine().getOut(), output, start, end);
      return ExitCodes.OK;
    } catch (StoreException e) {
      err.println("setpoint: error: reading the store failed: " + e.getMessage());
      return ExitCodes.DATA_ERROR;
    }
  }

  /** The policies to export: --policy, each checked, or all. */
  private List<String> names(Store s) {
    List<String> all = s.policyNames();
    if (policies.isEmpty()) {
      return all;
    }
    for (String p : policies) {
      if (!all.contains(p)) {
        throw new ParameterException(spec.commandLine(), "--policy '" + p + "': the store has no "
            + "such policy (it has " + (all.isEmpty() ? "none" : String.join(", ", all)) + ")");
      }
    }
    return List.copyOf(new LinkedHashSet<>(policies));
  }

  /**
   * The attribute columns: those any stored version of the exported policies matches on (so that
   * {@code --segment NAME} finds its column), then --attribute's.
   */
  private List<String> columns(Store s, List<String> names) {
    Set<String> columns = new LinkedHashSet<>();
    for (String name : names) {
      for (PolicyVersion v : s.versions(name)) {
        Validation parsed = PolicyDocuments.parse(v.document(), PolicyDocuments.Format.JSON, name);
        if (parsed instanceof Validation.Valid valid) {
          columns.addAll(Decider.compile(valid).attributes());
        }
      }
    }
    columns.addAll(attributes);
    return List.copyOf(columns);
  }

  /** Counts what is written and shows it while it goes. */
  private static final class Export {
    private final PrintWriter err;
    private final boolean shown;
    private final boolean unlabelledToo;
    private final long started = System.nanoTime();
    private long written;
    private long labelled;
    private long skipped;
    private long lastShown = System.nanoTime();

    Export(PrintWriter err, ProgressDisplay.Mode mode, boolean unlabelledToo) {
      this.err = err;
      this.shown = ProgressDisplay.onStderr("decisions", mode).enabled();
      this.unlabelledToo = unlabelledToo;
    }

    void write(DecisionParquet parquet, Store.LabelledDecision d) {
      if (d.label().isEmpty() && !unlabelledToo) {
        skipped++;
        return;
      }
      try {
        parquet.write(d);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written++;
      if (d.label().isPresent()) {
        labelled++;
      }
      long now = System.nanoTime();
      if (shown && now - lastShown > 1_000_000_000L) {
        lastShown = now;
        err.printf(Locale.ROOT, "\rsetpoint: %,d decisions written (%,.0f/s)", written,
            written / ((now - started) / 1e9));
        err.flush();
      }
    }

    void finish(PrintWriter out, Path output, Instant from, Instant to) {
      double seconds = (System.nanoTime() - started) / 1e9;
      if (shown) {
        err.println();
      }
      out.printf(Locale.ROOT, "wrote %,d decisions (%,d labelled) from [%s, %s) to %s "
          + "in %.1f s%s%n", written, labelled, from, to, output, seconds, skipped == 0 ? ""
          : String.format(Locale.ROOT, "; left out %,d without a label (--unlabelled include "
              + "writes them)", skipped));
    }
  }
}

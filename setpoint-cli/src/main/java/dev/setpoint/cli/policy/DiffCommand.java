package dev.setpoint.cli.policy;

import dev.setpoint.cli.ProgressDisplay;
import dev.setpoint.cli.decide.AttributeColumns;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.Attributes;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.Validation;
import dev.setpoint.policy.options.ColumnOptions;
import dev.setpoint.policy.tally.Comparison;
import dev.setpoint.policy.tally.Counts;
import dev.setpoint.policy.tally.Tally;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.read.RowSink;
import dev.setpoint.read.ScoreFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code setpoint policy diff OLD NEW [--data FILE]}: what changed, and what it changes on data. */
@Command(
    name = "diff",
    resourceBundle = "dev.setpoint.cli.policy.DiffOptions",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares two policies: segments added, removed or moved, matches and thresholds changed. "
          + "With --data, applies both to a scored file and reports the change in rows per action "
          + "and, where labels exist, in precision and recall, and which rows change action.",
      ""
    },
    footer = {"", "Example:", "  setpoint policy diff v1.yaml v2.yaml --data scores.csv"})
final class DiffCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "The current policy.")
  private Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW", description = "The candidate policy.")
  private Path newFile;

  @Option(names = "--data", paramLabel = "FILE", description = "A scored file to apply both to.")
  private @Nullable Path data;

  @Mixin private ColumnOptions.ScoreAndLabel columnNames;

  @Mixin private ColumnOptions.PositiveLabels positiveLabels;

  @Mixin private AttributeColumns attributeColumns;

  @Override
  public Integer call() throws IOException, DataFormatException {
    PrintWriter out = spec.commandLine().getOut();
    List<Validation.Valid> both = PolicyFiles.loadAll(List.of(oldFile, newFile),
        spec.commandLine().getErr());
    Validation.Valid before = both.get(0);
    Validation.Valid after = both.get(1);
    int changes = structure(out, before.policy(), after.policy());
    if (changes == 0) {
      out.println("no changes in segments, matches or bands");
    }
    if (data != null) {
      out.println();
      applied(out, Decider.compile(before), Decider.compile(after), data);
    }
    out.flush();
    return 0;
  }

  private int structure(PrintWriter out, Policy a, Policy b) {
    List<String> lines = new ArrayList<>();
    if (!Objects.equals(a.model(), b.model())) {
      lines.add("model: " + a.model().map(m -> m.name() + " " + m.version()).orElse("none") + " -> "
          + b.model().map(m -> m.name() + " " + m.version()).orElse("none"));
    }
    Map<String, Integer> oldAt = index(a);
    Map<String, Integer> newAt = index(b);
    for (String name : oldAt.keySet()) {
      if (!newAt.containsKey(name)) {
        lines.add("- segment " + name + " removed (was " + PolicyText.match(a.segments()
            .get(oldAt.get(name)).match()) + ")");
      }
    }
    List<String> commonOld = new ArrayList<>(oldAt.keySet());
    commonOld.retainAll(newAt.keySet());
    List<String> commonNew = new ArrayList<>(newAt.keySet());
    commonNew.retainAll(oldAt.keySet());
    for (String name : newAt.keySet()) {
      Segment s = b.segments().get(newAt.get(name));
      if (!oldAt.containsKey(name)) {
        lines.add("+ segment " + name + " added at position " + (newAt.get(name) + 1) + ": "
            + PolicyText.match(s.match()));
        for (int i = 0; i < s.bands().size(); i++) {
          lines.add("    " + PolicyText.scores(s.bands(), i) + " -> " + PolicyText.action(s.bands()
              .get(i)));
        }
        continue;
      }
      Segment o = a.segments().get(oldAt.get(name));
      if (commonOld.indexOf(name) != commonNew.indexOf(name)) {
        lines.add("~ segment " + name + " moved from position " + (oldAt.get(name) + 1) + " to "
            + (newAt.get(name) + 1) + " (first match wins, so order matters)");
      }
      if (!o.match().equals(s.match())) {
        lines.add("~ segment " + name + " match: " + PolicyText.match(o.match()) + " -> "
            + PolicyText.match(s.match()));
      }
      bands(lines, name, o.bands(), s.bands());
    }
    lines.forEach(out::println);
    return lines.size();
  }

  private static void bands(List<String> lines, String name, List<Band> o, List<Band> n) {
    if (o.equals(n)) {
      return;
    }
    boolean sameShape = o.size() == n.size();
    for (int i = 0; sameShape && i < o.size(); i++) {
      sameShape = o.get(i).action().equals(n.get(i).action());
    }
    if (sameShape) {
      for (int i = 0; i < o.size(); i++) {
        Band x = o.get(i);
        Band y = n.get(i);
        if (!x.minScore().equals(y.minScore())) {
          lines.add("~ segment " + name + " band " + x.action() + ": minScore "
              + x.minScore().getAsDouble() + " -> " + y.minScore().getAsDouble());
        }
        if (!x.queue().equals(y.queue())) {
          lines.add("~ segment " + name + " band " + x.action() + ": queue "
              + x.queue().orElse("none") + " -> " + y.queue().orElse("none"));
        }
      }
      return;
    }
    lines.add("~ segment " + name + " bands replaced:");
    for (int i = 0; i < o.size(); i++) {
      lines.add("    - " + PolicyText.scores(o, i) + " -> " + PolicyText.action(o.get(i)));
    }
    for (int i = 0; i < n.size(); i++) {
      lines.add("    + " + PolicyText.scores(n, i) + " -> " + PolicyText.action(n.get(i)));
    }
  }

  private static Map<String, Integer> index(Policy p) {
    Map<String, Integer> at = new LinkedHashMap<>();
    for (int i = 0; i < p.segments().size(); i++) {
      at.put(p.segments().get(i).name(), i);
    }
    return at;
  }

  private void applied(PrintWriter out, Decider before, Decider after, Path data)
      throws IOException, DataFormatException {
    Set<String> names = new LinkedHashSet<>(before.attributes());
    names.addAll(after.attributes());
    List<String> columns = attributeColumns.columns(names);
    Map<String, Integer> slot = new HashMap<>();
    for (String name : names) {
      slot.put(name, slot.size());
    }
    ReadOptions options = ReadOptions.defaults().withScoreColumn(columnNames.score())
        .withLabelColumn(columnNames.label()).withSegmentColumns(columns).withLabelsOptional(true)
        .withColumnsThatMayBeAbsent(columns);
    List<String> positiveValues = positiveLabels.values().orElse(null);
    if (positiveValues != null) {
      options = options.withPositiveLabels(new LinkedHashSet<>(positiveValues));
    }
    Comparison.Counter counter = Comparison.counter(before, after);
    String[][] row = new String[1][];
    Attributes request = name -> {
      Integer i = slot.get(name);
      return i == null ? null : row[0][i];
    };
    ReadSummary read;
    try (ProgressDisplay display = ProgressDisplay.onStderr(data.getFileName().toString(),
        ProgressDisplay.Mode.AUTO)) {
      read = ScoreFiles.readRows(data, options, (score, label, weight, values, position) -> {
        row[0] = values;
        counter.add(before.decide(score, request), after.decide(score, request),
            label == RowSink.UNLABELLED ? Tally.Label.UNKNOWN : Tally.Label.of(label == 1),
            weight);
      }, display);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    attributeColumns.noteAbsent(spec.commandLine().getErr(), read, List.copyOf(names));
    Comparison comparison = counter.comparison();
    Tally oldTally = comparison.before();
    boolean labels = oldTally.everyDecisionLabelled();
    double total = oldTally.total().rows();
    double positives = oldTally.total().positives();
    out.printf(Locale.ROOT, "on %s: %,d rows%s%n", read.source(), oldTally.decisions(),
        labels ? ", " + Numbers.count(positives) + " positives" : ", no labels");
    out.printf(Locale.ROOT, "  %-14s %12s %12s %18s" + (labels ? " %10s %10s %10s %10s" : "") + "%n",
        "action", "old rows", "new rows", "change", "old prec", "new prec", "old recall",
        "new recall");
    Map<String, Counts> a = oldTally.byAction();
    Map<String, Counts> b = comparison.after().byAction();
    Set<String> actions = new LinkedHashSet<>(a.keySet());
    actions.addAll(b.keySet());
    for (String action : actions) {
      Counts x = a.getOrDefault(action, Counts.ZERO);
      Counts y = b.getOrDefault(action, Counts.ZERO);
      out.printf(Locale.ROOT, "  %-14s %12s %12s %18s", action, Numbers.count(x.rows()),
          Numbers.count(y.rows()), change(x.rows(), y.rows()));
      if (labels) {
        out.printf(Locale.ROOT, " %10s %10s %10s %10s",
            Numbers.rate(x.rows() > 0 ? x.positives() / x.rows() : Double.NaN),
            Numbers.rate(y.rows() > 0 ? y.positives() / y.rows() : Double.NaN),
            Numbers.rate(positives > 0 ? x.positives() / positives : Double.NaN),
            Numbers.rate(positives > 0 ? y.positives() / positives : Double.NaN));
      }
      out.println();
    }
    Map<Comparison.ActionChange, Counts> moves = comparison.actionChanges();
    double moved = moves.values().stream().mapToDouble(Counts::rows).sum();
    out.printf(Locale.ROOT, "%s rows (%s) change action%s%n", Numbers.count(moved),
        Numbers.percent(moved, total),
        moves.isEmpty() ? "" : ":");
    moves.forEach((move, m) -> out.printf(Locale.ROOT, "  %-30s %12s%s%n",
        move.from() + " -> " + move.to(), Numbers.count(m.rows()),
        labels ? "  (" + Numbers.count(m.positives()) + " positives)" : ""));
  }

  private static String change(double before, double after) {
    double d = after - before;
    String sign = d > 0 ? "+" : "";
    return sign + Numbers.count(d) + (before > 0 ? " (" + Numbers.change(before, after) + ")" : "");
  }
}

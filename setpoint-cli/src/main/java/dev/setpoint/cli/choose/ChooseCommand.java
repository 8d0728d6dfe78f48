package dev.setpoint.cli.choose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.cli.input.Objectives;
import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.SelectionRows;
import dev.setpoint.cli.report.SelectionRows.Json;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.select.Bands;
import dev.setpoint.select.FlagBudget;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.select.SegmentedSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint choose FILE --objective …}: the operating point an objective chooses, per segment. */
@Command(
    name = "choose",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Chooses the operating point for a stated objective on a scored file: the threshold, its "
          + "confusion matrix and rates, or why no threshold can meet the objective and the nearest "
          + "point that can. With --segment, one choice per segment; a segment with too little "
          + "support inherits its parent's (or the default) threshold, and the report says why. "
          + "With --block-precision and --review-capacity, block and review thresholds are chosen "
          + "jointly.",
      "",
      "Decision rule everywhere: a row is flagged iff score >= threshold (docs/definitions.md).",
      ""
    },
    footer = {
      "",
      "Objectives: " + ObjectiveParser.FORMS + ".",
      "",
      "Examples:",
      "  setpoint choose scores.csv -o 'recall@precision>=0.95'",
      "  setpoint choose scores.csv -o 'cost:fn=10,fp=1' -o f1 --format json",
      "  setpoint choose txns.csv -o 'recall@precision>=0.9' --segment country,tier --min-positives 50",
      "  setpoint choose txns.csv -o 'budget:flags<=500/day,volume=120000/day;prevalence=0.002'",
      "  setpoint choose txns.csv --block-precision 0.95 --review-capacity 'flags<=500/day,volume=120000/day'",
      "",
      "Exit codes: 0 ok (also when an objective is infeasible: that is an answer), 2 usage error,",
      "3 data error (the message names file, line, column and value)."
    })
public final class ChooseCommand implements Callable<Integer> {

  /** Output formats. */
  public enum OutputFormat {
    TABLE,
    JSON
  }

  @Spec private CommandSpec spec;

  @Mixin private InputOptions input;

  @Option(names = {"-o", "--objective"}, paramLabel = "OBJECTIVE",
      description = "What to choose for, e.g. recall@precision>=0.95 (repeatable; see the list "
          + "below).")
  private List<String> objectives = new ArrayList<>();

  @Option(names = "--min-positives", paramLabel = "N", defaultValue = "30",
      description = "With --segment: the fewest positives a segment needs for its own threshold "
          + "(default: ${DEFAULT-VALUE}).")
  private double minPositives;

  @Option(names = "--min-flags", paramLabel = "N", defaultValue = "0",
      description = "With --segment: the fewest rows a segment's threshold must flag "
          + "(default: ${DEFAULT-VALUE}).")
  private double minFlags;

  @Option(names = "--block-precision", paramLabel = "P",
      description = "Choose block and review bands: the block band's precision must be >= P.")
  private Double blockPrecision;

  @Option(names = "--review-capacity", paramLabel = "BUDGET",
      description = "The review band's capacity, as in a budget objective: flags<=K, rate<=X or "
          + "flags<=K/day,volume=V/day.")
  private String reviewCapacity;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  @Override
  public Integer call() throws IOException, DataFormatException {
    List<Objective> parsed = Objectives.parse(spec.commandLine(), objectives);
    Bands bands = bands();
    if (parsed.isEmpty() && bands == null) {
      throw new ParameterException(spec.commandLine(),
          "Nothing to choose: give --objective (e.g. -o 'recall@precision>=0.95') or "
              + "--block-precision with --review-capacity");
    }
    ScoredData data = input.read(true);
    int width = data.segmentColumns().size();
    List<Result> results = new ArrayList<>();
    for (Objective objective : parsed) {
      results.add(new Result(objective, new SegmentedSelection(objective, minPositives, minFlags)
          .choose(data.overall(), data.segments(), width)));
    }
    Bands.Result banded = bands == null ? null : bands.choose(data.overall());
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      json(out, data, results, banded);
    } else {
      table(out, data, results, banded);
    }
    out.flush();
    return 0;
  }

  private record Result(Objective objective, List<SegmentedSelection.Choice> choices) {}

  private Bands bands() {
    if (blockPrecision == null && reviewCapacity == null) {
      return null;
    }
    if (blockPrecision == null || reviewCapacity == null) {
      throw new ParameterException(spec.commandLine(),
          "--block-precision and --review-capacity go together");
    }
    try {
      Objective budget = ObjectiveParser.parse("budget:" + reviewCapacity);
      return new Bands(blockPrecision, (FlagBudget) budget);
    } catch (ObjectiveSyntaxException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option "
          + "'--review-capacity': " + e.problem() + " (expected flags<=K, rate<=X or "
          + "flags<=K/day,volume=V/day)");
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --block-precision or "
          + "--review-capacity: " + e.getMessage());
    }
  }

  private void table(PrintWriter out, ScoredData data, List<Result> results, Bands.Result banded) {
    ReadSummary read = data.read();
    out.printf(Locale.ROOT, "%s: %,d rows used, %s positives, %s negatives%s%n", read.source(),
        read.accepted(), Numbers.count(data.overall().positives()),
        Numbers.count(data.overall().negatives()),
        read.droppedRows() > 0 ? String.format(Locale.ROOT, ", %,d dropped", read.droppedRows())
            : "");
    for (Result r : results) {
      out.println();
      out.println("objective " + r.objective().syntax());
      SelectionRows.header(out, data.segmentColumns().isEmpty() ? "" : "segment");
      for (SegmentedSelection.Choice c : r.choices()) {
        String label = c.segment() == SegmentKey.NONE ? "(default: all rows)" : c.segment().label();
        SelectionRows.row(out, label, c.effective());
        c.reason().ifPresent(why -> out.printf(Locale.ROOT, "  %-34s fell back: %s%n", "", why));
      }
    }
    if (banded != null) {
      out.println();
      out.println("bands: block precision >= " + Numbers.brief(blockPrecision) + ", review "
          + reviewCapacity);
      if (banded instanceof Bands.Chosen b) {
        out.printf(Locale.ROOT, "  %-8s %-44s %10s %10s %10s %9s%n", "band", "scores", "rows",
            "positives", "negatives", "precision");
        band(out, "block", ">= " + Numbers.threshold(b.block()), b.blocked());
        band(out, "review", "[" + Numbers.threshold(b.review()) + ", "
            + Numbers.threshold(b.block()) + ")", b.reviewed());
        band(out, "allow", "< " + Numbers.threshold(b.review()), b.allowed());
        out.printf(Locale.ROOT, "  positives caught by block + review: %s of %s (recall %s)%n",
            Numbers.count(b.blocked().positives() + b.reviewed().positives()),
            Numbers.count(data.overall().positives()), Numbers.rate(b.caughtRecall()));
      } else {
        out.println("  impossible: " + ((Bands.Impossible) banded).reason());
      }
    }
  }

  private static void band(PrintWriter out, String name, String range, Bands.Band band) {
    out.printf(Locale.ROOT, "  %-8s %-44s %10s %10s %10s %9s%n", name, range,
        Numbers.count(band.weight()), Numbers.count(band.positives()),
        Numbers.count(band.negatives()), Numbers.rate(band.precision()));
  }

  private void json(PrintWriter out, ScoredData data, List<Result> results, Bands.Result banded)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("source", data.read().source());
    root.put("rowsUsed", data.read().accepted());
    root.put("rowsDropped", data.read().droppedRows());
    Json.number(root, "positives", data.overall().positives());
    Json.number(root, "negatives", data.overall().negatives());
    ArrayNode columns = root.putArray("segmentColumns");
    data.segmentColumns().forEach(columns::add);
    ArrayNode objectivesNode = root.putArray("objectives");
    for (Result r : results) {
      ObjectNode o = objectivesNode.addObject();
      o.put("objective", r.objective().syntax());
      ArrayNode segments = o.putArray("segments");
      for (SegmentedSelection.Choice c : r.choices()) {
        ObjectNode s = segments.addObject();
        ArrayNode key = s.putArray("segment");
        c.segment().values().forEach(key::add);
        ArrayNode source = s.putArray("source");
        c.source().values().forEach(source::add);
        c.reason().ifPresent(why -> s.put("fallbackReason", why));
        SelectionRows.json(s.putObject("selection"), r.objective(), c.effective());
        if (c.reason().isPresent()) {
          SelectionRows.json(s.putObject("ownSelection"), r.objective(), c.own());
        }
      }
    }
    if (banded instanceof Bands.Chosen b) {
      ObjectNode node = root.putObject("bands");
      Json.number(node, "blockThreshold", b.block());
      Json.number(node, "reviewThreshold", b.review());
      bandJson(node.putObject("block"), b.blocked());
      bandJson(node.putObject("review"), b.reviewed());
      bandJson(node.putObject("allow"), b.allowed());
      Json.number(node, "caughtRecall", b.caughtRecall());
    } else if (banded instanceof Bands.Impossible imp) {
      root.putObject("bands").put("feasible", false).put("reason", imp.reason());
    }
    mapper.writeValue(out, root);
    out.println();
  }

  private static void bandJson(ObjectNode node, Bands.Band band) {
    Json.number(node, "rows", band.weight());
    Json.number(node, "positives", band.positives());
    Json.number(node, "negatives", band.negatives());
    Json.number(node, "precision", band.precision());
  }
}

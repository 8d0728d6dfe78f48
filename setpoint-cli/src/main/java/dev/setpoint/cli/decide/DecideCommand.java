package dev.setpoint.cli.decide;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.setpoint.cli.report.JsonOutput;
import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.policy.PolicyFiles;
import dev.setpoint.cli.policy.PolicyText;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.cli.report.OutputFormat;
import dev.setpoint.cli.report.SelectionRows.Json;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.Validation;
import dev.setpoint.policy.tally.Cell;
import dev.setpoint.policy.tally.Counts;
import dev.setpoint.policy.tally.Tally;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.read.RowSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint decide --policy P FILE}: applies a policy to a scored file, offline. */
@Command(
    name = "decide",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Applies a policy to every row of a scored file, as the decision service would: each row's "
          + "attributes pick the segment (first match wins), its score picks the band "
          + "(score >= minScore). Writes the decisions with -o and prints a summary: rows per "
          + "segment, band and action, and where the file has labels, the realised precision and "
          + "recall of each band next to what the policy's provenance expected.",
      "",
      "The policy's attributes are read from columns of the same name (--attribute maps them "
          + "otherwise). An empty field is the value \"\"; for an attribute matched by range it is "
          + "missing, as a JSON null or missing key is. A file without an attribute's column is "
          + "decided as the service decides requests without the attribute: every row is missing "
          + "it (a note on stderr says so). The label column is optional here.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint decide --policy policy.yaml scores.csv",
      "  setpoint decide --policy policy.yaml txns.csv \\",
      "      --attribute jurisdiction=country -o decisions.csv",
      "  setpoint decide --policy policy.yaml txns.parquet --id txn_id -o decisions.csv",
      "  setpoint decide --policy policy.yaml scores.jsonl --format json",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error (an invalid policy lists every problem)."
    })
public final class DecideCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private InputOptions input;

  @Option(names = "--policy", required = true, paramLabel = "POLICY",
      description = "The policy document (YAML or JSON).")
  private Path policyFile;

  @Option(names = {"-o", "--output"}, converter = OutputPath.class, paramLabel = "FILE",
      description = "Write one decision per row to this CSV: [the --id column,] row (the data row "
          + "number: 1 = the first row after the header, whatever lines its fields span), score, "
          + "segment, band, action, queue, threshold, route, missing attributes, label.")
  private @Nullable Path output;

  @Option(names = "--id", paramLabel = "COLUMN",
      description = "Copy this column (e.g. a transaction id) as the first column of the -o file, "
          + "under its own name.")
  private @Nullable String idColumn;

  @Mixin private AttributeColumns attributeColumns;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Summary format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  @Override
  public Integer call() throws IOException, DataFormatException {
    PrintWriter out = spec.commandLine().getOut();
    Validation.Valid valid = PolicyFiles.load(policyFile, spec.commandLine().getErr());
    Decider decider = Decider.compile(valid);
    for (String name : attributeColumns.named()) {
      if (!decider.attributes().contains(name)) {
        throw new ParameterException(spec.commandLine(), "--attribute " + name + "=...: the policy "
            + "matches on no attribute '" + name + "' (its attributes: "
            + (decider.attributes().isEmpty() ? "none" : String.join(", ", decider.attributes())) + ")");
      }
    }
    if (idColumn != null && output == null) {
      throw new ParameterException(spec.commandLine(), "--id " + idColumn + " names the id column "
          + "of the decisions file: add -o FILE, or drop --id");
    }
    if (idColumn != null && input.readsAsScoreLabelOrWeight(idColumn)) {
      throw new ParameterException(spec.commandLine(), "--id " + idColumn + ": that column is read "
          + "as the score, label or weight, which the decisions file holds already; name a column "
          + "that identifies the row (e.g. --id txn_id)");
    }
    Tally.Counter counter = Tally.counter(decider);
    ReadSummary read;
    try (DecisionWriter writer = output == null ? null : new DecisionWriter(output, idColumn)) {
      read = apply(decider, counter, writer);
    }
    Tally tally = counter.tally();
    attributeColumns.noteAbsent(spec.commandLine().getErr(), read, decider.attributes());
    if (format == OutputFormat.JSON) {
      json(out, valid, decider, tally, read);
    } else {
      table(out, decider, tally, read);
    }
    out.flush();
    return 0;
  }

  private ReadSummary apply(Decider decider, Tally.Counter counter,
      @Nullable DecisionWriter writer) throws IOException, DataFormatException {
    List<String> columns = new ArrayList<>(attributeColumns.columns(decider.attributes()));
    int attributes = columns.size();
    // The id is read as one more column after the attributes, unless an attribute is read from it.
    int id = idColumn == null || writer == null ? -1 : columns.indexOf(idColumn);
    if (idColumn != null && writer != null && id < 0) {
      id = columns.size();
      columns.add(idColumn);
    }
    int idSlot = id;
    Object[] attributeValues = new Object[attributes];
    try {
      // The row's values arrive in the decider's attribute order: decide by position.
      // The attributes' columns may be absent (missing in every row, as in the service); the id's not.
      return input.readRows(columns, Set.copyOf(columns.subList(0, attributes)), (score, label, weight, values, row) -> {
        Object[] byPosition = values;
        if (values.length != attributes) {
          System.arraycopy(values, 0, attributeValues, 0, attributes);
          byPosition = attributeValues;
        }
        Optional<String> refused = decider.refusal(score);
        if (refused.isPresent()) {
          throw new RefusedScore(input.scoreError(row, refused.get()
              + "; the decision service refuses it too (fix the score, or the policy's model.scoreRange)"));
        }
        Decision d = decider.decide(score, byPosition);
        counter.add(d, label == RowSink.UNLABELLED ? Tally.Label.UNKNOWN
            : Tally.Label.of(label == 1), weight);
        if (writer != null) {
          writer.write(idSlot < 0 ? null : values[idSlot], row, score, d, label);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RefusedScore e) {
      throw e.error;
    }
  }

  /** Carries a score the service would refuse out of the row callback. */
  private static final class RefusedScore extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient DataFormatException error;

    RefusedScore(DataFormatException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  /** One CSV row per decision; with an id column, the id comes first. */
  static final class DecisionWriter implements AutoCloseable {
    private static final String[] HEADER = {"row", "score", "segment", "band", "action", "queue",
        "threshold", "route", "missing", "label"};
    private final CsvWriter csv;
    private final String[] fields;
    private final int first;

    /** @param idColumn the column copied first, or null for none */
    DecisionWriter(Path file, @Nullable String idColumn) throws IOException {
      csv = CsvWriter.builder().build(file);
      first = idColumn == null ? 0 : 1;
      fields = new String[first + HEADER.length];
      if (idColumn != null) {
        fields[0] = idColumn;
      }
      System.arraycopy(HEADER, 0, fields, first, HEADER.length);
      csv.writeRecord(fields);
    }

    /** @param id the row's id when there is an id column (ignored otherwise) */
    void write(@Nullable String id, long row, double score, Decision d, int label) {
      if (first == 1) {
        fields[0] = id;
      }
      fields[first] = Long.toString(row);
      fields[first + 1] = Double.toString(score);
      fields[first + 2] = d.segment();
      fields[first + 3] = Integer.toString(d.band());
      fields[first + 4] = d.action();
      fields[first + 5] = d.queue().orElse("");
      fields[first + 6] = d.threshold().isPresent() ? Double.toString(d.threshold().getAsDouble())
          : "";
      fields[first + 7] = d.route().label();
      fields[first + 8] = String.join(";", d.missingAttributes());
      fields[first + 9] = label == RowSink.UNLABELLED ? "" : Integer.toString(label);
      csv.writeRecord(fields); // FastCSV reports write failures as UncheckedIOException
    }

    @Override
    public void close() throws IOException {
      csv.close();
    }
  }

  private void table(PrintWriter out, Decider decider, Tally tally, ReadSummary read) {
    Policy policy = decider.policy();
    out.printf(Locale.ROOT, "%s: %,d rows decided by policy %s (version %s)%s%n", read.source(),
        tally.decisions(), policy.name(), decider.version(),
        tally.everyDecisionLabelled() ? String.format(Locale.ROOT, ", %s positives", Numbers.count(
            tally.total().positives())) : ", no labels");
    if (read.droppedRows() > 0) {
      out.printf(Locale.ROOT, "  %,d rows dropped as invalid%n", read.droppedRows());
    }
    boolean labels = tally.everyDecisionLabelled();
    double totalRows = tally.total().rows();
    double totalPositives = tally.total().positives();
    out.println();
    String head = "  %-20s %-10s %-18s %12s %8s";
    if (labels) {
      out.printf(Locale.ROOT, head + " %10s %9s %9s %9s  %s%n", "segment", "action", "queue", "rows",
          "share", "positives", "precision", "recall", "expected", "scores");
    } else {
      out.printf(Locale.ROOT, head + "  %s%n", "segment", "action", "queue", "rows", "share",
          "scores");
    }
    for (int s = 0; s < policy.segments().size(); s++) {
      Segment segment = policy.segments().get(s);
      List<Provenance.BandExpectation> expected = segment.provenance()
          .flatMap(Provenance::expected).map(Provenance.Expected::bands).orElse(List.of());
      List<Band> bands = segment.bands();
      for (int b = 0; b < bands.size(); b++) {
        Band band = bands.get(b);
        Counts cell = tally.at(new Cell(segment.name(), b, band.action()));
        double rows = cell.rows();
        out.printf(Locale.ROOT, head, b == 0 ? segment.name() : "", band.action(),
            band.queue().orElse(""), Numbers.count(rows), Numbers.percent(rows, totalRows));
        if (labels) {
          double pos = cell.positives();
          String exp = b < expected.size() && expected.get(b).action().equals(band.action())
              ? Numbers.rate(expected.get(b).precision()) : "";
          out.printf(Locale.ROOT, " %10s %9s %9s %9s", Numbers.count(pos),
              Numbers.rate(rows > 0 ? pos / rows : Double.NaN),
              Numbers.rate(totalPositives > 0 ? pos / totalPositives : Double.NaN), exp);
        }
        out.println("  " + PolicyText.scores(bands, b));
      }
    }
    out.println();
    out.println("by action:");
    tally.byAction().forEach((action, acc) -> {
      out.printf(Locale.ROOT, "  %-20s %12s %8s", action, Numbers.count(acc.rows()),
          Numbers.percent(acc.rows(), totalRows));
      if (labels) {
        out.printf(Locale.ROOT, "  precision %s, recall %s", Numbers.rate(acc.rows() > 0
            ? acc.positives() / acc.rows() : Double.NaN), Numbers.rate(totalPositives > 0
            ? acc.positives() / totalPositives : Double.NaN));
      }
      out.println();
    });
    if (!tally.missingAttributes().isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "missing attributes: %s; %,d rows went to the default segment because "
          + "of them%n", tally.missingAttributes(), tally.defaultedForMissingAttributes());
    }
    if (labels) {
      out.println();
      out.println("precision = positives / rows of the band; recall = its share of all positives; "
          + "expected = the band's precision in the policy's provenance data");
    }
    if (output != null) {
      out.println("decisions written to " + output);
    }
  }

  private void json(PrintWriter out, Validation.Valid valid, Decider decider, Tally tally,
      ReadSummary read) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("source", read.source());
    root.put("policy", valid.policy().name());
    root.put("policyVersion", decider.version());
    root.put("policySha256", valid.sha256());
    boolean labels = tally.everyDecisionLabelled();
    double totalPositives = tally.total().positives();
    root.put("rows", tally.decisions());
    root.put("rowsDropped", read.droppedRows());
    root.put("labelled", labels);
    Json.number(root, "weight", tally.total().rows());
    if (labels) {
      Json.number(root, "positives", totalPositives);
    }
    ArrayNode segments = root.putArray("segments");
    Policy policy = valid.policy();
    for (int s = 0; s < policy.segments().size(); s++) {
      Segment segment = policy.segments().get(s);
      ObjectNode seg = segments.addObject().put("name", segment.name());
      ArrayNode bands = seg.putArray("bands");
      for (int b = 0; b < segment.bands().size(); b++) {
        Band band = segment.bands().get(b);
        ObjectNode node = bands.addObject().put("action", band.action());
        band.queue().ifPresent(q -> node.put("queue", q));
        band.minScore().ifPresent(t -> node.put("minScore", t));
        Counts cell = tally.at(new Cell(segment.name(), b, band.action()));
        Json.number(node, "rows", cell.rows());
        if (labels) {
          double pos = cell.positives();
          Json.number(node, "positives", pos);
          Json.number(node, "precision", cell.rows() > 0 ? pos / cell.rows() : Double.NaN);
          Json.number(node, "recall", totalPositives > 0 ? pos / totalPositives : Double.NaN);
        }
      }
    }
    ObjectNode actions = root.putObject("actions");
    tally.byAction().forEach((action, acc) -> {
      ObjectNode node = actions.putObject(action);
      Json.number(node, "rows", acc.rows());
      if (labels) {
        Json.number(node, "positives", acc.positives());
        Json.number(node, "precision", acc.rows() > 0 ? acc.positives() / acc.rows() : Double.NaN);
      }
    });
    ObjectNode missing = root.putObject("missingAttributes");
    tally.missingAttributes().forEach(missing::put);
    ArrayNode absent = root.putArray("absentColumns");
    read.absentColumns().forEach(absent::add);
    root.put("defaultedForMissingAttributes", tally.defaultedForMissingAttributes());
    if (output != null) {
      root.put("decisions", output.toString());
    }
    JsonOutput.print(root, out);
  }
}

package dev.setpoint.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.read.ReadSummary;
import java.util.Locale;

/**
 * The {@code format} and {@code rows} members every {@code --format json} report that read a file
 * writes, so that {@code evaluate} on the rows and {@code evaluate --sketch} describe their input in
 * the same shape.
 */
public final class ReadJson {

  private ReadJson() {}

  /** Writes {@code format} and {@code rows} (read, used, dropped, by reason, examples) into root. */
  public static void write(ObjectNode root, ReadSummary read) {
    root.put("format", read.format().name().toLowerCase(Locale.ROOT));
    ObjectNode rows = root.putObject("rows");
    rows.put("read", read.rows());
    rows.put("used", read.accepted());
    rows.put("dropped", read.droppedRows());
    ObjectNode reasons = rows.putObject("droppedByReason");
    read.dropped().forEach(reasons::put);
    ArrayNode examples = rows.putArray("droppedExamples");
    read.examples().forEach(examples::add);
  }
}

package dev.setpoint.cli.audit;

import blue.strategic.parquet.ParquetWriter;
import blue.strategic.parquet.ValueWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Store.LabelledDecision;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes decisions as Parquet rows, with parquet-floor (the library {@code setpoint-io} reads Parquet
 * with), a row at a time: id, time (milliseconds, UTC), policy, version, segment, band, action, score,
 * label (1, 0, or null when the decision has none), one text column per attribute named (null when a
 * request lacked it), and {@code attributes}, all of a request's attributes as a JSON object.
 * An attribute whose name is one of the fixed columns' is written as {@code attribute_NAME}.
 */
final class DecisionParquet implements Closeable {

  /** The columns every export has, in order. */
  static final List<String> FIXED = List.of("id", "time", "policy", "version", "segment", "band",
      "action", "score", "label", "attributes");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ParquetWriter<LabelledDecision> writer;
  /** Attribute name to its column's name. */
  private final Map<String, String> attributeColumns = new LinkedHashMap<>();

  /**
   * @param file a file that does not exist yet
   * @param attributes the attributes that get a column each
   */
  DecisionParquet(Path file, List<String> attributes) throws IOException {
    for (String a : attributes) {
      attributeColumns.put(a, FIXED.contains(a) ? "attribute_" + a : a);
    }
    this.writer = ParquetWriter.writeFile(schema(attributeColumns.values()), file.toFile(),
        this::dehydrate);
  }

  /** The columns of an export with these attribute columns. */
  static MessageType schema(Iterable<String> attributeColumns) {
    List<Type> fields = new ArrayList<>();
    fields.add(text("id", true));
    fields.add(Types.required(PrimitiveTypeName.INT64)
        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
        .named("time"));
    fields.add(text("policy", true));
    fields.add(Types.required(PrimitiveTypeName.INT64).named("version"));
    fields.add(text("segment", true));
    fields.add(Types.required(PrimitiveTypeName.INT32).named("band"));
    fields.add(text("action", true));
    fields.add(Types.required(PrimitiveTypeName.DOUBLE).named("score"));
    fields.add(Types.optional(PrimitiveTypeName.INT32).named("label"));
    for (String column : attributeColumns) {
      fields.add(text(column, false));
    }
    fields.add(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType())
        .named("attributes"));
    return new MessageType("decision", fields);
  }

  private static Type text(String name, boolean required) {
    return (required ? Types.required(PrimitiveTypeName.BINARY)
        : Types.optional(PrimitiveTypeName.BINARY)).as(LogicalTypeAnnotation.stringType())
        .named(name);
  }

  /** Writes one decision. */
  void write(LabelledDecision decision) throws IOException {
    writer.write(decision);
  }

  private void dehydrate(LabelledDecision labelled, ValueWriter out) {
    DecisionRecord d = labelled.decision();
    out.write("id", d.id());
    out.write("time", d.at().toEpochMilli());
    out.write("policy", d.policy());
    out.write("version", d.version());
    out.write("segment", d.segment());
    out.write("band", d.band());
    out.write("action", d.action());
    out.write("score", d.score());
    labelled.label().ifPresent(positive -> out.write("label", positive ? 1 : 0));
    if (!attributeColumns.isEmpty()) {
      JsonNode attributes;
      try {
        attributes = JSON.readTree(d.attributes());
      } catch (JsonProcessingException e) {
        // Written by the server from a parsed request: unreadable means a damaged store.
        throw new UncheckedIOException("decision " + d.id() + ": its stored attributes are not "
            + "JSON", e);
      }
      attributeColumns.forEach((name, column) -> {
        JsonNode v = attributes.get(name);
        if (v != null && !v.isNull()) {
          out.write(column, v.isTextual() ? v.asText() : v.toString());
        }
      });
    }
    out.write("attributes", d.attributes());
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}

package dev.setpoint.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Outcomes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON of decisions, written by streaming (no tree): the answer to one decision, the answer to a
 * batch, and the audit record of a decision. One writer per field list, so the three agree.
 */
final class DecisionJson {

  private DecisionJson() {}

  /** Writes of a JSON generator that may fail with an IOException. */
  @FunctionalInterface
  interface Writes {
    void write(JsonGenerator g) throws IOException;
  }

  /** JSON written by streaming, as bytes. */
  static byte[] streamed(int sizeHint, Writes writes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = Requests.JSON.getFactory().createGenerator(out)) {
      writes.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The answer to one decision. */
  static byte[] single(DecisionRecord r) {
    return streamed(256, g -> {
      g.writeStartObject();
      decision(g, r);
      g.writeEndObject();
    });
  }

  /**
   * The answer to a batch: the policy, version and time once, then per decision only what differs.
   */
  static byte[] batch(String name, long version, long now, List<DecisionRecord> records) {
    return streamed(64 + records.size() * 160, g -> {
      g.writeStartObject();
      g.writeStringField("policy", name);
      g.writeNumberField("version", version);
      g.writeStringField("at", Instant.ofEpochMilli(now).toString());
      g.writeArrayFieldStart("decisions");
      for (DecisionRecord r : records) {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        fields(g, r);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * The compact answer to a batch: the batch id once (decision i's id is {@code batch.i}), each
   * distinct outcome once, and per decision the index of its outcome.
   */
  static byte[] compactBatch(String name, long version, long now, String batch,
      Outcomes outcomes) {
    return streamed(160 + outcomes.size() * 3, g -> {
      g.writeStartObject();
      g.writeStringField("policy", name);
      g.writeNumberField("version", version);
      g.writeStringField("at", Instant.ofEpochMilli(now).toString());
      g.writeStringField("batch", batch);
      g.writeArrayFieldStart("outcomes");
      for (DecisionRecord.Outcome o : outcomes.distinct()) {
        g.writeStartObject();
        fields(g, o);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("decisions");
      for (int i = 0; i < outcomes.size(); i++) {
        g.writeNumber(outcomes.of(i));
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** A decision's fields as the single answer and the audit record give them. */
  static void decision(JsonGenerator g, DecisionRecord r) throws IOException {
    g.writeStringField("id", r.id());
    g.writeStringField("policy", r.policy());
    g.writeNumberField("version", r.version());
    fields(g, r);
    g.writeStringField("at", r.at().toString());
  }

  /** The fields every answer carries: action, queue, segment, band, threshold, route, missing. */
  private static void fields(JsonGenerator g, DecisionRecord r) throws IOException {
    fields(g, r.outcome());
  }

  private static void fields(JsonGenerator g, DecisionRecord.Outcome r) throws IOException {
    g.writeStringField("action", r.action());
    if (r.queue().isPresent()) {
      g.writeStringField("queue", r.queue().get());
    }
    g.writeStringField("segment", r.segment());
    g.writeNumberField("band", r.band());
    if (r.threshold().isPresent()) {
      g.writeNumberField("threshold", r.threshold().getAsDouble());
    } else {
      g.writeNullField("threshold");
    }
    g.writeStringField("route", r.route());
    g.writeArrayFieldStart("missingAttributes");
    for (String m : r.missing()) {
      g.writeString(m);
    }
    g.writeEndArray();
  }
}

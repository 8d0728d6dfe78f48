package dev.setpoint.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Outcomes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
   * The answer to a batch: the policy, version and time once, then per decision its id
   * ({@code batch.i}) and outcome. Each distinct outcome's fields are written once and copied.
   */
  static byte[] batch(String name, long version, long now, String batch, Outcomes outcomes) {
    List<SerializedString> fields = new ArrayList<>(outcomes.distinct().size());
    for (DecisionRecord.Outcome o : outcomes.distinct()) {
      byte[] object = streamed(192, g -> {
        g.writeStartObject();
        fields(g, o);
        g.writeEndObject();
      });
      // The fields without the braces, after the id: ,"action":…
      fields.add(new SerializedString(","
          + new String(object, 1, object.length - 2, StandardCharsets.UTF_8)));
    }
    char[] id = Arrays.copyOf((batch + ".").toCharArray(), batch.length() + 12);
    return streamed(64 + outcomes.size() * 180, g -> {
      g.writeStartObject();
      g.writeStringField("policy", name);
      g.writeNumberField("version", version);
      g.writeStringField("at", Instant.ofEpochMilli(now).toString());
      g.writeArrayFieldStart("decisions");
      for (int i = 0; i < outcomes.size(); i++) {
        g.writeStartObject();
        g.writeFieldName("id");
        g.writeString(id, 0, withIndex(id, batch.length() + 1, i));
        g.writeRaw(fields.get(outcomes.of(i)));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** Writes {@code i}'s digits into {@code id} from {@code at}; returns the id's length. */
  private static int withIndex(char[] id, int at, int i) {
    int digits = 1;
    for (int rest = i; rest >= 10; rest /= 10) {
      digits++;
    }
    int n = i;
    for (int k = at + digits - 1; k >= at; k--) {
      id[k] = (char) ('0' + n % 10);
      n /= 10;
    }
    return at + digits;
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
